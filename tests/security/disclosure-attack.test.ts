import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { demoSelection } from '@commonroom/demo';
import { progressUnderTest } from '@commonroom/progress/testing';
import { startTestSubgraph, type TestSubgraph } from '@commonroom/test-kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttackOptions, attack, collect, type Range, type Seen } from './disclosure-attack.ts';

/**
 * Plays the attacker of docs/disclosure-control.md against the progress subgraph (with a signed viewer, so
 * there is no gateway cost limit to split around): for each persona and scope, every gap figure of one
 * academic year, solved for the tightest range of every suppressed group. Fails if any suppressed group's
 * cohort or count at the expected standard can be pinned to fewer than `threshold` possible values.
 */

const YEAR = 2025;
const T = 5;
const RUTLAND = demoSelection()
  .schools.filter((s) => s.laCode === '857')
  .map((s) => s.urn);
const TRUSTS: Record<string, number[]> = {
  TR0965: [142401, 142544, 144847, 146397],
  TR0963: [137340, 137358, 138113, 139481],
};
const laOfficer: Viewer = { role: 'la_officer', sub: 'attacker', laCode: '857' };
const trustLeader = (trustId: string): Viewer => ({ role: 'trust_leader', sub: 'attacker', trustId });
const staffOf = (urn: number): Viewer => ({
  role: 'school_staff',
  sub: 'attacker',
  urn,
  staffId: `S${urn}-01`,
});

/** A suppressed group's cohort or count is safe when it could be any of at least `T` values. */
const narrow = (ranges: Range[]) =>
  ranges.filter(
    (r) =>
      (!r.stuckOnly &&
        (r.cohort[1] - r.cohort[0] + 1 < T ||
          r.atExpected[1] - r.atExpected[0] + 1 < Math.min(T, r.cohort[1] + 1))) ||
      r.stuck[1] - r.stuck[0] + 1 < Math.min(T, r.cohort[1] + 1),
  );

/** The true size of every group (the test may read the database; the attacker may not). */
async function sizes(subgraph: TestSubgraph) {
  const rows = await queryRows<{
    scope: string;
    scope_id: string;
    subject: string;
    dimension: string;
    grp: string;
    pupils: number;
  }>(
    subgraph.db,
    sql`select scope, scope_id, subject, dimension, grp, pupils from progress.group_summary where academic_year = ${YEAR}`,
  );
  return new Map(
    rows.map((r) => [keyOf({ ...r, scope: `${r.scope}:${r.scope_id}`, group: r.grp }), r.pupils]),
  );
}
const keyOf = (at: { scope: string; subject: string; dimension: string; group: string }) =>
  `${at.scope}|${at.subject}|${at.dimension}|${at.group}`;

/** Share of groups of 20 or more pupils whose figures are published, from what was seen and the true counts. */
function publishedShare(truth: ReadonlyMap<string, number>, seen: Seen[]) {
  let big = 0;
  let published = 0;
  let stuck = 0;
  for (const s of seen)
    for (const g of s.groups) {
      const n = truth.get(keyOf({ ...s, group: g.group })) ?? 0;
      if (n < 20) continue;
      big++;
      if (!g.attainment.suppressed) published++;
      if (!g.stuckRate.suppressed) stuck++;
    }
  return { big, published, stuck, share: big ? published / big : 1 };
}

interface Case {
  label: string;
  viewer: Viewer;
  scopes: string[];
  parents: Record<string, string[]>;
  rounded: boolean;
  /**
   * Also solve for stuck counts in these subjects (every subject with DISCLOSURE_ATTACK_STUCK=1): a subject
   * is a model of its own, and one keeps the normal suite quick.
   */
  stuckIn?: readonly string[];
}

/**
 * Collects every case first, then solves: the solver is synchronous and would otherwise hold up the
 * subgraph's HTTP server, which runs in this process.
 */
async function run(subgraph: TestSubgraph, cases: Case[]) {
  const seen = [];
  for (const c of cases) seen.push(await collect(subgraph, c.viewer, c.scopes, YEAR));
  const results = [];
  for (const [i, c] of cases.entries()) {
    const s = seen[i] as Seen[];
    const truth = await sizes(subgraph);
    const options: AttackOptions = {
      rounded: c.rounded,
      threshold: T,
      parents: c.parents,
      stuck: process.env.DISCLOSURE_ATTACK_STUCK === '1',
      ...(process.env.DISCLOSURE_ATTACK_STRONG === '1'
        ? { small: (at) => (truth.get(keyOf(at)) ?? 0) <= T }
        : {}),
    };
    const ranges = await attack(s, options);
    if (c.stuckIn && !options.stuck) {
      const started = Date.now();
      const stuck = await attack(s, { ...options, stuck: true, subjects: c.stuckIn });
      console.log(
        `${c.label}, stuck counts in ${c.stuckIn.join(', ')}: ${stuck.filter((r) => r.stuckOnly).length} stuck rates hidden alone, ` +
          `solved in ${Math.round((Date.now() - started) / 1000)} s`,
      );
      ranges.push(...stuck);
    }
    const utility = publishedShare(truth, s);
    console.log(
      `${c.label}: ${ranges.length} suppressed groups, tightest cohort range ${Math.min(...ranges.filter((r) => !r.stuckOnly).map((r) => r.cohort[1] - r.cohort[0] + 1))} values; ` +
        `groups of 20+ published: ${utility.published}/${utility.big} (${(100 * utility.share).toFixed(1)}%), ` +
        `their stuck rates: ${utility.stuck}/${utility.big}`,
    );
    for (const r of narrow(ranges).slice(0, 8)) console.log('  narrow:', JSON.stringify(r));
    results.push({ seen: s, ranges, utility });
  }
  return results;
}

