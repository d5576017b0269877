import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Viewer } from '@commonroom/auth';
import { type Db, queryRows } from '@commonroom/db';
import { parentsUnderTest } from '@commonroom/parents/testing';
import { practiceUnderTest } from '@commonroom/practice/testing';
import { progressUnderTest } from '@commonroom/progress/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestHub, type TestHub, tokenFor } from '@commonroom/test-kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPrincipal } from '../../scripts/personas.ts';
import { runRetention } from '../../scripts/retention.ts';
import { OTHER_LA, OWN_LA, OWN_TRUST, OWN_URN } from '../security/personas.ts';

/**
 * The LA as the responsible body of the schools it maintains (in no trust), end to end through the gateway:
 * Oakham CofE Primary (120181) is a Rutland school in no trust, so Rutland's commissioners run its support
 * market and Rutland's DPO acts for its pupils — subject access, erasure, the audit trail, retention — and
 * neither for Catmose Primary (138113), an academy of the Rutland Beacon Schools Trust in the same LA, whose
 * trust acts instead.
 */
const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const MAINTAINED_URN = 120181;

let hub: TestHub;
let maintainedPupil: string;
let academyPupil: string;
beforeAll(async () => {
  hub = await startTestHub([
    schoolsUnderTest,
    progressUnderTest({ urns: [OWN_URN, MAINTAINED_URN] }),
    practiceUnderTest,
    parentsUnderTest,
  ]);
  const current = async (urn: number) =>
    (
      await queryRows<{ id: string }>(
        db('progress'),
        sql`select id from progress.pupils where urn = ${urn} and on_roll_to = 2025 order by id limit 1`,
      )
    )[0]?.id as string;
  maintainedPupil = await current(MAINTAINED_URN);
  academyPupil = await current(OWN_URN);
  expect(maintainedPupil).toBeTruthy();
  expect(academyPupil).toBeTruthy();
});
afterAll(() => hub?.close());

const db = (name: string) => hub.subgraphs[name]?.db as Db;
const laDpo: Viewer = { role: 'dpo', sub: 'dpo@rutland', laCode: OWN_LA };
const otherLaDpo: Viewer = { role: 'dpo', sub: 'dpo@leicester', laCode: OTHER_LA };
const trustDpo: Viewer = { role: 'dpo', sub: 'dpo@beacon', trustId: OWN_TRUST };
const officer: Viewer = { role: 'la_officer', sub: 'officer@rutland', laCode: OWN_LA };
const commissioner: Viewer = { ...officer, sub: 'commissioner@rutland', commissioner: true };
const otherCommissioner: Viewer = {
  role: 'la_officer',
  sub: 'commissioner@leicester',
  laCode: OTHER_LA,
  commissioner: true,
};
const leader: Viewer = { role: 'trust_leader', sub: 'leader@beacon', trustId: OWN_TRUST };
const staffOf = (urn: number): Viewer => ({
  role: 'school_staff',
  sub: `head@${urn}`,
  urn,
  staffId: `S${urn}-01`,
});

const EXPORT = 'query ($id: ID!) { subjectAccessExport(pupilId: $id) { pupilId progress parents } }';
interface Event {
  actorSub: string | null;
  pupilIds: string[];
  schoolUrns: number[];
  fields: string[];
}
type Trail = Record<string, { totalCount: number; nodes: Event[] } | null>;
const LA_TRAIL = `query ($code: String!) { localAuthority(code: $code) {
  progressAuditEvents(first: 50) { totalCount nodes { actorSub pupilIds schoolUrns fields } }
  parentsAuditEvents(first: 50) { totalCount nodes { actorSub pupilIds schoolUrns fields } }
  practiceAuditEvents(first: 50) { totalCount nodes { actorSub pupilIds schoolUrns fields } }
} }`;

