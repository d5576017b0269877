import type { Viewer } from '@commonroom/auth';
import { queryRows } from '@commonroom/db';
import { demoPupils, demoSelection } from '@commonroom/demo';
import type { SchoolRecord } from '@commonroom/school-list';
import { startTestSubgraph, type TestSubgraph } from '@commonroom/subgraph-kit/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConceptResults } from './demo/generate.ts';
import { expectedPoints } from './rules/progress.ts';
import { progressUnderTest } from './testing.ts';

/** A primary of trust TR0965 (Rutland) and a maintained Rutland primary. */
const TRUST = 'TR0965';
const SCHOOL = 142401;
const MAINTAINED = 120181;
const YEAR = 2025;

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await startTestSubgraph(progressUnderTest({ urns: [SCHOOL, MAINTAINED] }));
});
afterAll(() => subgraph?.close());

const staffOf = (urn: number): Viewer => ({ role: 'school_staff', sub: 't', urn, staffId: `S${urn}-01` });
const trustLeader = (trustId: string): Viewer => ({ role: 'trust_leader', sub: 't', trustId });
const carerViewer = (carerId: string): Viewer => ({ role: 'carer', sub: 't', carerId });
const rows = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) =>
  queryRows<T>(subgraph.db, query);

const school = (urn: number) => demoSelection().schools.find((s) => s.urn === urn) as SchoolRecord;
const currentPupils = (urn: number) => demoPupils(school(urn)).filter((p) => p.onRollTo === YEAR);

