import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Viewer } from '@commonroom/auth';
import { type Db, queryRows } from '@commonroom/db';
import { parentsUnderTest } from '@commonroom/parents/testing';
import { practiceUnderTest } from '@commonroom/practice/testing';
import { progressUnderTest } from '@commonroom/progress/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestHub, type TestHub } from '@commonroom/test-kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_URN, OWN_TRUST, OWN_URN, YEAR } from '../security/personas.ts';

/**
 * Governors, trustees and a trust's settings through the real gateway and all four subgraphs: the governing
 * body's one request (its report, CPD and Parent View, rounded), what it may never read, and a trust leader
 * changing the stuck rule, which every report shows at once and the audit trail records; and reviews every half
 * term (at the end of the file).
 */
const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub([
    schoolsUnderTest,
    progressUnderTest({ urns: [OWN_URN, OTHER_URN] }),
    practiceUnderTest,
    parentsUnderTest,
  ]);
});
afterAll(() => hub?.close());

const progressDb = () => hub.subgraphs.progress?.db as Db;
const governor: Viewer = { role: 'governor', sub: 'governor@catmose', urn: OWN_URN };
const trustee: Viewer = { role: 'governor', sub: 'trustee@rutland-beacon', trustId: OWN_TRUST };
const leader: Viewer = { role: 'trust_leader', sub: 'leader@rutland-beacon', trustId: OWN_TRUST };
const dpo: Viewer = { role: 'dpo', sub: 'dpo@rutland-beacon', trustId: OWN_TRUST };

const GOVERNING_BODY = `query Governors($urn: Int!, $year: Int!) { school(urn: $urn) {
  name
  governorReport(academicYear: $year) {
    progress { pupils stuckPupils stuckWithoutPlan onTrack { value } disadvantagedGap { value suppressed } }
    disadvantagedGaps { subject groups { group attainment { value suppressed } } }
    disadvantagedGapTrend { academicYear gap { value suppressed } }
    supportTakeUp { eligibleForSupport accessingSupport takeUp { value suppressed } }
  }
  cpd(academicYear: $year) { hours }
  parentSatisfaction(academicYear: $year) { responses }
} }`;

interface GoverningBodyAnswer {
  school: {
    governorReport: {
      progress: { pupils: number | null; stuckPupils: number | null; stuckWithoutPlan: number | null } | null;
      disadvantagedGaps: { subject: string }[];
      disadvantagedGapTrend: { academicYear: number }[];
      supportTakeUp: { eligibleForSupport: number | null; accessingSupport: number | null };
    } | null;
    cpd: unknown;
    parentSatisfaction: unknown;
  } | null;
}
interface AuditAnswer {
  trust: {
    progressAuditEvents: { nodes: { actorSub: string; fields: string[]; outcome: string }[] } | null;
  } | null;
}

