import type { Db } from '@commonroom/db';
import {
  DEMO_LAST_YEAR,
  type DemoAdoption,
  type DemoPupil,
  demoAdoptionCohorts,
  demoCarers,
  demoPupils,
  demoSelection,
  demoStaff,
} from '@commonroom/demo';
import { type Concept, keyConcepts } from '@commonroom/domain';
import { englandSchoolList, pick, type SchoolRecord, seededRandom } from '@commonroom/school-list';
import { sql } from 'drizzle-orm';
import { BatchWriter, COLUMNS, insertJson } from '../data/bulk.ts';
import { MEASURED_SUBJECTS } from '../data/cohorts.ts';
import {
  CORE_SUBJECTS,
  entitlementRows,
  type PeriodicAssessment,
  resultRows,
  settingsByTrust,
} from '../data/results.ts';
import { refreshSummaries, SUMMARY_TABLES, schoolYearsOf } from '../data/summaries.ts';
import type { TrustSettings } from '../rules/entitlement.ts';
import { expectedPoints } from '../rules/progress.ts';
import { nearestGrade, pointsFor, SCHOOL_STEPS_LAST_YEAR } from '../rules/scales.ts';
import { generateLessonFeedback } from './lesson-feedback.ts';
import { type EntitledPupil, generateSupportData } from './support.ts';

export interface GenerateOptions {
  /** Every school of these LAs (e.g. ["886"] for Kent). */
  laCodes?: string[];
  /** Every school of these trusts. */
  trustIds?: string[];
  /** These schools. */
  urns?: number[];
  /** The same seed gives the same pupils and assessments on every machine (default 1). */
  seed?: number;
  /**
   * Only the last this many academic years (ending with the demo's last): their assessments, results and
   * cohorts, and only the pupils on roll in them. Default: every year the pupils span (five).
   */
  years?: number;
  /**
   * Leave out the classroom detail of the current pupils — concept results, learning targets with their
   * ratings, and reviews — which are two thirds of the disk of one year (for `--scale england`, so all of
   * England fits on one machine). The other rows are the same as without it.
   */
  lean?: boolean;
}

export interface GenerateResult {
  schools: number;
  pupils: number;
  assessments: number;
  conceptResults: number;
  bookings: number;
  /** Lesson-feedback surveys seeded with answers (demo/lesson-feedback.ts). */
  lessonFeedbackSurveys: number;
  ms: number;
  /** Generating and writing the rows (through COPY on a server). */
  rowsMs: number;
  /** Refreshing the summaries (data/summaries.ts) from the new results. */
  summariesMs: number;
  /** Rows written per table. */
  rows: Record<string, number>;
}

/** Periodic assessment dates: early December, late March, early July. */
const TERM_DATES: [number, string][] = [
  [0, '12-01'],
  [1, '03-24'],
  [1, '07-01'],
];
const termDate = (academicYear: number, term: 1 | 2 | 3) => {
  const [offset, day] = TERM_DATES[term - 1] as [number, string];
  return `${academicYear + offset}-${day}`;
};

