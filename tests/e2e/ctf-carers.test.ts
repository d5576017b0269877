import { readFileSync } from 'node:fs';
import type { Viewer } from '@commonroom/auth';
import { type Db, queryRows } from '@commonroom/db';
import { parentsUnderTest } from '@commonroom/parents/testing';
import { progressUnderTest } from '@commonroom/progress/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestHub, type TestHub } from '@commonroom/test-kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverCarerHandoffs } from '../../scripts/carer-handoffs.ts';
import { ERASE_MUTATION, SUBJECT_ACCESS_QUERY } from '../../scripts/data-subject.ts';

/**
 * A CTF's contacts become carers in the parents subgraph: the demo file imported through the real gateway by
 * Catmose College's head, its carers handed from progress to parents (scripts/carer-handoffs.ts, as
 * `npm run import:ctf` and `npm start` run it), then a carer signs in and sees their child through the gateway
 * — and nobody else's. A second import hands off nothing; the subject access export shows the carer links, and
 * erasure removes them.
 */
const CTF = readFileSync(new URL('../../data/ctf/8575404_CTF_8575406_001.xml', import.meta.url), 'utf8');
const DEST = 136530;
const head: Viewer = { role: 'school_staff', sub: 'e2e-head', urn: DEST, staffId: `S${DEST}-01` };
const IMPORT = 'mutation ($xml: String!) { importCommonTransferFile(xml: $xml) { inserted unchanged } }';
const ME = `query { me { ... on Carer { id displayName email phone preferredLanguage preferredChannel
  links { relationship parentalResponsibility primaryContact pupil { id displayName } } } } }`;

let hub: TestHub;
const db = (name: string) => hub.subgraphs[name]?.db as Db;
const deliver = () => deliverCarerHandoffs({ progress: db('progress'), parents: db('parents') });
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
  hub = await startTestHub([schoolsUnderTest, progressUnderTest({ urns: [142401] }), parentsUnderTest]);
});
afterAll(() => hub?.close());

describe("a CTF's contacts become carers who can sign in", () => {
  it('hands the carers to parents, where a carer signs in and sees their child through the gateway', async () => {
    const res = await hub.query(head, IMPORT, { xml: CTF });
    expect(res.errors).toBeUndefined();
    // Until delivered, parents knows nothing of them.
    expect(await carerByEmail('sadia.hussain@example.org')).toBeUndefined();
    const delivered = await deliver();
    expect(delivered.pupils).toBe(3);
    // Two contacts in the file (a mother and a father); the third pupil has none.
    expect(delivered.carersAdded).toBe(2);

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
    await hub.query(head, IMPORT, { xml: CTF });
    expect(await deliver()).toEqual({ pupils: 0, carersAdded: 0, linksWritten: 0, linksRemoved: 0 });
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
