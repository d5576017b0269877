import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { demoSelection, demoStaff } from '@commonroom/demo';
import { roundTo } from '@commonroom/disclosure';
import { progressUnderTest } from '@commonroom/progress/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestHub, type TestHub } from '@commonroom/test-kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation } from './contract.ts';

/**
 * The progress contract operations through the real gateway, over the schools subgraph (the whole DfE list)
 * and the progress subgraph seeded with every demo school in Rutland (LA 857), which holds trusts TR0963–TR0965
 * whole.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub([schoolsUnderTest, progressUnderTest({ laCodes: ['857'] })]);
});
afterAll(() => hub?.close());

const YEAR = 2025;
const CATMOSE_COLLEGE = 136530;
const CASTERTON_COLLEGE = 137340;
const laOfficer = (laCode: string): Viewer => ({ role: 'la_officer', sub: 'e2e', laCode });
const trustLeader = (trustId: string): Viewer => ({ role: 'trust_leader', sub: 'e2e', trustId });
const staffOf = (urn: number): Viewer => ({ role: 'school_staff', sub: 'e2e', urn, staffId: `S${urn}-01` });
const anonymous: Viewer = { role: 'anonymous' };

const progressDb = () => {
  const progress = hub.subgraphs.progress;
  if (!progress) throw new Error('no progress subgraph');
  return progress.db;
};

type M = { value: number | null; cohort?: number | null; suppressed: boolean; reason?: string | null };

describe('contract: la-gaps.graphql as a Rutland LA officer', () => {
  interface LaGaps {
    localAuthority: {
      name: string;
      gaps: { group: string; attainment: M; stuckRate: M }[];
      gapTrend: { academicYear: number; gap: M; gapIndex: M }[];
      schools: { nodes: { urn: number; name: string; progress: { disadvantagedGap: M } }[] };
    };
  }

  it("returns Rutland's maths gaps, trend and each school's disadvantaged gap, matching the data", async () => {
    const res = await hub.query<LaGaps>(laOfficer('857'), contractOperation('la-gaps'), {
      laCode: '857',
      academicYear: YEAR,
    });
    expect(res.errors).toBeUndefined();
    const la = res.data?.localAuthority;
    expect(la?.name).toBe('Rutland');

    const rows = await queryRows<{ disadvantaged: boolean; n: number; at_expected: number; stuck: number }>(
      progressDb(),
      sql`select disadvantaged, count(*)::int as n, (count(*) filter (where at_expected))::int as at_expected,
            (count(*) filter (where stuck))::int as stuck
          from progress.pupil_results where la_code = '857' and academic_year = ${YEAR} and subject = 'MATHS'
          group by disadvantaged`,
    );
    const dis = rows.find((r) => r.disadvantaged);
    const others = rows.find((r) => !r.disadvantaged);
    if (!dis || !others) throw new Error('expected both groups');
    const byGroup = new Map(la?.gaps.map((g) => [g.group, g]));
    // A Rutland school hides its small disadvantaged maths group on its own, so the LA's figure for the group
    // would give it back by subtraction (LA minus the schools that publish theirs): the LA's is hidden, and
    // with it the other side of the dimension (docs/disclosure-control.md, cross-level differencing).
    expect(byGroup.get('DISADVANTAGED')?.attainment).toEqual({ value: null, cohort: null, suppressed: true });
    expect(byGroup.get('NOT_DISADVANTAGED')?.attainment).toEqual({
      value: null,
      cohort: null,
      suppressed: true,
    });
    expect(byGroup.get('DISADVANTAGED')?.stuckRate.value).toBeNull();
    // A realistic gap: disadvantaged pupils behind, by 10 to 40 percentage points.
    const gap = others.at_expected / others.n - dis.at_expected / dis.n;
    expect(gap).toBeGreaterThan(0.1);
    expect(gap).toBeLessThan(0.4);

    expect(la?.gapTrend.map((t) => t.academicYear)).toEqual([2021, 2022, 2023, 2024, 2025]);
    // A year is hidden in the trend whenever that year's gaps hide the other side (2025, above); a year shown
    // is rounded like every figure an LA officer sees.
    expect(la?.gapTrend.at(-1)?.gap).toMatchObject({ value: null, suppressed: true });
    for (const point of la?.gapTrend ?? []) {
      if (point.gap.suppressed) continue;
      expect(point.gap.value).toBeGreaterThan(0);
      expect(point.gap.value).toBe(roundTo(point.gap.value ?? 0, 2));
      expect(point.gapIndex.value).toBeGreaterThan(0);
      expect(point.gapIndex.value).toBeLessThan(10);
    }

    const schools = la?.schools.nodes ?? [];
    expect(schools).toHaveLength(10);
    // Every school's gap is a number, or null with the reason (suppressed, or no pupils assessed).
    for (const s of schools) {
      const g = s.progress.disadvantagedGap;
      if (g.value === null) expect(g.reason).toBeTruthy();
      if (g.suppressed) expect(g.value).toBeNull();
    }
    expect(schools.filter((s) => s.progress.disadvantagedGap.value !== null).length).toBeGreaterThanOrEqual(
      8,
    );
    const parks = schools.find((s) => s.urn === 120355);
    expect(parks?.progress.disadvantagedGap).toMatchObject({
      value: null,
      reason: 'One of the groups has no pupils.',
    });
  });

  it("refuses another LA's officer, school staff and anonymous callers", async () => {
    for (const viewer of [laOfficer('891'), staffOf(CATMOSE_COLLEGE), anonymous]) {
      const res = await hub.query<LaGaps>(viewer, contractOperation('la-gaps'), {
        laCode: '857',
        academicYear: YEAR,
      });
      expect(res.errors?.some((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
      expect(res.data?.localAuthority?.gaps ?? null).toBeNull();
    }
  });
});

/** school-stuck.graphql, whole: stuck pupils with their guide, plan and entitlement, and the take-up. */
const SCHOOL_STUCK = contractOperation('school-stuck');