/** A standard normal deviate (Box–Muller) from a seeded generator. */
function normal(random: () => number) {
  const u = Math.max(random(), 1e-9);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function hashId(id: string, seed: number) {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A periodic grade for points: the school's own steps, or P scales below them. */
function periodicGrade(points: number) {
  if (points < 6.5) return { scaleId: 'P_SCALE', ...nearestGrade('P_SCALE', points) };
  const max = 6.5 + 3 * SCHOOL_STEPS_LAST_YEAR + 2.5;
  const p = Math.min(max, Math.round(points * 2) / 2);
  const year = Math.floor((p - 6.5) / 3);
  const step = Math.round((p - 6.5 - 3 * year) / 0.5);
  return { scaleId: 'SCHOOL_STEPS', grade: `Y${year} ${['B', 'B+', 'W', 'W+', 'S', 'S+'][step]}`, points: p };
}

/** On roll in the demo's current year: the pupils who have carers (as `currentDemoPupils` in @commonroom/demo). */
const isCurrentPupil = (p: DemoPupil) => p.onRollFrom <= DEMO_LAST_YEAR && p.onRollTo === DEMO_LAST_YEAR;

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

/** Statutory and teacher assessments at the end of a key stage, on their own scales. */
function endOfStageGrades(yearGroup: number, subject: string, points: number) {
  if (yearGroup === 2)
    return [{ kind: 'TEACHER', scaleId: 'TA_KS1', grade: points < 14 ? 'WTS' : points < 18 ? 'EXS' : 'GDS' }];
  if (yearGroup === 6 && subject === 'WRITING')
    return [{ kind: 'TEACHER', scaleId: 'TA_KS2', grade: points < 26 ? 'WTS' : points < 30 ? 'EXS' : 'GDS' }];
  if (yearGroup === 6)
    return [
      {
        kind: 'STATUTORY',
        scaleId: 'KS2_SCALED',
        grade: String(clamp(Math.round(100 + (points - 27) / 0.4), 80, 120)),
      },
    ];
  if (yearGroup === 11 && subject !== 'WRITING')
    return [
      { kind: 'STATUTORY', scaleId: 'GCSE_9_1', grade: String(clamp(Math.round((points - 30) / 3), 1, 9)) },
    ];
  return [];
}

/**
 * Termly points for one pupil in one subject: a starting point and a rate of progress that depend on
 * ability, with disadvantage, SEN and EAL shifting ability as they do nationally (so a gap opens and widens
 * with age), and for some pupils a stall of 3–5 terms in which they go nowhere — the stuck pupils.
 */
function subjectTimeline(pupil: DemoPupil, ability: number, random: () => number) {
  const a = ability + 0.55 * normal(random);
  const start = 7.4 + 2 * a;
  const rate = 1 + 0.06 * a;
  const stallChance =
    0.06 +
    (pupil.disadvantaged ? 0.06 : 0) +
    (pupil.sen !== 'NONE' ? 0.07 : 0) +
    (pupil.lookedAfter ? 0.05 : 0);
  const firstTerm = (pupil.onRollFrom - pupil.receptionYear) * 3;
  const lastTerm = (pupil.onRollTo - pupil.receptionYear) * 3 + 2;
  const stallStart =
    random() < stallChance ? firstTerm + Math.floor(random() * (lastTerm - firstTerm + 1)) : -99;
  const stallLength = 3 + Math.floor(random() * 3);
  const points: number[] = [];
  let level = start;
  for (let k = 0; k <= lastTerm; k++) {
    const stalled = k >= stallStart && k < stallStart + stallLength;
    level += stalled ? -0.25 : rate;
    if (k >= firstTerm) points.push(level + 0.25 * normal(random));
  }
  return { firstTerm, points };
}

const BARRIERS = [
  'Low attendance this term (84%); misses morning sessions.',
  'Gaps in number bonds and place value from Key Stage 1.',
  'Reluctant reader; little reading at home.',
  'Anxiety in assessments; shuts down when stuck.',
  'New to English; vocabulary limits written work.',
  'Working memory difficulties (SENCO assessment).',
  'Family circumstances changed; young carer.',
];
const ACTIONS = [
  'Daily 15-minute precision teaching with the learning guide.',
  'Small-group tutoring three times a week (National Tutoring Programme).',
  'Paired reading with a Year 10 mentor; weekly book talk with carer.',
  'Pre-teaching of vocabulary before each unit; visual word banks.',
  'Attendance plan agreed with carers; breakfast club place.',
  'Concrete manipulatives and worked examples in every maths lesson.',
];
const SKILLS = ['RESILIENCE', 'COLLABORATION', 'INDEPENDENCE', 'SELF_REGULATION', 'CURIOSITY'] as const;
const SKILL_TARGETS: Record<(typeof SKILLS)[number], string> = {
  RESILIENCE: 'Keeps trying a hard problem for ten minutes before asking for help.',
  COLLABORATION: 'Takes a turn to lead and to listen in group work.',
  INDEPENDENCE: 'Organises own equipment and starts tasks without prompting.',
  SELF_REGULATION: 'Names how they feel and uses a calm-down strategy when frustrated.',
  CURIOSITY: 'Asks a question of their own in each topic.',
};

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The schools to generate for: the demo set by default, else every school matching the options. */
export function schoolsFor(options: GenerateOptions): SchoolRecord[] {
  if (!options.laCodes && !options.trustIds && !options.urns) return demoSelection().schools;
  const { schools, trusts } = englandSchoolList();
  const urns = new Set([
    ...(options.urns ?? []),
    ...trusts.filter((t) => options.trustIds?.includes(t.id)).flatMap((t) => t.urns),
  ]);
  return schools.filter((s) => urns.has(s.urn) || options.laCodes?.includes(s.laCode));
}

/** Loads the read-only copy of which LA and trust each of the 21,567 schools is in (idempotent). */
export async function loadSchoolDirectory(db: Db) {
  const { schools, trusts } = englandSchoolList();
  const trustOf = new Map(trusts.flatMap((t) => t.urns.map((urn) => [urn, t.id] as const)));
  const rows = schools.map((s) => ({
    urn: s.urn,
    la_code: s.laCode,
    trust_id: trustOf.get(s.urn) ?? null,
    phase: s.phase,
  }));
  await insertJson(
    db,
    'progress.school_directory',
    COLUMNS['progress.school_directory'],
    rows,
    sql`on conflict do nothing`,
  );
  return trustOf;
}

/**
 * Generates pupils (from packages/demo, so every subgraph has the same children), five academic years (or the
 * last `years` of them) of termly assessments in reading, writing and maths, statutory results, derived results, progress plans
 * for most stuck pupils, learning targets with ratings, and reviews — deterministically for the seed — and,
 * for every school generated (not only the demo ones), the read-only copy of its current pupils' carer links
 * (`demoCarers` over the same pupils; with the default seed exactly the links the parents subgraph loads)
 * and the demo adoptions' intervention cohorts at that school, whose pupils get a modest boost after the
 * adoption starts (`demoAdoptionBoost`), and concept-level results of the current pupils' spring and summer
 * periodic assessments of the last academic year (`demoConceptResults`), which carers see as traffic lights.
 * The benchmark calls it with `{ laCodes: ['886'] }` (Kent) or a trust. Writes in large batches.
 */
export async function generateProgressData(db: Db, options: GenerateOptions = {}): Promise<GenerateResult> {
  const started = Date.now();
  const seed = options.seed ?? 1;
  const firstYear = options.years ? DEMO_LAST_YEAR - options.years + 1 : Number.NEGATIVE_INFINITY;
  const trustOf = await loadSchoolDirectory(db);
  const settingsOf = await settingsByTrust(db);
  const writer = new BatchWriter(db, COLUMNS);
  const list = schoolsFor(options);
  let pupilCount = 0;
  let assessmentCount = 0;
  let conceptCount = 0;
  const entitledNow: EntitledPupil[] = [];
  for (const school of list) {
    const trustId = trustOf.get(school.urn) ?? null;
    const settings: TrustSettings = settingsOf(trustId);
    const staff = demoStaff(school).staff;
    const senco = staff.find((s) => s.role === 'SENCO')?.id ?? `S${school.urn}-02`;
    const schoolPupils = demoPupils(school, seed);
    // Carer links for the pupils on roll now, as the parents subgraph loads them (same definition).
    for (const link of demoCarers(school, schoolPupils.filter(isCurrentPupil)).links)
      await writer.add('progress.carer_links', {
        carer_id: link.carerId,
        pupil_id: link.pupilId,
        urn: link.urn,
      });
    const boosts = await addDemoCohorts(writer, school.urn, schoolPupils, seed, firstYear);
    for (const pupil of schoolPupils) {
      if (pupil.onRollTo < firstYear) continue;
      pupilCount++;
      const random = seededRandom(hashId(pupil.id, seed));
      await writer.add('progress.pupils', {
        id: pupil.id,
        urn: pupil.urn,
        upn: pupil.upn,
        given_name: pupil.givenName,
        family_name: pupil.familyName,
        date_of_birth: pupil.dateOfBirth,
        sex: pupil.sex,
        ethnicity: pupil.ethnicity,
        sen: pupil.sen,
        eal: pupil.eal,
        looked_after: pupil.lookedAfter,
        disadvantaged: pupil.disadvantaged,
        reception_year: pupil.receptionYear,
        on_roll_from: pupil.onRollFrom,
        on_roll_to: pupil.onRollTo,
        learning_guide_id: pupil.learningGuideId,
      });
      const ability =
        0.9 * normal(random) +
        (pupil.disadvantaged ? -0.5 : 0) +
        (pupil.sen === 'SEN_SUPPORT' ? -0.9 : pupil.sen === 'EHC_PLAN' ? -1.9 : 0) +
        (pupil.lookedAfter ? -0.4 : 0) +
        (pupil.eal ? -0.15 : 0);
      const periodic: PeriodicAssessment[] = [];
      for (const subject of CORE_SUBJECTS) {
        const { firstTerm, points } = subjectTimeline(pupil, ability, random);
        for (const boost of boosts.get(pupil.id) ?? []) applyBoost(boost, subject, pupil, firstTerm, points);
        for (let i = 0; i < points.length; i++) {
          const k = firstTerm + i;
          const yearGroup = Math.floor(k / 3);
          const academicYear = pupil.receptionYear + yearGroup;
          if (academicYear < firstYear) continue;
          const term = ((k % 3) + 1) as 1 | 2 | 3;
          const grade = periodicGrade(points[i] as number);
          periodic.push({ subject, academicYear, term, yearGroup, points: grade.points });
          const assessedOn = termDate(academicYear, term);
          const base = {
            pupil_id: pupil.id,
            urn: pupil.urn,
            subject,
            academic_year: academicYear,
            year_group: yearGroup,
          };
          await writer.add('progress.assessments', {
            ...base,
            kind: 'PERIODIC',
            assessed_on: assessedOn,
            term,
            scale_id: grade.scaleId,
            grade: grade.grade,
            points: grade.points,
          });
          assessmentCount++;
          if (!options.lean && academicYear === DEMO_LAST_YEAR && term >= 2 && isCurrentPupil(pupil))
            for (const c of demoConceptResults(pupil.id, subject, yearGroup, term, grade.points, seed)) {
              await writer.add('progress.concept_results', {
                ...base,
                concept: c.concept,
                assessed_on: assessedOn,
                term,
                points: c.points,
                expected_points: c.expectedPoints,
              });
              conceptCount++;
            }
          if (term !== 3) continue;
          for (const g of endOfStageGrades(yearGroup, subject, points[i] as number)) {
            const gradeSubject = g.scaleId === 'GCSE_9_1' && subject === 'READING' ? 'ENGLISH' : subject;
            const statutoryPoints = pointsOf(g.scaleId, g.grade);
            await writer.add('progress.assessments', {
              ...base,
              subject: gradeSubject,
              kind: g.kind,
              assessed_on: addDays(assessedOn, 7),
              term,
              scale_id: g.scaleId,
              grade: g.grade,
              points: statutoryPoints,
            });
            assessmentCount++;
          }
        }
      }
      const results = resultRows(pupil, { laCode: school.laCode, trustId }, periodic, settings);
      for (const row of results) await writer.add('progress.pupil_results', row);
      for (const row of entitlementRows(pupil, { laCode: school.laCode, trustId }, periodic, settings)) {
        await writer.add('progress.entitlements', row);
        if (row.academic_year === DEMO_LAST_YEAR)
          entitledNow.push({ pupilId: pupil.id, urn: pupil.urn, budgetPence: settings.supportBudgetPence });
      }
      await addPlansTargetsReviews(writer, pupil, results, random, senco, !options.lean);
    }
  }
  const support = await generateSupportData(writer, list, trustOf, entitledNow, seed);
  await writer.flush();
  const feedback = await generateLessonFeedback(db, list, seed);
  const rowsWritten = Date.now();
  // The summaries the reports read, in the same transaction as the rows.
  await refreshSummaries(
    db,
    await schoolYearsOf(
      db,
      list.map((school) => school.urn),
    ),
  );
  const summarised = Date.now();
  for (const table of [...Object.keys(COLUMNS), ...SUMMARY_TABLES])
    await db.execute(sql.raw(`analyze ${table}`));
  return {
    schools: list.length,
    pupils: pupilCount,
    assessments: assessmentCount,
    conceptResults: conceptCount,
    bookings: support.bookings,
    lessonFeedbackSurveys: feedback.surveys,
    ms: Date.now() - started,
    rowsMs: rowsWritten - started,
    summariesMs: summarised - rowsWritten,
    rows: Object.fromEntries(writer.written),
  };
}

/**
 * The demo's concept-level results of one periodic assessment: the year group's two key concepts of the
 * subject (`keyConcepts` in @commonroom/demo), each at the subject's points plus a lasting strength or
 * weakness of the pupil in that concept (−1.25 to +0.75 points, by a hash of pupil and concept, so a weak
 * concept stays weak from March to July) and a little noise of the term, to the half point; with the expected
 * standard at that term. Pure and deterministic: the same on every machine and in every subgraph test.
 */
export function demoConceptResults(
  pupilId: string,
  subject: 'READING' | 'WRITING' | 'MATHS',
  yearGroup: number,
  term: 1 | 2 | 3,
  subjectPoints: number,
  seed = 1,
): { concept: Concept; points: number; expectedPoints: number }[] {
  return keyConcepts(yearGroup)[subject].map((concept) => {
    const strength = ((hashId(`${pupilId}/${concept}`, seed) % 9) - 5) * 0.25;
    const noise = ((hashId(`${pupilId}/${concept}/${term}`, seed) % 3) - 1) * 0.25;
    return {
      concept,
      points: Math.round((subjectPoints + strength + noise) * 2) / 2,
      expectedPoints: expectedPoints(yearGroup, term),
    };
  });
}

/**
 * How many points of extra progress the demo gives the pupils of each demo adoption's cohort over its year,
 * so the catalogue shows effective practice: 0.6–1.35 points (2½–5½ months) for most, deterministic by id;
 * AD-0006 falls behind instead (a practice that did not work there). The cohort's measured impact then comes
 * out of the progress subgraph's rule, against the rest of the year group, not from these numbers.
 */
export function demoAdoptionBoost(adoptionId: string): number {
  if (adoptionId === 'AD-0006') return -0.6;
  return 0.6 + (hashId(adoptionId, 7) % 6) * 0.15;
}

interface Boost {
  subjects: readonly string[];
  academicYear: number;
  points: number;
}

/**
 * The demo cohorts of a school (from `demoAdoptionCohorts()` in @commonroom/demo, which the practice
 * subgraph loads as its adoptions): the given number of pupils of the year group, chosen deterministically
 * (by a hash of pupil and adoption ids); none for cohorts before `firstYear`. Returns each member's boost.
 */
async function addDemoCohorts(
  writer: BatchWriter,
  urn: number,
  pupils: readonly DemoPupil[],
  seed: number,
  firstYear: number,
) {
  const boosts = new Map<string, Boost[]>();
  const cohorts = demoAdoptionCohorts().filter(
    (c: DemoAdoption) => c.urn === urn && c.academicYear >= firstYear,
  );
  for (const a of cohorts) {
    const members = pupils
      .filter(
        (p) =>
          p.receptionYear === a.academicYear - a.yearGroup &&
          p.onRollFrom <= a.academicYear &&
          p.onRollTo >= a.academicYear,
      )
      .sort((x, y) => hashId(`${x.id}/${a.id}`, seed) - hashId(`${y.id}/${a.id}`, seed))
      .slice(0, a.cohortSize);
    await writer.add('progress.intervention_cohorts', {
      id: a.cohortId,
      urn,
      subject: a.subject,
      year_group: a.yearGroup,
      academic_year: a.academicYear,
      started_on: a.startedOn,
      ended_on: a.endedOn,
      created_by: 'demo',
    });
    const boost = {
      subjects: MEASURED_SUBJECTS[a.subject] ?? [],
      academicYear: a.academicYear,
      points: demoAdoptionBoost(a.id),
    };
    for (const m of members) {
      await writer.add('progress.cohort_members', { cohort_id: a.cohortId, pupil_id: m.id, urn });
      boosts.set(m.id, [...(boosts.get(m.id) ?? []), boost]);
    }
  }
  return boosts;
}

/** Adds a boost to a subject's termly points: a third more each term of the adoption year, then kept. */
function applyBoost(boost: Boost, subject: string, pupil: DemoPupil, firstTerm: number, points: number[]) {
  if (!boost.subjects.includes(subject)) return;
  for (let i = 0; i < points.length; i++) {
    const k = firstTerm + i;
    const academicYear = pupil.receptionYear + Math.floor(k / 3);
    const share =
      academicYear < boost.academicYear ? 0 : academicYear > boost.academicYear ? 1 : ((k % 3) + 1) / 3;
    points[i] = (points[i] as number) + share * boost.points;
  }
}

function pointsOf(scaleId: string, grade: string): number {
  const points = pointsFor(scaleId, grade);
  if (points === undefined) throw new Error(`${grade} is not on ${scaleId}`);
  return points;
}

/**
 * Plans for about four in five pupils stuck in a year (closed at the year's end, except the last year's,
 * which are open with review dates, some overdue); for pupils on roll in the last year, an academic and a
 * non-cognitive target rated each term, and half-termly reviews with their learning guide (some missed),
 * unless `classroom` is false.
 */
async function addPlansTargetsReviews(
  writer: BatchWriter,
  pupil: DemoPupil,
  results: Record<string, unknown>[],
  random: () => number,
  senco: string,
  classroom: boolean,
) {
  const stuckYears = [...new Set(results.filter((r) => r.stuck).map((r) => r.academic_year as number))];
  for (const year of stuckYears) {
    if (random() >= 0.8) continue;
    const current = year === DEMO_LAST_YEAR;
    const startedOn = `${year + 1}-01-${String(8 + Math.floor(random() * 20)).padStart(2, '0')}`;
    await writer.add('progress.progress_plans', {
      id: `PP-${pupil.id}-${year}`,
      pupil_id: pupil.id,
      urn: pupil.urn,
      barriers: pick(random, BARRIERS),
      actions: pick(random, ACTIONS),
      owner_id: pupil.sen === 'NONE' ? pupil.learningGuideId : senco,
      started_on: startedOn,
      review_on: current ? addDays(`${year + 1}-05-01`, Math.floor(random() * 150)) : `${year + 1}-06-15`,
      closed_on: current ? null : `${year + 1}-07-20`,
    });
  }
  if (!classroom || pupil.onRollTo !== DEMO_LAST_YEAR) return;
  const weakest = results
    .filter((r) => r.academic_year === DEMO_LAST_YEAR)
    .sort((a, b) => (a.progress as number) - (b.progress as number))[0];
  const skill = pick(random, SKILLS);
  const targets = [
    {
      id: `LT-${pupil.id}-A`,
      kind: 'ACADEMIC',
      area: (weakest?.subject as string) ?? 'READING',
      description: `Secure the next two steps in ${String(weakest?.subject ?? 'reading').toLowerCase()}.`,
    },
    { id: `LT-${pupil.id}-N`, kind: 'NON_COGNITIVE', area: skill, description: SKILL_TARGETS[skill] },
  ];
  for (const target of targets) {
    let rating = 1 + Math.floor(random() * 2);
    const achieved = random() < 0.3;
    await writer.add('progress.learning_targets', {
      ...target,
      pupil_id: pupil.id,
      urn: pupil.urn,
      set_on: `${DEMO_LAST_YEAR}-09-20`,
      achieved_on: achieved ? `${DEMO_LAST_YEAR + 1}-06-30` : null,
    });
    for (const term of [1, 2, 3] as const) {
      await writer.add('progress.target_ratings', {
        target_id: target.id,
        rated_on: termDate(DEMO_LAST_YEAR, term),
        rating,
        rated_by: pupil.learningGuideId,
      });
      rating = Math.min(4, rating + (random() < 0.6 ? 1 : 0));
    }
  }
  const reviewDates = ['02-12', '03-27', '05-21', '07-08'].map((d) => `${DEMO_LAST_YEAR + 1}-${d}`);
  const held = random() < 0.12 ? reviewDates.slice(0, 3) : reviewDates;
  for (const [i, heldOn] of held.entries()) {
    await writer.add('progress.reviews', {
      id: `RV-${pupil.id}-${i + 1}`,
      pupil_id: pupil.id,
      urn: pupil.urn,
      reviewer_id: pupil.learningGuideId,
      held_on: heldOn,
      notes:
        i === held.length - 1
          ? 'Targets reviewed with pupil and carer; next steps agreed.'
          : 'Termly check-in.',
      next_review_on: addDays(heldOn, 42),
    });
  }
}