const CONCEPTS = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on Pupil { id conceptResults { academicYear assessedOn subject concept points expectedPoints } }
} }`;
type ConceptResult = {
  academicYear: number;
  assessedOn: string;
  subject: string;
  concept: string;
  points: number;
  expectedPoints: number;
};
type Entities = { _entities: ({ id: string; conceptResults: ConceptResult[] | null } | null)[] };

/** A carer linked to a child of SCHOOL, that child, and a child of SCHOOL they are not linked to. */
async function family() {
  const [link] = await rows<{ carer_id: string; pupil_id: string }>(
    sql`select carer_id, pupil_id from progress.carer_links where urn = ${SCHOOL} order by carer_id limit 1`,
  );
  if (!link) throw new Error('no carer link');
  const [other] = await rows<{ id: string }>(
    sql`select p.id from progress.pupils p where p.urn = ${SCHOOL} and p.on_roll_to = ${YEAR}
        and not exists (select 1 from progress.carer_links l where l.pupil_id = p.id and l.carer_id = ${link.carer_id})
        order by p.id limit 1`,
  );
  if (!other) throw new Error('no other child');
  return { carer: carerViewer(link.carer_id), child: link.pupil_id, otherChild: other.id };
}

describe('demo concept results', () => {
  it('are deterministic: the same pupil, subject and term always give the same results', () => {
    const a = demoConceptResults('P142401-0001', 'MATHS', 4, 2, 19.5);
    expect(demoConceptResults('P142401-0001', 'MATHS', 4, 2, 19.5)).toEqual(a);
    expect(a.map((r) => r.concept)).toEqual(['PLACE_VALUE', 'FRACTIONS']);
    expect(a.every((r) => r.expectedPoints === expectedPoints(4, 2))).toBe(true);
    expect(a.every((r) => Math.abs(r.points - 19.5) <= 1.5 && Number.isInteger(r.points * 2))).toBe(true);
    expect(demoConceptResults('P142401-0001', 'READING', 1, 3, 10).map((r) => r.concept)).toEqual([
      'PHONICS',
      'VOCABULARY',
    ]);
    expect(demoConceptResults('P142401-0001', 'MATHS', 8, 3, 30).map((r) => r.concept)).toEqual([
      'FRACTIONS',
      'ALGEBRA',
    ]);
  });

  it("are stored for every current pupil's spring and summer periodic assessments, as the pure function gives them", async () => {
    const pupils = currentPupils(SCHOOL);
    const [stored] = await rows<{ pupils: number; dates: string[]; n: number }>(
      sql`select count(distinct pupil_id)::int as pupils, array_agg(distinct assessed_on::text order by assessed_on::text) as dates,
            count(*)::int as n from progress.concept_results where urn = ${SCHOOL}`,
    );
    expect(stored).toEqual({
      pupils: pupils.length,
      dates: ['2026-03-24', '2026-07-01'],
      n: pupils.length * 12,
    });
    const pupil = pupils[0];
    if (!pupil) throw new Error('no pupil');
    const [maths] = await rows<{ points: number; year_group: number }>(
      sql`select points, year_group from progress.assessments where pupil_id = ${pupil.id} and subject = 'MATHS'
          and kind = 'PERIODIC' and assessed_on = '2026-07-01'`,
    );
    const expected = demoConceptResults(
      pupil.id,
      'MATHS',
      Number(maths?.year_group),
      3,
      Number(maths?.points),
    );
    const concepts = await rows<{ concept: string; points: number; expected_points: number }>(
      sql`select concept, points, expected_points from progress.concept_results
          where pupil_id = ${pupil.id} and subject = 'MATHS' and assessed_on = '2026-07-01' order by concept`,
    );
    expect(
      concepts.map((c) => ({
        concept: c.concept,
        points: Number(c.points),
        expectedPoints: Number(c.expected_points),
      })),
    ).toEqual([...expected].sort((x, y) => x.concept.localeCompare(y.concept)));
  });
});

describe('Pupil.conceptResults (@inaccessible, for traffic lights)', () => {
  it('gives the latest periodic assessment per subject and year to the school, its trust and the child’s carer', async () => {
    const { carer, child } = await family();
    for (const viewer of [staffOf(SCHOOL), trustLeader(TRUST), carer]) {
      const res = await subgraph.request<Entities>(viewer, CONCEPTS, {
        r: [{ __typename: 'Pupil', id: child }],
      });
      expect(res.errors).toBeUndefined();
      const results = res.data?._entities[0]?.conceptResults ?? [];
      expect(results).toHaveLength(6);
      expect(results.every((r) => r.assessedOn === '2026-07-01' && r.academicYear === YEAR)).toBe(true);
      expect(new Set(results.map((r) => r.subject))).toEqual(new Set(['READING', 'WRITING', 'MATHS']));
    }
  });

  it('refuses another family’s carer, another school, LA officers, providers and anonymous callers', async () => {
    const { carer, otherChild } = await family();
    const denied: Viewer[] = [
      carer,
      staffOf(MAINTAINED),
      trustLeader('TR0001'),
      { role: 'la_officer', sub: 't', laCode: '857' },
      { role: 'provider', sub: 't', providerId: 'PR1' },
      { role: 'anonymous' },
    ];
    for (const viewer of denied) {
      const res = await subgraph.request<Entities>(viewer, CONCEPTS, {
        r: [{ __typename: 'Pupil', id: otherChild }],
      });
      expect(res.data?._entities).toEqual([null]);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('reads the concept results of 100 pupils in one SQL query', async () => {
    const ids = currentPupils(SCHOOL)
      .slice(0, 100)
      .map((p) => p.id);
    const res = await subgraph.request<Entities>(staffOf(SCHOOL), CONCEPTS, {
      r: ids.map((id) => ({ __typename: 'Pupil', id })),
    });
    expect(res.errors).toBeUndefined();
    // One query for the pupils, one for all their concept results.
    subgraph.resetQueryCount();
    await subgraph.request<Entities>(staffOf(SCHOOL), CONCEPTS, {
      r: ids.map((id) => ({ __typename: 'Pupil', id })),
    });
    expect(subgraph.queryCount()).toBe(2);
    expect(res.data?._entities.every((p) => (p?.conceptResults?.length ?? 0) === 6)).toBe(true);
  });
});

describe('importing concept results', () => {
  const IMPORT =
    'mutation ($csv: String!) { importAssessments(csv: $csv) { inserted unchanged pupilsUpdated } }';
  const conceptRows = (pupilId: string) =>
    rows<{ concept: string; points: number; expected_points: number; term: number }>(
      sql`select concept, points, expected_points, term from progress.concept_results
          where pupil_id = ${pupilId} and assessed_on = '2026-07-15' order by concept`,
    );

  it('records concept columns with the expected standard, rejects unknown concepts and contradictions whole', async () => {
    const pupil = currentPupils(MAINTAINED)[3];
    if (!pupil) throw new Error('no pupil');
    const yearGroup = YEAR - pupil.receptionYear;
    const grade = `Y${Math.min(yearGroup, 6)} W`;
    const unknown = await subgraph.request(staffOf(MAINTAINED), IMPORT, {
      csv: [
        'upn,subject,scale,grade,assessed_on,kind,concept:FRACTIONS,concept:TIMES_TABLES',
        `${pupil.upn},MATHS,SCHOOL_STEPS,${grade},2026-07-15,PERIODIC,${grade},${grade}`,
      ].join('\n'),
    });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'csv' });
    expect(await conceptRows(pupil.id)).toEqual([]);
    const [assessments] = await rows<{ n: number }>(
      sql`select count(*)::int as n from progress.assessments where pupil_id = ${pupil.id} and assessed_on = '2026-07-15'`,
    );
    expect(assessments?.n).toBe(0);

    const good = [
      'upn,subject,scale,grade,assessed_on,kind,concept:fractions,concept:place_value',
      `${pupil.upn},MATHS,SCHOOL_STEPS,${grade},2026-07-15,PERIODIC,Y0 B,${grade}`,
    ].join('\n');
    const imported = await subgraph.request(staffOf(MAINTAINED), IMPORT, { csv: good });
    expect(imported.errors).toBeUndefined();
    const stored = await conceptRows(pupil.id);
    expect(stored.map((r) => r.concept)).toEqual(['FRACTIONS', 'PLACE_VALUE']);
    expect(
      stored.every((r) => Number(r.expected_points) === expectedPoints(yearGroup, 3) && r.term === 3),
    ).toBe(true);
    expect(Number(stored[0]?.points)).toBe(6.5);

    const contradicting = await subgraph.request(staffOf(MAINTAINED), IMPORT, {
      csv: good.replace(',Y0 B,', ',Y0 S,'),
    });
    expect(contradicting.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(contradicting.errors?.[0]?.extensions?.lines)).toMatch(
      /FRACTIONS already recorded/,
    );
    expect((await conceptRows(pupil.id)).map((r) => Number(r.points))).toEqual(
      stored.map((r) => Number(r.points)),
    );
  });
});
