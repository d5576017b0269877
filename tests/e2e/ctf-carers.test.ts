import { readFileSync } from 'node:fs';
import type { Viewer } from '@commonroom/auth';
import { ANONYMOUS, serviceSigningSecret, signViewer } from '@commonroom/auth';
import { type Db, queryRows } from '@commonroom/db';
import { parentsUnderTest } from '@commonroom/parents/testing';
import { progressUnderTest } from '@commonroom/progress/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { internalCallUrl } from '@commonroom/subgraph-kit';
import { startTestHub, type TestHub, testAuth } from '@commonroom/test-kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ERASE_MUTATION, SUBJECT_ACCESS_QUERY } from '../../scripts/data-subject.ts';

/**
 * A CTF's contacts become carers in the parents subgraph while the hub runs: the demo file imported through the
 * real gateway by Catmose College's head; progress's handoff worker (as its index.ts starts it) delivers the
 * carers from its outbox to parents over a signed internal call, with nobody running a script; then a carer
 * signs in and sees their child through the gateway — and nobody else's. With parents down the handoff waits
 * and goes when it is back; a second import hands off nothing; the subject access export shows the carer
 * links, and erasure removes them.
 */
const CTF = readFileSync(new URL('../../data/ctf/8575404_CTF_8575406_001.xml', import.meta.url), 'utf8');
const DEST = 136530;
const head: Viewer = { role: 'school_staff', sub: 'e2e-head', urn: DEST, staffId: `S${DEST}-01` };
const IMPORT = 'mutation ($xml: String!) { importCommonTransferFile(xml: $xml) { inserted unchanged } }';
const ME = `query { me { ... on Carer { id displayName email phone preferredLanguage preferredChannel
  links { relationship parentalResponsibility primaryContact pupil { id displayName } } } } }`;

let hub: TestHub;
const db = (name: string) => hub.subgraphs[name]?.db as Db;
/** Waits for the worker (no time limit of its own: the machine may be busy; vitest's timeout ends a hang). */
const eventually = <T>(check: () => Promise<T>) => vi.waitFor(check, { timeout: 240_000, interval: 100 });
const pendingHandoffs = async () =>
  (
    await queryRows<{ n: number }>(
      db('progress'),
      sql`select count(*)::int as n from progress.carer_handoffs where delivered_at is null`,
    )
  )[0]?.n;
const ctfAuditEvents = async () =>
  (
    await queryRows<{ n: number }>(
      db('parents'),
      sql`select count(*)::int as n from parents.audit_events where actor_sub = 'ctf-import'`,
    )
  )[0]?.n;
const carer = (carerId: string): Viewer => ({ role: 'carer', sub: `e2e-${carerId}`, carerId });

async function pupilByUpn(upn: string) {
  const [row] = await queryRows<{ id: string }>(
    db('progress'),
    sql`select id from progress.pupils where upn = ${upn}`,
  );
  if (!row) throw new Error(`no pupil ${upn}`);
  return row.id;
}
async function carerByEmail(email: string) {
  const [row] = await queryRows<{ id: string }>(
    db('parents'),
    sql`select id from parents.carers where email = ${email}`,
  );
  return row?.id;
}

beforeAll(async () => {
  hub = await startTestHub([
    schoolsUnderTest,
    progressUnderTest({
      urns: [142401],
      handoffsTo: { parentsUrl: () => hub.subgraphs.parents?.url as string, intervalMs: 200 },
    }),
    parentsUnderTest,
  ]);
});
afterAll(() => hub?.close());

