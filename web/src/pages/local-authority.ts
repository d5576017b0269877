import { BadRequest, errorSummary, refuseIfForbidden } from '../errors.ts';
import { academicYear, type Handler, type Measure } from './types.ts';

export const LA_GAPS = /* GraphQL */ `
  query WebLocalAuthorityGaps(
    $laCode: String!
    $academicYear: Int!
    $subject: Subject!
    $by: GapDimension!
    $trend: Boolean!
  ) {
    localAuthority(code: $laCode) {
      code
      name
      gaps(academicYear: $academicYear, subject: $subject, by: $by) {
        group
        attainment { value cohort suppressed reason }
        progress { value suppressed reason }
        stuckRate { value suppressed reason }
        attainmentGap { value suppressed reason }
      }
      gapTrend(subject: $subject, by: $by, fromYear: 2021) @include(if: $trend) {
        academicYear
        gap { value suppressed reason }
        gapIndex { value suppressed reason }
      }
      supportTakeUp(academicYear: $academicYear) {
        eligibleForSupport
        accessingSupport
        takeUp { value suppressed reason }
      }
      schools(first: 50) {
        totalCount
        nodes {
          urn
          name
          progress(academicYear: $academicYear) { disadvantagedGap { value suppressed reason } }
        }
      }
    }
  }
`;

interface LaData {
  localAuthority: {
    code: string;
    name: string;
    gaps:
      | {
          group: string;
          attainment: Measure;
          progress: Measure;
          stuckRate: Measure;
          attainmentGap: Measure;
        }[]
      | null;
    gapTrend?: { academicYear: number; gap: Measure; gapIndex: Measure }[] | null;
    supportTakeUp: {
      eligibleForSupport: number | null;
      accessingSupport: number | null;
      takeUp: Measure;
    } | null;
    schools: {
      totalCount: number;
      nodes: { urn: number; name: string; progress: { disadvantagedGap: Measure } | null }[];
    };
  } | null;
}

const SUBJECTS = ['READING', 'WRITING', 'MATHS'] as const;
const DIMENSIONS: Record<string, string> = {
  DISADVANTAGED: 'Disadvantage',
  SEX: 'Sex',
  SEN: 'Special educational needs',
  EAL: 'English as an additional language',
  ETHNICITY: 'Ethnicity',
  LOOKED_AFTER: 'Looked after',
};

function choice<T extends string>(url: URL, name: string, allowed: readonly T[], fallback: T): T {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw))
    throw new BadRequest(`Choose ${name} from ${allowed.join(', ')}, not "${raw}"`, name);
  return raw as T;
}

const label = (group: string) => group.charAt(0) + group.slice(1).toLowerCase().replaceAll('_', ' ');

/** GET /local-authorities/{code}: gaps by a chosen dimension and subject with their trend, schools, support take-up. */
export const localAuthorityPage: Handler = async (ctx) => {
  const laCode = ctx.params.code ?? '';
  if (!/^\d{3}$/.test(laCode))
    return {
      status: 404,
      view: 'error.njk',
      vars: { title: 'Page not found', body: 'An LA code has three digits, such as 857.' },
    };
  const year = academicYear(ctx.url);
  const subject = choice(ctx.url, 'subject', SUBJECTS, 'MATHS');
  const by = choice(ctx.url, 'by', Object.keys(DIMENSIONS), 'DISADVANTAGED');
  const { data, errors } = await ctx.query<LaData>(LA_GAPS, {
    laCode,
    academicYear: year,
    subject,
    by,
    trend: by !== 'ETHNICITY',
  });
  refuseIfForbidden(errors, `the gaps of local authority ${laCode}`, data?.localAuthority?.gaps);
  const la = data?.localAuthority;
  if (!la && errors.length === 0)
    return {
      status: 404,
      view: 'error.njk',
      vars: { title: 'Local authority not found', body: `There is no LA ${laCode}.` },
    };
  const withGap = (la?.schools.nodes ?? []).filter(
    (s) =>
      s.progress && !s.progress.disadvantagedGap.suppressed && s.progress.disadvantagedGap.value !== null,
  );
  const byGap = [...withGap].sort(
    (a, b) => (b.progress?.disadvantagedGap.value ?? 0) - (a.progress?.disadvantagedGap.value ?? 0),
  );
  const notes: string[] = [];
  for (const g of la?.gaps ?? [])
    for (const [what, m] of [
      ['attainment', g.attainment],
      ['progress', g.progress],
      ['stuck', g.stuckRate],
      ['gap', g.attainmentGap],
    ] as const)
      if (m.suppressed) notes.push(`${label(g.group)}, ${what}: ${m.reason ?? 'suppressed'}`);
  for (const s of la?.schools.nodes ?? [])
    if (s.progress?.disadvantagedGap.suppressed)
      notes.push(`${s.name}, disadvantaged gap: ${s.progress.disadvantagedGap.reason ?? 'suppressed'}`);
  for (const p of la?.gapTrend ?? [])
    if (p.gap.suppressed)
      notes.push(`${p.academicYear}/${(p.academicYear + 1) % 100} gap: ${p.gap.reason ?? 'suppressed'}`);
  return {
    view: 'local-authority.njk',
    vars: {
      title: la ? `${la.name} – attainment gaps` : `Local authority ${laCode}`,
      la,
      laCode,
      year,
      subject,
      by,
      subjects: SUBJECTS.map((s) => ({ value: s, text: label(s), selected: s === subject })),
      dimensions: Object.entries(DIMENSIONS).map(([value, text]) => ({
        value,
        text,
        selected: value === by,
      })),
      dimensionName: DIMENSIONS[by],
      gaps: (la?.gaps ?? []).map((g) => ({ ...g, label: label(g.group) })),
      widest: byGap.slice(0, 5),
      narrowest: byGap.slice(-5).reverse(),
      // Every school: widest gap first, then the suppressed ("c") and those without figures ("x").
      allSchools: [...byGap, ...(la?.schools.nodes ?? []).filter((s) => !withGap.includes(s))],
      notes,
      errors: errorSummary(errors),
    },
  };
};
