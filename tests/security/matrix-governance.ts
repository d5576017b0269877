import type { MatrixRow, Outcome } from './access-matrix.ts';
import { isOptionalPersona, OWN_LA, OWN_TRUST, OWN_URN, PERSONAS, type Persona, YEAR } from './personas.ts';

/**
 * Governors, trustees and trust settings: the governor reports (aggregates, for the school's governors and its
 * trust's trustees besides those who already read its aggregates), and a trust's settings (its leaders only).
 * Every pupil-level row elsewhere in the matrix denies governors and trustees; these rows grant what they may.
 */
const outcomes = (granted: Persona[], named: Partial<Record<Persona, Outcome>> = {}) =>
  Object.fromEntries(
    PERSONAS.filter((p) => !isOptionalPersona(p)).map((p) => [
      p,
      named[p] ?? (granted.includes(p) ? 'GRANT' : 'DENY'),
    ]),
  ) as MatrixRow['expect'];

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Governors and trustees read aggregates only: every count they get is rounded to 5 (or hidden). */
const AGGREGATE_ONLY: Persona[] = ['governorOwn', 'trusteeOwn', 'laOwn'];
function roundedFor(persona: Persona, counts: (number | null | undefined)[]) {
  if (!AGGREGATE_ONLY.includes(persona)) return;
  for (const n of counts)
    assert(n === null || n === undefined || n % 5 === 0, `${persona} got an exact count ${n}`);
}

const REPORT = `governorReport(academicYear: ${YEAR}) {
  academicYear
  progress { pupils stuckPupils stuckWithoutPlan disadvantagedGap { value suppressed } }
  disadvantagedGaps { subject groups { group attainment { value cohort suppressed } } }
  disadvantagedGapTrend { academicYear gap { value suppressed } }
  supportTakeUp { eligibleForSupport accessingSupport }
}`;

interface Report {
  academicYear: number;
  progress: { pupils: number | null; stuckPupils: number | null; stuckWithoutPlan: number | null } | null;
  disadvantagedGaps: { subject: string; groups: { attainment: { cohort: number | null } }[] }[];
  supportTakeUp: { eligibleForSupport: number | null; accessingSupport: number | null };
}

const SETTINGS =
  'settings { trustId custom expectedPointsPerTerm stuckAfterAssessments retentionYears vulnerableReviewWeeks }';

/** A day after the demo's last half-termly review (8 July): those who missed it are overdue. */
const AS_OF = `${YEAR + 1}-07-20`;