/** Floor for the share of groups of 20+ published (measured figures: docs/disclosure-control.md). */
const USEFUL = 0.75;

describe('disclosure control against differencing, on the demo data (Rutland, 857)', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(progressUnderTest({ urns: RUTLAND, years: 1, lean: true }));
  });
  afterAll(() => subgraph?.close());

  // The largest case (the LA and its 22 schools, 430 hidden groups): about a minute, witnesses first (see
  // attack()). With DISCLOSURE_ATTACK_STRONG=1 every case plays the stronger attacker who knows which hidden
  // groups are the small ones (docs/disclosure-control.md: some trust and LA cases fail then).
  it('an LA officer cannot narrow any hidden group of the LA or its schools (issue 12 reproductions kept)', async () => {
    const scopes = ['la:857', ...RUTLAND.map((u) => `school:${u}`)];
    const [result] = await run(subgraph, [
      {
        label: 'LA officer 857',
        viewer: laOfficer,
        scopes,
        parents: { 'la:857': RUTLAND.map((u) => `school:${u}`) },
        rounded: true,
        // Stuck counts too, in reading (where the LA's and 142544's were narrowed before stuck rates were
        // figures of their own; every subject with DISCLOSURE_ATTACK_STUCK=1).
        stuckIn: ['READING'],
      },
    ]);
    if (!result) throw new Error('no result');
    const { seen, ranges, utility } = result;
    // The reproductions: the looked-after pupils of 120181, 120229 and 144847, the EHC plan at 142544.
    for (const [urn, dimension, group] of [
      [120181, 'LOOKED_AFTER', 'LOOKED_AFTER'],
      [120229, 'LOOKED_AFTER', 'LOOKED_AFTER'],
      [144847, 'LOOKED_AFTER', 'LOOKED_AFTER'],
      [142544, 'SEN', 'EHC_PLAN'],
    ] as const) {
      const r = ranges.find(
        (x) =>
          x.scope === `school:${urn}` &&
          x.subject === 'MATHS' &&
          x.dimension === dimension &&
          x.group === group,
      );
      expect(r, `${urn} ${group} is suppressed`).toBeDefined();
      expect((r?.cohort[1] ?? 0) - (r?.cohort[0] ?? 0) + 1).toBeGreaterThanOrEqual(T);
    }
    const complement = seen
      .find((s) => s.scope === 'school:120181' && s.subject === 'MATHS' && s.dimension === 'LOOKED_AFTER')
      ?.groups.find((g) => g.group === 'NOT_LOOKED_AFTER');
    expect(complement?.attainment).toMatchObject({
      value: null,
      cohort: null,
      suppressed: true,
      code: 'c',
    });
    expect(narrow(ranges)).toEqual([]);
    expect(utility.share).toBeGreaterThanOrEqual(USEFUL);
  });

  // TR0965: several small ethnic groups hidden both at the trust and at its schools (issue 12's it.fails).
  it('a trust leader cannot narrow any hidden group of the trust or its schools', async () => {
    const results = await run(
      subgraph,
      Object.entries(TRUSTS).map(([trust, urns]) => ({
        label: `trust leader ${trust}`,
        viewer: trustLeader(trust),
        scopes: [`trust:${trust}`, ...urns.map((u) => `school:${u}`)],
        parents: { [`trust:${trust}`]: urns.map((u) => `school:${u}`) },
        rounded: false,
      })),
    );
    for (const { ranges } of results) expect(narrow(ranges)).toEqual([]);
  });

  it('school staff cannot narrow any hidden group of their school', async () => {
    const results = await run(
      subgraph,
      [120181, 142544].map((urn) => ({
        label: `staff of ${urn}`,
        viewer: staffOf(urn),
        scopes: [`school:${urn}`],
        parents: {},
        rounded: false,
      })),
    );
    for (const { ranges } of results) {
      expect(ranges.length).toBeGreaterThan(0);
      expect(narrow(ranges)).toEqual([]);
    }
  });
});

describe('disclosure control on generated data: another seed, looked-after and EHC pupils spread thinly (LA 891)', () => {
  const URNS = demoSelection()
    .schools.filter((s) => s.laCode === '891')
    .map((s) => s.urn);
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await startTestSubgraph(progressUnderTest({ urns: URNS, seed: 2, years: 1, lean: true }));
  });
  afterAll(() => subgraph?.close());

  it("each school's staff cannot narrow a hidden group", async () => {
    const results = await run(
      subgraph,
      URNS.map((urn) => ({
        label: `staff of ${urn} (seed 2)`,
        viewer: staffOf(urn),
        scopes: [`school:${urn}`],
        parents: {},
        rounded: false,
      })),
    );
    for (const { ranges } of results) expect(narrow(ranges)).toEqual([]);
  });

  // LA 891: looked-after and EHC pupils spread thinly, hidden at the LA and at its schools (issue 12's it.fails).
  it('the LA officer cannot narrow a hidden group of the LA or its schools', async () => {
    const schools = URNS.map((u) => `school:${u}`);
    const [result] = await run(subgraph, [
      {
        label: 'LA officer 891 (seed 2)',
        viewer: { role: 'la_officer', sub: 'attacker', laCode: '891' },
        scopes: ['la:891', ...schools],
        parents: { 'la:891': schools },
        rounded: true,
      },
    ]);
    expect(narrow(result?.ranges ?? [])).toEqual([]);
  });
});