const PROGRESS = `query ($urn: Int!, $year: Int!) { school(urn: $urn) { progress(academicYear: $year) { stuckPupils } } }`;
const SETTINGS = `query ($id: ID!) { trust(id: $id) { settings { custom stuckAfterAssessments minimumKeyStageShare retentionYears } } }`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateTrustSettingsInput!) {
  updateTrustSettings(trustId: $id, input: $input) { stuckAfterAssessments minimumKeyStageShare retentionYears }
}`;

describe('the governing body', () => {
  it('puts its report, CPD and Parent View in one request, every count rounded', async () => {
    const res = await hub.query<GoverningBodyAnswer>(governor, GOVERNING_BODY, { urn: OWN_URN, year: YEAR });
    expect(res.errors).toBeUndefined();
    const school = res.data?.school;
    const report = school?.governorReport;
    if (!school || !report?.progress) throw new Error('no report');
    expect(report.progress.pupils).toBeGreaterThan(0);
    for (const n of [
      report.progress.pupils,
      report.progress.stuckPupils,
      report.progress.stuckWithoutPlan,
      report.supportTakeUp.eligibleForSupport,
      report.supportTakeUp.accessingSupport,
    ])
      expect(n === null || n % 5 === 0, `count ${n}`).toBe(true);
    expect(report.disadvantagedGaps.map((g) => g.subject)).toEqual(['READING', 'WRITING', 'MATHS']);
    expect(report.disadvantagedGapTrend.at(-1)?.academicYear).toBe(YEAR);
    expect(school.cpd).not.toBeNull();
    expect(school.parentSatisfaction).not.toBeNull();
  });

  it('never reaches a pupil: stuck pupils, a pupil by id and the roster are FORBIDDEN', async () => {
    const [pupil] = await queryRows<{ id: string }>(
      progressDb(),
      sql`select id from progress.pupils where urn = ${OWN_URN} order by id limit 1`,
    );
    for (const [operation, variables] of [
      [
        `query ($urn: Int!) { school(urn: $urn) { stuckPupils(academicYear: ${YEAR}) { totalCount } } }`,
        { urn: OWN_URN },
      ],
      ['query ($id: ID!) { pupil(id: $id) { id displayName } }', { id: pupil?.id }],
    ] as const) {
      for (const viewer of [governor, trustee]) {
        const res = await hub.query(viewer, operation, variables);
        expect(res.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
        expect(JSON.stringify(res.data ?? {})).not.toContain(pupil?.id as string);
      }
    }
  });

  it('a governor of another school of the same trust is refused; the trust’s trustees read both schools', async () => {
    const other: Viewer = { role: 'governor', sub: 'governor@leighfield', urn: OTHER_URN };
    const refused = await hub.query<GoverningBodyAnswer>(other, GOVERNING_BODY, { urn: OWN_URN, year: YEAR });
    expect(refused.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    expect(refused.data?.school?.governorReport ?? null).toBeNull();
    for (const urn of [OWN_URN, OTHER_URN]) {
      const res = await hub.query<GoverningBodyAnswer>(trustee, GOVERNING_BODY, { urn, year: YEAR });
      expect(res.errors).toBeUndefined();
      expect(res.data?.school?.governorReport?.progress).not.toBeNull();
    }
  });

  it('the token command prints a governor and a trustee with demo defaults', async () => {
    const token = async (...args: string[]) =>
      (
        await exec(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], { cwd: root })
      ).stdout.trim();
    const claims = (jwt: string) =>
      JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString());
    const school = claims(await token('--role', 'governor'));
    expect(school.commonroom).toEqual({ role: 'governor', urn: expect.any(Number) });
    expect(school.sub).toBe(`governor-${school.commonroom.urn}`);
    expect(claims(await token('--role', 'governor', '--trust', OWN_TRUST)).commonroom).toEqual({
      role: 'governor',
      trustId: OWN_TRUST,
    });
  });
});

describe('a trust’s settings', () => {
  const stuckNow = async () =>
    (
      await hub.query<{ school: { progress: { stuckPupils: number } | null } | null }>(leader, PROGRESS, {
        urn: OWN_URN,
        year: YEAR,
      })
    ).data?.school?.progress?.stuckPupils;
  /** Stuck pupils as the stored per-pupil results have them, to compare with the summary the report reads. */
  const stuckInResults = async () =>
    (
      await queryRows<{ n: number }>(
        progressDb(),
        sql`select count(distinct pupil_id)::int as n from progress.pupil_results
            where urn = ${OWN_URN} and academic_year = ${YEAR} and stuck`,
      )
    )[0]?.n;

  it('refuses a value outside its safe bounds, naming the field, and changes nothing', async () => {
    const before = await hub.query(leader, SETTINGS, { id: OWN_TRUST });
    const res = await hub.query(leader, UPDATE, {
      id: OWN_TRUST,
      input: { retentionYears: 10, stuckAfterAssessments: 1 },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'stuckAfterAssessments',
    });
    expect(await hub.query(leader, SETTINGS, { id: OWN_TRUST })).toEqual(before);
  });

  it('a looser stuck rule shows on the reports at once, summaries and results agreeing; undone, as before', async () => {
    const settings = await hub.query<{
      trust: { settings: { stuckAfterAssessments: number; minimumKeyStageShare: number } };
    }>(leader, SETTINGS, { id: OWN_TRUST });
    const original = settings.data?.trust.settings;
    const before = await stuckNow();
    expect(before).toBe(await stuckInResults());
    const changed = await hub.query(leader, UPDATE, {
      id: OWN_TRUST,
      input: { stuckAfterAssessments: 6, minimumKeyStageShare: 0.01 },
    });
    expect(changed.errors).toBeUndefined();
    const looser = await stuckNow();
    expect(looser).toBeLessThan(before as number);
    expect(looser).toBe(await stuckInResults());

    const input = {
      stuckAfterAssessments: original?.stuckAfterAssessments,
      minimumKeyStageShare: original?.minimumKeyStageShare,
    };
    const restored = await hub.query(leader, UPDATE, { id: OWN_TRUST, input });
    expect(restored.data?.updateTrustSettings).toMatchObject(input);
    expect(await stuckNow()).toBe(before);
  });

  it('records every change in the trust’s audit trail, for its DPO', async () => {
    const res = await hub.query<AuditAnswer>(
      dpo,
      `query ($id: ID!) { trust(id: $id) { progressAuditEvents(first: 50) { nodes { actorSub fields outcome } } } }`,
      { id: OWN_TRUST },
    );
    const events = (res.data?.trust?.progressAuditEvents?.nodes ?? []).filter((e) =>
      e.fields.includes('Mutation.updateTrustSettings'),
    );
    expect(events.map((e) => e.outcome).sort()).toEqual(['OK', 'OK', 'REJECTED']);
    expect(events.every((e) => e.actorSub === leader.sub)).toBe(true);
  });
});

describe('targets', () => {
  const staff: Viewer = {
    role: 'school_staff',
    sub: 'head@catmose',
    urn: OWN_URN,
    staffId: `S${OWN_URN}-01`,
  };
  const SET = `mutation ($input: SetProgressTargetsInput!) { setProgressTargets(input: $input) {
    academicYear stuckPupils stuckWithoutPlan disadvantagedGap } }`;
  const REPORT = `query ($urn: Int!) { school(urn: $urn) { governorReport(academicYear: ${YEAR}) {
    progress { stuckPupils } targets { stuckPupils stuckWithoutPlan disadvantagedGap } targetTrend { academicYear stuckPupils }
  } } }`;
  type ReportAnswer = {
    school: {
      governorReport: {
        targets: { stuckPupils: number | null; disadvantagedGap: number | null } | null;
        targetTrend: { academicYear: number; stuckPupils: number | null }[];
      };
    };
  };
  const target = (academicYear: number, rest: Record<string, unknown>) => ({
    input: { scope: 'SCHOOL', id: String(OWN_URN), academicYear, ...rest },
  });

  it('the school sets "no stuck pupils"; its governors see it beside the figures, with the years before', async () => {
    const last = await hub.query(staff, SET, target(YEAR - 1, { stuckPupils: 10, disadvantagedGap: 0.1 }));
    expect(last.errors).toBeUndefined();
    const now = await hub.query(
      staff,
      SET,
      target(YEAR, { stuckPupils: 0, stuckWithoutPlan: 0, disadvantagedGap: 0.05 }),
    );
    expect(now.data?.setProgressTargets).toEqual({
      academicYear: YEAR,
      stuckPupils: 0,
      stuckWithoutPlan: 0,
      disadvantagedGap: 0.05,
    });
    const res = await hub.query<ReportAnswer>(governor, REPORT, { urn: OWN_URN });
    expect(res.errors).toBeUndefined();
    const report = res.data?.school.governorReport;
    expect(report?.targets).toMatchObject({ stuckPupils: 0, disadvantagedGap: 0.05 });
    expect(report?.targetTrend.map((t) => [t.academicYear, t.stuckPupils])).toEqual([
      [YEAR - 1, 10],
      [YEAR, 0],
    ]);
  });

  it('refuses a target that cannot be meant, naming it, and one set by anyone but the school’s staff', async () => {
    const before = await hub.query(governor, REPORT, { urn: OWN_URN });
    const bad = await hub.query(staff, SET, target(YEAR, { stuckPupils: 2, stuckWithoutPlan: 3 }));
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'stuckWithoutPlan' });
    for (const viewer of [governor, trustee, leader]) {
      const refused = await hub.query(viewer, SET, target(YEAR, { stuckPupils: 50 }));
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await hub.query(governor, REPORT, { urn: OWN_URN })).toEqual(before);
  });

  it('a trust’s leaders set the trust’s, which its trustees see on the board’s report', async () => {
    const set = await hub.query(leader, SET, {
      input: { scope: 'TRUST', id: OWN_TRUST, academicYear: YEAR, stuckPupils: 0 },
    });
    expect(set.errors).toBeUndefined();
    const res = await hub.query<{ trust: { governorReport: { targets: { stuckPupils: number } } } }>(
      trustee,
      `query ($id: ID!) { trust(id: $id) { governorReport(academicYear: ${YEAR}) { targets { stuckPupils } } } }`,
      { id: OWN_TRUST },
    );
    expect(res.data?.trust.governorReport.targets).toEqual({ stuckPupils: 0 });
  });
});

/*
 * Reviews every half term: the school's staff list the pupils whose review is overdue, a trust's leaders put its
 * vulnerable pupils on a shorter cycle (validated, audited), and the counts on the school's and the trust's
 * governor reports follow, exact for staff and leaders and rounded for governors.
 */
const staffOf = (urn: number): Viewer => ({
  role: 'school_staff',
  sub: `head@${urn}`,
  urn,
  staffId: `S${urn}-01`,
});
// A leader of their own, so that the audit trail's changes of the cycle are told from the stuck rule's above.
const cycleLeader: Viewer = { role: 'trust_leader', sub: 'cycles@rutland-beacon', trustId: OWN_TRUST };

/** Three weeks after the demo's last review (8 July, next set six weeks on): due on a two-week cycle only. */
const AS_OF = `${YEAR + 1}-08-01`;

interface Listed {
  pupil: { id: string; disadvantaged: boolean; sen: string; lookedAfter: boolean };
  lastReviewedOn: string | null;
  dueOn: string | null;
}
const LIST = `query ($urn: Int!, $asOf: String) { school(urn: $urn) { overdueReviews(asOf: $asOf) {
  pupil { id disadvantaged sen lookedAfter } lastReviewedOn dueOn } } }`;
const SCHOOL_COUNT = `query ($urn: Int!, $asOf: String) { school(urn: $urn) {
  governorReport(academicYear: ${YEAR}) { overdueReviews(asOf: $asOf) } } }`;
const TRUST_COUNT = `query ($id: ID!, $asOf: String) { trust(id: $id) {
  governorReport(academicYear: ${YEAR}) { overdueReviews(asOf: $asOf) } } }`;
const UPDATE_CYCLE = `mutation ($id: ID!, $input: UpdateTrustSettingsInput!) {
  updateTrustSettings(trustId: $id, input: $input) { vulnerableReviewWeeks } }`;
const CYCLE = `query ($id: ID!) { trust(id: $id) { settings { vulnerableReviewWeeks } } }`;

async function listOf(urn: number, asOf = AS_OF) {
  const res = await hub.query<{ school: { overdueReviews: Listed[] } }>(staffOf(urn), LIST, { urn, asOf });
  expect(res.errors).toBeUndefined();
  return res.data?.school.overdueReviews ?? [];
}
async function schoolCount(viewer: Viewer, asOf = AS_OF) {
  const res = await hub.query<{ school: { governorReport: { overdueReviews: number | null } } }>(
    viewer,
    SCHOOL_COUNT,
    { urn: OWN_URN, asOf },
  );
  expect(res.errors).toBeUndefined();
  return res.data?.school.governorReport.overdueReviews ?? null;
}
async function trustCount(viewer: Viewer) {
  const res = await hub.query<{ trust: { governorReport: { overdueReviews: number | null } } }>(
    viewer,
    TRUST_COUNT,
    { id: OWN_TRUST, asOf: AS_OF },
  );
  expect(res.errors).toBeUndefined();
  return res.data?.trust.governorReport.overdueReviews ?? null;
}
const vulnerable = (p: Listed['pupil']) =>
  p.lookedAfter || p.disadvantaged || p.sen === 'EHC_PLAN' || p.sen === 'SEN_SUPPORT';

describe('reviews every half term', () => {
  it('starts on the default half-termly cycle', async () => {
    const res = await hub.query(cycleLeader, CYCLE, { id: OWN_TRUST });
    expect(res.data).toEqual({ trust: { settings: { vulnerableReviewWeeks: 6 } } });
  });

  it('lists, for the school’s staff, the pupils who missed their last review, and counts them on the reports', async () => {
    const list = await listOf(OWN_URN);
    expect(list.length).toBeGreaterThan(0);
    for (const o of list) expect(o.dueOn === null || o.dueOn < AS_OF, JSON.stringify(o)).toBe(true);
    // A review held on the last demo date (8 July) set the next for six weeks on: not due on AS_OF.
    expect(list.some((o) => o.lastReviewedOn === `${YEAR + 1}-07-08`)).toBe(false);
    expect(await schoolCount(staffOf(OWN_URN))).toBe(list.length);
    expect(await trustCount(cycleLeader)).toBe(list.length + (await listOf(OTHER_URN)).length);
    // Reviews held after the day asked about do not count: a day after the first, it is everyone's last.
    const early = await listOf(OWN_URN, `${YEAR + 1}-02-13`);
    expect(early.every((o) => o.lastReviewedOn === null)).toBe(true);
  });

  it('gives governors and trustees the counts rounded or hidden, never exact, and never the list', async () => {
    const exact = await schoolCount(staffOf(OWN_URN));
    const rounded = await schoolCount(governor);
    expect(rounded === null || rounded % 5 === 0).toBe(true);
    if (rounded !== null) expect(Math.abs(rounded - (exact as number))).toBeLessThanOrEqual(2);
    const board = await trustCount(trustee);
    expect(board === null || board % 5 === 0).toBe(true);
    for (const viewer of [governor, trustee, cycleLeader, staffOf(OTHER_URN)]) {
      const res = await hub.query(viewer, LIST, { urn: OWN_URN, asOf: AS_OF });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(res.data?.school).toEqual({ overdueReviews: null });
    }
  });

  it('refuses a cycle outside 2–6 weeks and a bad date, naming the field, changing nothing', async () => {
    const before = await hub.query(cycleLeader, CYCLE, { id: OWN_TRUST });
    // (A fraction is not an Int: GraphQL refuses it before the resolver.)
    for (const weeks of [1, 7]) {
      const res = await hub.query(cycleLeader, UPDATE_CYCLE, {
        id: OWN_TRUST,
        input: { vulnerableReviewWeeks: weeks },
      });
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'vulnerableReviewWeeks',
      });
    }
    expect(await hub.query(cycleLeader, CYCLE, { id: OWN_TRUST })).toEqual(before);
    const bad = await hub.query(staffOf(OWN_URN), LIST, { urn: OWN_URN, asOf: '2026-13-01' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
  });

  it('a two-week cycle for vulnerable pupils makes theirs overdue, and only theirs; the reports follow', async () => {
    const before = await listOf(OWN_URN);
    const trustBefore = await trustCount(cycleLeader);
    const changed = await hub.query(cycleLeader, UPDATE_CYCLE, {
      id: OWN_TRUST,
      input: { vulnerableReviewWeeks: 2 },
    });
    expect(changed.errors).toBeUndefined();
    expect(changed.data).toEqual({ updateTrustSettings: { vulnerableReviewWeeks: 2 } });

    const after = await listOf(OWN_URN);
    const added = after.filter((o) => !before.some((b) => b.pupil.id === o.pupil.id));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((o) => vulnerable(o.pupil))).toBe(true);
    expect(added.every((o) => o.dueOn === `${YEAR + 1}-07-22`)).toBe(true);
    expect(after.filter((o) => !vulnerable(o.pupil)).length).toBe(
      before.filter((o) => !vulnerable(o.pupil)).length,
    );
    expect(await schoolCount(staffOf(OWN_URN))).toBe(after.length);
    expect(await trustCount(cycleLeader)).toBeGreaterThan(trustBefore as number);

    // The pupil's own field agrees for staff; their carer, who may not learn the child is vulnerable, is
    // answered by the date set at the last review, which they see.
    const [linked] = await queryRows<{ pupil_id: string; carer_id: string }>(
      progressDb(),
      sql`select pupil_id, carer_id from progress.carer_links
          where pupil_id in (${sql.join(
            added.map((o) => sql`${o.pupil.id}`),
            sql`, `,
          )}) order by pupil_id, carer_id limit 1`,
    );
    if (!linked) throw new Error('no newly overdue pupil has a carer in the demo');
    const OVERDUE = `query ($id: ID!, $asOf: String) { pupil(id: $id) { reviewOverdue(asOf: $asOf) } }`;
    const asStaff = await hub.query<{ pupil: { reviewOverdue: boolean } }>(staffOf(OWN_URN), OVERDUE, {
      id: linked.pupil_id,
      asOf: AS_OF,
    });
    expect(asStaff.data?.pupil.reviewOverdue).toBe(true);
    const carer: Viewer = { role: 'carer', sub: 'carer@catmose', carerId: linked.carer_id };
    const asCarer = await hub.query<{ pupil: { reviewOverdue: boolean } }>(carer, OVERDUE, {
      id: linked.pupil_id,
      asOf: AS_OF,
    });
    expect(asCarer.errors).toBeUndefined();
    expect(asCarer.data?.pupil.reviewOverdue).toBe(false);

    const restored = await hub.query(cycleLeader, UPDATE_CYCLE, {
      id: OWN_TRUST,
      input: { vulnerableReviewWeeks: 6 },
    });
    expect(restored.errors).toBeUndefined();
    expect((await listOf(OWN_URN)).map((o) => o.pupil.id)).toEqual(before.map((o) => o.pupil.id));
  });

  it('records every change of the cycle in the trust’s audit trail, for its DPO', async () => {
    const res = await hub.query<{
      trust: { progressAuditEvents: { nodes: { actorSub: string; fields: string[]; outcome: string }[] } };
    }>(
      dpo,
      `query ($id: ID!) { trust(id: $id) { progressAuditEvents(first: 50) { nodes { actorSub fields outcome } } } }`,
      { id: OWN_TRUST },
    );
    const events = (res.data?.trust.progressAuditEvents.nodes ?? []).filter(
      (e) => e.fields.includes('Mutation.updateTrustSettings') && e.actorSub === cycleLeader.sub,
    );
    expect(events.map((e) => e.outcome).sort()).toEqual(['OK', 'OK', 'REJECTED', 'REJECTED']);
  });
});