export const GOVERNANCE_ROWS: MatrixRow[] = [
  {
    covers: 'Field.School.governorReport',
    name: 'school { governorReport }',
    operation: `query ($urn: Int!) { school(urn: $urn) { ${REPORT} } }`,
    variables: () => ({ urn: OWN_URN }),
    path: 'school.governorReport',
    // The school's governors and its trust's trustees, besides everyone who reads its aggregates; the other
    // school's governor (same trust, same LA) and the other trust's trustees are FORBIDDEN.
    expect: outcomes(['staffOwn', 'learningGuide', 'trustOwn', 'laOwn', 'governorOwn', 'trusteeOwn']),
    check: (value, _f, persona) => {
      const report = value as Report;
      assert(report.academicYear === YEAR, 'the year asked for');
      assert(report.progress !== null, 'a school report has its progress');
      assert(
        report.disadvantagedGaps.map((g) => g.subject).join() === 'READING,WRITING,MATHS',
        'gaps in each core subject',
      );
      roundedFor(persona, [
        report.progress.pupils,
        report.progress.stuckPupils,
        report.progress.stuckWithoutPlan,
        report.supportTakeUp.eligibleForSupport,
        report.supportTakeUp.accessingSupport,
      ]);
    },
  },
  {
    covers: 'Field.Trust.governorReport',
    name: 'trust { governorReport }',
    operation: `query ($id: ID!) { trust(id: $id) { ${REPORT} } }`,
    variables: () => ({ id: OWN_TRUST }),
    path: 'trust.governorReport',
    expect: outcomes(['trustOwn', 'trusteeOwn']),
    check: (value, _f, persona) => {
      const report = value as Report;
      assert(report.progress === null, 'a trust report leaves progress to each school');
      roundedFor(persona, [report.supportTakeUp.eligibleForSupport, report.supportTakeUp.accessingSupport]);
    },
  },
  {
    covers: 'Field.GovernorReport.overdueReviews',
    name: 'school { governorReport { overdueReviews } }',
    operation: `query ($urn: Int!) { school(urn: $urn) { governorReport(academicYear: ${YEAR}) { overdueReviews(asOf: "${AS_OF}") } } }`,
    variables: () => ({ urn: OWN_URN }),
    path: 'school.governorReport.overdueReviews',
    // A count on the report: whoever reads the report; exact for staff and trust leaders, rounded otherwise.
    expect: outcomes(['staffOwn', 'learningGuide', 'trustOwn', 'laOwn', 'governorOwn', 'trusteeOwn']),
    check: (value, _f, persona) => {
      assert(value === null || (typeof value === 'number' && value >= 0), 'a count or hidden');
      roundedFor(persona, [value as number | null]);
    },
  },
  {
    covers: 'Field.GovernorReport.overdueReviews',
    name: 'trust { governorReport { overdueReviews } }',
    operation: `query ($id: ID!) { trust(id: $id) { governorReport(academicYear: ${YEAR}) { overdueReviews(asOf: "${AS_OF}") } } }`,
    variables: () => ({ id: OWN_TRUST }),
    path: 'trust.governorReport.overdueReviews',
    expect: outcomes(['trustOwn', 'trusteeOwn']),
    check: (value, _f, persona) => {
      assert(value === null || (typeof value === 'number' && value >= 0), 'a count or hidden');
      roundedFor(persona, [value as number | null]);
    },
  },
  {
    covers: 'Field.School.overdueReviews',
    name: 'school { overdueReviews }',
    operation: `query ($urn: Int!) { school(urn: $urn) { overdueReviews(asOf: "${AS_OF}") { pupil { id displayName } lastReviewedOn dueOn } } }`,
    variables: () => ({ urn: OWN_URN }),
    path: 'school.overdueReviews',
    // Pupil by pupil: the school's own staff only. Its trust's leaders, its governors and its trust's
    // trustees, its LA's officers, another school's staff, carers and providers are FORBIDDEN.
    expect: outcomes(['staffOwn', 'learningGuide']),
    check: (value) => {
      const list = value as { pupil: { id: string }; dueOn: string | null }[];
      assert(list.length > 0, 'the demo has pupils who missed their last review');
      assert(
        list.every((o) => o.dueOn === null || o.dueOn < AS_OF),
        'every listed review was due before the day asked about',
      );
    },
  },
  {
    covers: 'Field.Trust.settings',
    name: 'trust { settings }',
    operation: `query ($id: ID!) { trust(id: $id) { ${SETTINGS} } }`,
    variables: () => ({ id: OWN_TRUST }),
    path: 'trust.settings',
    expect: outcomes(['trustOwn']),
    check: (value) => {
      const s = value as { trustId: string; stuckAfterAssessments: number };
      assert(s.trustId === OWN_TRUST && s.stuckAfterAssessments >= 2, 'the own trust’s settings');
    },
  },
  {
    covers: 'Field.LocalAuthority.progressTargets',
    name: 'localAuthority { progressTargets }',
    operation: `query ($code: String!) { localAuthority(code: $code) { progressTargets(academicYear: ${YEAR}) { stuckPupils } } }`,
    variables: () => ({ code: OWN_LA }),
    path: 'localAuthority.progressTargets',
    expect: outcomes(['laOwn']),
  },
  {
    covers: 'Mutation.setProgressTargets',
    name: 'setProgressTargets (the own school: none stuck)',
    operation: `mutation ($input: SetProgressTargetsInput!) { setProgressTargets(input: $input) { academicYear stuckPupils } }`,
    variables: () => ({
      input: {
        scope: 'SCHOOL',
        id: String(OWN_URN),
        academicYear: YEAR,
        stuckPupils: 0,
        stuckWithoutPlan: 0,
      },
    }),
    path: 'setProgressTargets',
    // The school's staff; not another school's, its governors, its trust's leaders or trustees (they set the
    // trust's), its LA's officers (the LA's), carers or providers.
    expect: outcomes(['staffOwn', 'learningGuide']),
    unchanged: {
      as: 'staffOwn',
      operation: `query ($urn: Int!) { school(urn: $urn) { governorReport(academicYear: ${YEAR}) { academicYear targets { stuckPupils } } } }`,
      variables: () => ({ urn: OWN_URN }),
      path: 'school.governorReport',
    },
  },
  // Its leaders only: not its trustees, the other trust's leaders, LA officers, staff or its DPO.
  settingsChange('retention kept as it is', 'retentionYears', 6),
  settingsChange('review cycle kept as it is', 'vulnerableReviewWeeks', 6),
];

/** `updateTrustSettings` setting one field to the value it has, so the refusals can be seen to change nothing. */
function settingsChange(name: string, field: string, value: number): MatrixRow {
  return {
    covers: 'Mutation.updateTrustSettings',
    name: `updateTrustSettings (${name})`,
    operation: `mutation ($id: ID!) { updateTrustSettings(trustId: $id, input: { ${field}: ${value} }) { trustId ${field} } }`,
    variables: () => ({ id: OWN_TRUST }),
    path: 'updateTrustSettings',
    expect: outcomes(['trustOwn']),
    unchanged: {
      as: 'trustOwn',
      operation: `query ($id: ID!) { trust(id: $id) { ${SETTINGS} } }`,
      variables: () => ({ id: OWN_TRUST }),
      path: 'trust.settings',
    },
  };
}