describe("a CTF's contacts become carers who can sign in", () => {
  it('hands the carers to parents, where a carer signs in and sees their child through the gateway', async () => {
    expect(await carerByEmail('sadia.hussain@example.org')).toBeUndefined();
    const res = await hub.query(head, IMPORT, { xml: CTF });
    expect(res.errors).toBeUndefined();
    // Nobody runs a script: the worker delivers the three pupils' handoffs.
    await eventually(async () => expect(await pendingHandoffs()).toBe(0));
    expect(
      await queryRows(
        db('progress'),
        sql`select 1 from progress.carer_handoffs where delivered_at is not null`,
      ),
    ).toHaveLength(3);
    // Two contacts in the file (a mother and a father); the third pupil has none.
    expect(
      await queryRows(db('parents'), sql`select 1 from parents.carers where id like 'CTF-%'`),
    ).toHaveLength(2);

    const amira = await pupilByUpn('Y380200115004');
    const sadia = await carerByEmail('sadia.hussain@example.org');
    expect(sadia).toMatch(/^CTF-/);
    const me = await hub.query<{ me: Record<string, unknown> }>(carer(sadia as string), ME);
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toMatchObject({
      id: sadia,
      displayName: expect.stringContaining('Hussain'),
      email: 'sadia.hussain@example.org',
      phone: '07700 900123',
      preferredChannel: 'EMAIL',
      links: [
        {
          relationship: 'MOTHER',
          parentalResponsibility: true,
          primaryContact: true,
          pupil: { id: amira, displayName: expect.stringContaining('Hussain') },
        },
      ],
    });
    // The pupil's first language (the file has no language for the contact): Urdu → ur.
    expect(me.data?.me.preferredLanguage).toBe('ur');
  });

  it("refuses a carer another child's record", async () => {
    const amira = await pupilByUpn('Y380200115004');
    const [other] = await queryRows<{ carer_id: string }>(
      db('parents'),
      sql`select carer_id from parents.carer_links where pupil_id <> ${amira} and carer_id like 'CTF-%' limit 1`,
    );
    const res = await hub.query<{ pupil: unknown }>(
      carer(other?.carer_id as string),
      'query ($id: ID!) { pupil(id: $id) { displayName } }',
      {
        id: amira,
      },
    );
    expect(res.data?.pupil ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('hands off nothing when the same file comes again', async () => {
    const events = await ctfAuditEvents();
    expect(events).toBeGreaterThan(0);
    const res = await hub.query<{ importCommonTransferFile: { unchanged: number } }>(head, IMPORT, {
      xml: CTF,
    });
    expect(res.data?.importCommonTransferFile.unchanged).toBe(3);
    expect(await pendingHandoffs()).toBe(0);
    expect(await ctfAuditEvents()).toBe(events);
  });

  it('keeps a handoff while parents is down and delivers it when parents is back', async () => {
    const parents = hub.subgraphs.parents;
    if (!parents) throw new Error('no parents subgraph');
    await parents.pause();
    try {
      const changed = CTF.replace('07700 900123', '07700 900999');
      const res = await hub.query(head, IMPORT, { xml: changed });
      expect(res.errors).toBeUndefined();
      // The import does not depend on parents; the changed pupil's handoff waits in the outbox.
      expect(await pendingHandoffs()).toBe(1);
    } finally {
      await parents.resume();
    }
    await eventually(async () => expect(await pendingHandoffs()).toBe(0));
    const sadia = await carerByEmail('sadia.hussain@example.org');
    const [row] = await queryRows<{ phone: string }>(
      db('parents'),
      sql`select phone from parents.carers where id = ${sadia}`,
    );
    expect(row?.phone).toBe('07700 900999');
  });

  it('refuses the internal call unsigned, signed as the gateway, or with a bad payload', async () => {
    const url = internalCallUrl(hub.subgraphs.parents?.url as string, 'carer-handoffs');
    const post = (body: string, headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const stranger = JSON.stringify({
      call: 'carer-handoffs',
      args: [{ pupilId: 'P-NOBODY', urn: DEST, carers: [] }],
    });
    expect((await post(stranger, {})).status).toBe(401);
    // The gateway's key signs requests to /graphql only.
    expect(
      (await post(stranger, signViewer(ANONYMOUS, stranger, testAuth.gatewaySigningSecret))).status,
    ).toBe(401);
    const service = (body: string) =>
      post(body, signViewer(ANONYMOUS, body, serviceSigningSecret(testAuth.gatewaySigningSecret)));
    const bad = JSON.stringify({
      call: 'carer-handoffs',
      args: [{ pupilId: 'P-NOBODY', urn: DEST, carers: [{ carerId: 'x' }] }],
    });
    const refused = await service(bad);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
    // Another call's name in the body cannot ride on this address.
    const other = JSON.stringify({ call: 'something-else', args: [] });
    expect((await service(other)).status).toBe(404);
    expect(
      await queryRows(db('parents'), sql`select 1 from parents.pupil_directory where id = 'P-NOBODY'`),
    ).toHaveLength(0);
  });

  it("shows the carer links in the pupil's subject access export, and erasure removes them", async () => {
    const amira = await pupilByUpn('Y380200115004');
    const [school] = await queryRows<{ trust_id: string }>(
      db('progress'),
      sql`select trust_id from progress.school_directory where urn = ${DEST}`,
    );
    const dpo: Viewer = { role: 'dpo', sub: 'e2e-dpo', trustId: school?.trust_id as string };
    const sar = await hub.query<{ subjectAccessExport: { parents: { carerLinks: unknown[] } } }>(
      dpo,
      SUBJECT_ACCESS_QUERY,
      { pupilId: amira },
    );
    expect(sar.errors).toBeUndefined();
    expect(JSON.stringify(sar.data?.subjectAccessExport.parents)).toContain('CTF-');
    const erased = await hub.query(dpo, ERASE_MUTATION, { pupilId: amira });
    expect(erased.errors).toBeUndefined();
    for (const [name, table] of [
      ['parents', 'parents.carer_links'],
      ['progress', 'progress.carer_links'],
      ['progress', 'progress.carer_handoffs'],
    ] as const) {
      const rows = await queryRows(db(name), sql`select 1 from ${sql.raw(table)} where pupil_id = ${amira}`);
      expect(rows, table).toHaveLength(0);
    }
  });
});

describe('a pupil who moves: the old school keeps the parent-facing data until the leaving date', () => {
  const OLD = 142401;
  const oldStaff: Viewer = { role: 'school_staff', sub: 'e2e-old-head', urn: OLD, staffId: `S${OLD}-01` };
  const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const moveFile = (pupil: Record<string, string>, leavingDate: string) =>
    CTF.replace(
      /<CTFpupilData>[\s\S]*<\/CTFpupilData>/,
      `<CTFpupilData><Pupil><UPN>${pupil.upn}</UPN><Surname>${pupil.family_name}</Surname>
        <Forename>${pupil.given_name}</Forename><DOB>${pupil.date_of_birth}</DOB><Sex>F</Sex>
        <BasicDetails><NCyearActual>6</NCyearActual></BasicDetails>
        <SchoolHistory><School><LEA>857</LEA><Estab>2001</Estab><URN>${OLD}</URN>
          <SchoolName>Cottesmore Academy</SchoolName>
          <EntryDate>2019-09-01</EntryDate><LeavingDate>${leavingDate}</LeavingDate></School></SchoolHistory>
      </Pupil></CTFpupilData>`,
    );
  const carersInParents = (viewer: Viewer, id: string) =>
    hub.subgraphs.parents?.request<{ _entities: ({ carers: unknown[] } | null)[] }>(
      viewer,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Pupil { carers { relationship } } } }',
      { r: [{ __typename: 'Pupil', id }] },
    );

  it('lets the old school see the carers up to the leaving date, and refuses them (FORBIDDEN) after', async () => {
    const [pupil] = await queryRows<Record<string, string>>(
      db('progress'),
      sql`select p.id, p.upn, p.given_name, p.family_name, p.date_of_birth::text from progress.pupils p
          where p.urn = ${OLD} and p.on_roll_to = 2025
            and exists (select 1 from progress.carer_links l where l.pupil_id = p.id)
          order by p.id desc limit 1`,
    );
    if (!pupil) throw new Error('no pupil to move');
    const id = pupil.id as string;
    expect((await carersInParents(oldStaff, id))?.data?._entities[0]?.carers.length).toBeGreaterThan(0);

    // Leaving at the end of next month: the new school has the child, the old one still sees their carers.
    const moved = await hub.query(head, IMPORT, { xml: moveFile(pupil, iso(30)) });
    expect(moved.errors).toBeUndefined();
    await eventually(async () => expect(await pendingHandoffs()).toBe(0));
    const [place] = await queryRows<{ urn: number }>(
      db('parents'),
      sql`select urn from parents.pupil_directory where id = ${id}`,
    );
    expect(place?.urn).toBe(DEST);
    const before = await hub.query<{ pupil: { carers: unknown[] } }>(
      oldStaff,
      'query ($id: ID!) { pupil(id: $id) { carers { relationship } } }',
      { id },
    );
    expect(before.errors).toBeUndefined();
    expect(before.data?.pupil.carers.length).toBeGreaterThan(0);
    expect((await carersInParents(head, id))?.data?._entities[0]?.carers.length).toBeGreaterThan(0);

    // A later file gives yesterday: the handoff goes again with the date, and parents refuses the old school.
    const left = await hub.query(head, IMPORT, { xml: moveFile(pupil, iso(-1)) });
    expect(left.errors).toBeUndefined();
    await eventually(async () => {
      const after = await carersInParents(oldStaff, id);
      expect(after?.data?._entities[0] ?? null).toBeNull();
      expect(after?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
    expect((await carersInParents(head, id))?.data?._entities[0]?.carers.length).toBeGreaterThan(0);
  });
});