async function cli(viewer: Viewer, script: string, args: string[]) {
  const token = (await tokenFor(viewer)) as string;
  return exec(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts', script), ...args, '--url', hub.gateway.url, '--token', token],
    { cwd: root },
  );
}
const codes = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) =>
  new Set((errors ?? []).map((e) => e.extensions?.code));

const APPROVE = `mutation ($input: ApproveProviderInput!) { approveProvider(input: $input) {
  id approvals { trust { id } localAuthority { code } } } }`;
const PUBLISH = `mutation ($input: PublishSupportOptionInput!) { publishSupportOption(input: $input) {
  id offeredAt { urn } } }`;
const WITHDRAW = 'mutation ($id: ID!) { withdrawSupportOption(id: $id) { id withdrawnOn } }';
const optionInput = (providerId: string, offeredAt: number[]) => ({
  providerId,
  title: 'Reading catch-up with Rutland Reads',
  description: 'Twelve weekly sessions in school.',
  subject: 'READING',
  mode: 'SMALL_GROUP',
  cost: 180,
  capacity: 20,
  offeredAt,
});
const firstError = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  res.errors?.[0]?.extensions;

describe("an LA's commissioners, for the schools it maintains", () => {
  let providerId: string;
  let optionId: string;
  const options = async () =>
    (
      await queryRows<{ n: number }>(
        db('progress'),
        sql`select count(*)::int as n from progress.support_options`,
      )
    )[0]?.n;

  it('approve a provider for the LA; an officer who is not a commissioner may not', async () => {
    const input = { name: 'Rutland Reads', description: 'Volunteer reading mentors across Rutland.' };
    const refused = await hub.query(officer, APPROVE, { input });
    expect(firstError(refused)?.code).toBe('FORBIDDEN');
    const res = await hub.query<{
      approveProvider: {
        id: string;
        approvals: { trust: unknown; localAuthority: { code: string } | null }[];
      };
    }>(commissioner, APPROVE, { input });
    expect(res.errors).toBeUndefined();
    expect(res.data?.approveProvider.approvals).toEqual([{ trust: null, localAuthority: { code: OWN_LA } }]);
    providerId = res.data?.approveProvider.id as string;
  });

  it("publish its options at the LA's maintained schools only, and pupils there can book them", async () => {
    const before = await options();
    // Not at an academy of the LA, and not by a trust with the LA's provider: refused, nothing written.
    const academy = await hub.query(commissioner, PUBLISH, { input: optionInput(providerId, [OWN_URN]) });
    expect(firstError(academy)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'offeredAt' });
    const byTrust = await hub.query(leader, PUBLISH, { input: optionInput(providerId, [OWN_URN]) });
    expect(firstError(byTrust)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'providerId' });
    const byOfficer = await hub.query(officer, PUBLISH, { input: optionInput(providerId, [MAINTAINED_URN]) });
    expect(firstError(byOfficer)?.code).toBe('FORBIDDEN');
    expect(await options()).toBe(before);

    const res = await hub.query<{ publishSupportOption: { id: string; offeredAt: { urn: number }[] } }>(
      commissioner,
      PUBLISH,
      { input: optionInput(providerId, [MAINTAINED_URN]) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.publishSupportOption.offeredAt).toEqual([{ urn: MAINTAINED_URN }]);
    optionId = res.data?.publishSupportOption.id as string;

    // An entitled pupil of the maintained school is offered it, and the school books it for them.
    const [entitled] = await queryRows<{ pupil_id: string }>(
      db('progress'),
      sql`select e.pupil_id from progress.entitlements e join progress.pupils p on p.id = e.pupil_id
          where e.urn = ${MAINTAINED_URN} and e.eligible and e.academic_year = p.on_roll_to and p.on_roll_to = 2025
          order by e.pupil_id limit 1`,
    );
    expect(entitled).toBeTruthy();
    const pupilId = entitled?.pupil_id as string;
    const offered = await hub.query<{ pupil: { entitlement: { options: { id: string }[] } } }>(
      staffOf(MAINTAINED_URN),
      'query ($id: ID!) { pupil(id: $id) { entitlement { options { id } } } }',
      { id: pupilId },
    );
    expect(offered.data?.pupil.entitlement.options.map((o) => o.id)).toContain(optionId);
    const booked = await hub.query<{ bookSupport: { status: string } }>(
      staffOf(MAINTAINED_URN),
      'mutation ($p: ID!, $o: ID!) { bookSupport(pupilId: $p, optionId: $o) { status } }',
      { p: pupilId, o: optionId },
    );
    expect(booked.errors).toBeUndefined();
    expect(booked.data?.bookSupport.status).toBe('BOOKED');
  });

  it('withdraw their own options; another LA and a trust may not', async () => {
    for (const viewer of [otherCommissioner, leader]) {
      const refused = await hub.query(viewer, WITHDRAW, { id: optionId });
      expect(firstError(refused)?.code, JSON.stringify(viewer)).toBe('FORBIDDEN');
    }
    const res = await hub.query<{ withdrawSupportOption: { withdrawnOn: string | null } }>(
      commissioner,
      WITHDRAW,
      { id: optionId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.withdrawSupportOption.withdrawnOn).toBeTruthy();
  });
});