describe('contract: school-stuck.graphql as school staff', () => {
  interface Stuck {
    school: {
      name: string;
      stuckPupils: {
        totalCount: number;
        nodes: {
          id: string;
          displayName: string;
          yearGroup: number;
          learningGuide: { name: string } | null;
          progressPlan: { barriers: string; actions: string; reviewOn: string } | null;
          entitlement: { eligible: boolean; reasons: string[]; budgetRemaining: number };
        }[];
      };
      selfEvaluation: { eligibleForSupport: number | null; accessingSupport: number | null };
    };
  }

  it("lists Catmose College's stuck pupils with their guide, plan and entitlement, and the take-up", async () => {
    expect(SCHOOL_STUCK).toContain('entitlement { eligible reasons budgetRemaining }');
    expect(SCHOOL_STUCK).toContain('eligibleForSupport');
    const res = await hub.query<Stuck>(staffOf(CATMOSE_COLLEGE), SCHOOL_STUCK, {
      urn: CATMOSE_COLLEGE,
      academicYear: YEAR,
    });
    expect(res.errors).toBeUndefined();
    const school = res.data?.school;
    expect(school?.name).toBe('Catmose College');
    const [count] = await queryRows<{ n: number }>(
      progressDb(),
      sql`select count(distinct pupil_id)::int as n from progress.pupil_results
          where urn = ${CATMOSE_COLLEGE} and academic_year = ${YEAR} and stuck`,
    );
    expect(school?.stuckPupils.totalCount).toBe(count?.n);
    expect(school?.stuckPupils.totalCount).toBeGreaterThan(20);
    const nodes = school?.stuckPupils.nodes ?? [];
    expect(nodes).toHaveLength(20);
    const staffNames = new Set(
      demoStaff(demoSelection().schools.find((s) => s.urn === CATMOSE_COLLEGE) as never).staff.map(
        (s) => s.name,
      ),
    );
    for (const pupil of nodes) {
      expect(pupil.displayName).toMatch(/^\S+ \S+/);
      expect(pupil.yearGroup).toBeGreaterThanOrEqual(7);
      expect(pupil.yearGroup).toBeLessThanOrEqual(11);
      expect(staffNames.has(pupil.learningGuide?.name ?? '')).toBe(true);
    }
    const planned = nodes.filter((p) => p.progressPlan);
    expect(planned.length).toBeGreaterThan(nodes.length / 2);
    expect(planned.length).toBeLessThan(nodes.length + 1);
    for (const p of planned) expect(p.progressPlan?.reviewOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Some stuck pupils are entitled to additional support, each with the reasons and what is left to spend.
    const entitled = nodes.filter((p) => p.entitlement.eligible);
    expect(entitled.length).toBeGreaterThan(0);
    const budgets = await queryRows<{ pupil_id: string; left: number }>(
      progressDb(),
      sql`select e.pupil_id, e.budget_pence - coalesce((select sum(case when l.kind = 'DEBIT' then l.amount_pence
            else -l.amount_pence end) from progress.support_ledger l
            where l.pupil_id = e.pupil_id and l.academic_year = e.academic_year), 0)::int as left
          from progress.entitlements e where e.urn = ${CATMOSE_COLLEGE} and e.academic_year = ${YEAR} and e.eligible`,
    );
    const left = new Map(budgets.map((b) => [b.pupil_id, b.left / 100]));
    for (const p of nodes) {
      expect(p.entitlement.eligible).toBe(left.has(p.id));
      if (!p.entitlement.eligible) {
        expect(p.entitlement).toEqual({ eligible: false, reasons: [], budgetRemaining: 0 });
        continue;
      }
      expect(p.entitlement.reasons.length).toBeGreaterThan(0);
      // A secondary school: not progressing since the end of KS2.
      for (const reason of p.entitlement.reasons) expect(reason).toMatch(/since the end of KS2/);
      expect(p.entitlement.budgetRemaining).toBe(left.get(p.id));
      expect(p.entitlement.budgetRemaining).toBeGreaterThanOrEqual(0);
    }
    expect(entitled.some((p) => p.entitlement.budgetRemaining > 0)).toBe(true);

    const [takeUp] = await queryRows<{ eligible: number; accessing: number }>(
      progressDb(),
      sql`select count(*)::int as eligible, (count(*) filter (where exists (select 1 from progress.bookings b
            where b.pupil_id = e.pupil_id and b.academic_year = e.academic_year and b.status = 'BOOKED')))::int as accessing
          from progress.entitlements e where e.urn = ${CATMOSE_COLLEGE} and e.academic_year = ${YEAR} and e.eligible`,
    );
    const self = school?.selfEvaluation;
    expect(self).toEqual({ eligibleForSupport: takeUp?.eligible, accessingSupport: takeUp?.accessing });
    expect(self?.accessingSupport).toBeGreaterThan(0);
    expect(self?.eligibleForSupport).toBeGreaterThanOrEqual(self?.accessingSupport ?? Infinity);
  });

  it("refuses staff of another school, an LA officer and anonymous callers the school's stuck pupils", async () => {
    for (const viewer of [staffOf(CASTERTON_COLLEGE), laOfficer('857'), anonymous]) {
      const res = await hub.query<Stuck>(viewer, SCHOOL_STUCK, { urn: CATMOSE_COLLEGE, academicYear: YEAR });
      expect(res.errors?.some((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    }
  });
});

const TRUST_OVERVIEW = `query TrustOverview($trustId: ID!, $academicYear: Int!) {
  trust(id: $trustId) {
    id
    name
    schools {
      urn
      name
      progress(academicYear: $academicYear) {
        pupils
        stuckPupils
        stuckWithoutPlan
        onTrack { value cohort suppressed }
        disadvantagedGap { value suppressed reason }
      }
    }
  }
}`;

describe('contract: trust-overview.graphql (progress part) as a trust leader', () => {
  interface Overview {
    trust: {
      id: string;
      name: string;
      schools: {
        urn: number;
        name: string;
        progress: {
          pupils: number;
          stuckPupils: number;
          stuckWithoutPlan: number;
          onTrack: M;
          disadvantagedGap: M;
        };
      }[];
    };
  }

  it('puts every school of the trust side by side with real numbers', async () => {
    expect(contractOperation('trust-overview')).toContain('stuckWithoutPlan');
    const res = await hub.query<Overview>(trustLeader('TR0963'), TRUST_OVERVIEW, {
      trustId: 'TR0963',
      academicYear: YEAR,
    });
    expect(res.errors).toBeUndefined();
    const trust = res.data?.trust;
    expect(trust?.name).toBe('Rutland Beacon Schools Trust');
    expect(trust?.schools.map((s) => s.urn)).toEqual([137340, 137358, 138113, 139481]);
    const counts = await queryRows<{ urn: number; pupils: number }>(
      progressDb(),
      sql`select urn, count(distinct pupil_id)::int as pupils from progress.pupil_results
          where trust_id = 'TR0963' and academic_year = ${YEAR} group by urn order by urn`,
    );
    expect(trust?.schools.map((s) => s.progress.pupils)).toEqual(counts.map((c) => c.pupils));
    for (const school of trust?.schools ?? []) {
      expect(school.progress.stuckPupils).toBeGreaterThan(0);
      expect(school.progress.stuckWithoutPlan).toBeLessThan(school.progress.stuckPupils);
      expect(school.progress.onTrack.suppressed).toBe(false);
      expect(school.progress.onTrack.value).toBeGreaterThan(0.2);
      expect(school.progress.onTrack.value).toBeLessThan(1);
    }
  });

  it("refuses another trust's leader, an LA officer of another LA and anonymous callers", async () => {
    for (const viewer of [trustLeader('TR0964'), laOfficer('891'), anonymous]) {
      const res = await hub.query<Overview>(viewer, TRUST_OVERVIEW, {
        trustId: 'TR0963',
        academicYear: YEAR,
      });
      expect(res.errors?.some((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    }
  });
});