describe("an LA's data protection officer", () => {
  it('is a development persona of its own (`--role dpo --la CODE`)', () => {
    expect(demoPrincipal('dpo', { la: OWN_LA })).toEqual({
      role: 'dpo',
      sub: `dpo-la-${OWN_LA}`,
      laCode: OWN_LA,
    });
    expect(() => demoPrincipal('dpo', { la: 'Rutland' })).toThrow(/three-digit/);
  });

  it('exports a pupil of a school the LA maintains with the `sar` command; nobody else may', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'commonroom-la-sar-')), 'sar.json');
    await cli(laDpo, 'sar.ts', ['--pupil', maintainedPupil, '--out', out]);
    const doc = JSON.parse(await readFile(out, 'utf8')) as {
      pupilId: string;
      progress: Record<string, unknown[]>;
      parents: Record<string, unknown[]>;
    };
    expect(doc.pupilId).toBe(maintainedPupil);
    expect(doc.progress.pupil).toHaveLength(1);
    expect(doc.progress.assessments?.length).toBeGreaterThan(0);

    // Not another LA's DPO, not the LA's officers, not a trust's DPO, not the school.
    for (const viewer of [otherLaDpo, officer, trustDpo, staffOf(MAINTAINED_URN)]) {
      const res = await hub.query(viewer, EXPORT, { id: maintainedPupil });
      expect(codes(res.errors), JSON.stringify(viewer)).toEqual(new Set(['FORBIDDEN']));
      expect(res.data?.subjectAccessExport ?? null).toBeNull();
    }
    // An academy in the same LA is its trust's to act for, not the LA's.
    const academy = await hub.query(laDpo, EXPORT, { id: academyPupil });
    expect(codes(academy.errors)).toEqual(new Set(['FORBIDDEN']));
    const byTrust = await hub.query(trustDpo, EXPORT, { id: academyPupil });
    expect(byTrust.errors).toBeUndefined();
  });

  it("reads the audit trail of the LA's maintained schools in every subgraph, and only theirs", async () => {
    const read = 'query ($id: ID!) { pupil(id: $id) { id ethnicity carers { relationship } } }';
    for (const [urn, id] of [
      [MAINTAINED_URN, maintainedPupil],
      [OWN_URN, academyPupil],
    ] as const) {
      const res = await hub.query(staffOf(urn), read, { id });
      expect(res.errors).toBeUndefined();
    }
    const res = await hub.query<{ localAuthority: Trail }>(laDpo, LA_TRAIL, { code: OWN_LA });
    expect(res.errors).toBeUndefined();
    const trail = res.data?.localAuthority as Trail;
    for (const name of ['progressAuditEvents', 'parentsAuditEvents'] as const) {
      const events = trail[name]?.nodes ?? [];
      expect(events.find((e) => e.actorSub === `head@${MAINTAINED_URN}`)?.pupilIds, name).toEqual([
        maintainedPupil,
      ]);
      // Nothing about the academy's pupils, nor any event away from the LA's maintained schools.
      expect(
        events.filter((e) => e.actorSub === `head@${OWN_URN}`),
        name,
      ).toEqual([]);
      expect(
        events.filter((e) => !e.schoolUrns.includes(MAINTAINED_URN)),
        name,
      ).toEqual([]);
    }
    expect(trail.practiceAuditEvents).not.toBeNull();

    // Another LA's DPO, the LA's officers, the trust's DPO and the school's staff are refused it.
    for (const viewer of [otherLaDpo, officer, trustDpo, staffOf(MAINTAINED_URN)]) {
      const refused = await hub.query<{ localAuthority: Trail }>(viewer, LA_TRAIL, { code: OWN_LA });
      expect(codes(refused.errors), JSON.stringify(viewer)).toEqual(new Set(['FORBIDDEN']));
      expect(refused.data?.localAuthority?.progressAuditEvents ?? null).toBeNull();
    }
  });

  it('erases a pupil of a maintained school with the `erase` command; a second run changes nothing', async () => {
    const refused = await cli(otherLaDpo, 'erase.ts', ['--pupil', maintainedPupil]).catch(
      (error: { stderr: string }) => error,
    );
    expect(String((refused as { stderr?: string }).stderr)).toMatch(/FORBIDDEN/);
    const pupils = async (id: string) =>
      (
        await queryRows<{ n: number }>(
          db('progress'),
          sql`select count(*)::int as n from progress.pupils where id = ${id}`,
        )
      )[0]?.n;
    expect(await pupils(maintainedPupil)).toBe(1);

    const { stdout } = await cli(laDpo, 'erase.ts', ['--pupil', maintainedPupil]);
    expect(stdout).toMatch(/progress: erased/);
    expect(stdout).toMatch(/parents: erased/);
    expect(await pupils(maintainedPupil)).toBe(0);
    expect(await pupils(academyPupil)).toBe(1);
    const again = await cli(laDpo, 'erase.ts', ['--pupil', maintainedPupil]);
    expect(again.stdout).toMatch(/progress: already erased/);
    expect(again.stdout).toMatch(/parents: already erased/);
  });

  it("runs retention for the LA's maintained schools only (`retention --la`)", async () => {
    const dbs = { progress: db('progress'), parents: db('parents') };
    const past = async (where: ReturnType<typeof sql>) =>
      (
        await queryRows<{ id: string }>(
          db('progress'),
          sql`select id from progress.pupils where on_roll_to <= 2024 and ${where} order by id`,
        )
      ).map((r) => r.id);
    const maintained = await past(sql`urn = ${MAINTAINED_URN}`);
    const academy = await past(sql`urn = ${OWN_URN}`);
    expect(maintained.length).toBeGreaterThan(0);
    expect(academy.length).toBeGreaterThan(0);

    const byLa = await runRetention(dbs, { today: '2031-09-01', dryRun: true, scope: { laCode: OWN_LA } });
    expect(byLa.pupils).toEqual(maintained);
    const byOtherLa = await runRetention(dbs, {
      today: '2031-09-01',
      dryRun: true,
      scope: { laCode: OTHER_LA },
    });
    expect(byOtherLa.pupils).toEqual([]);
    const byTrust = await runRetention(dbs, {
      today: '2031-09-01',
      dryRun: true,
      scope: { trustId: OWN_TRUST },
    });
    expect(byTrust.pupils).toEqual(academy);

    const result = await runRetention(dbs, { today: '2031-09-01', scope: { laCode: OWN_LA } });
    expect(result.erasedByTrust).toEqual({ none: maintained.length });
    expect(await past(sql`urn = ${MAINTAINED_URN}`)).toEqual([]);
    expect(await past(sql`urn = ${OWN_URN}`)).toEqual(academy);
  });
});
