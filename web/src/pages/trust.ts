import { BadRequest, errorSummary, refuseIfForbidden } from '../errors.ts';
import { academicYear, type Handler, type Measure } from './types.ts';

export const TRUST_OVERVIEW = /* GraphQL */ `
  query WebTrustOverview($trustId: ID!, $academicYear: Int!) {
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
          onTrack { value cohort suppressed reason }
          disadvantagedGap { value suppressed reason }
        }
        parentSatisfaction(academicYear: $academicYear) { responses recommend { value suppressed reason } }
        cpd(academicYear: $academicYear) { hoursPerTeacher schoolBasedShare }
        practices(first: 3) { totalCount nodes { id title } }
      }
    }
  }
`;

interface TrustSchool {
  urn: number;
  name: string;
  progress: {
    pupils: number;
    stuckPupils: number;
    stuckWithoutPlan: number;
    onTrack: Measure;
    disadvantagedGap: Measure;
  } | null;
  parentSatisfaction: { responses: number; recommend: Measure } | null;
  cpd: { hoursPerTeacher: number | null; schoolBasedShare: number | null } | null;
  practices: { totalCount: number; nodes: { id: string; title: string }[] } | null;
}
interface TrustData {
  trust: { id: string; name: string; schools: TrustSchool[] } | null;
}

/** The sortable columns: their heading and how to read each school's figure (null sorts last). */
const COLUMNS: Record<string, { heading: string; value: (s: TrustSchool) => number | string | null }> = {
  name: { heading: 'School', value: (s) => s.name },
  pupils: { heading: 'Pupils', value: (s) => s.progress?.pupils ?? null },
  onTrack: { heading: 'On track', value: (s) => shown(s.progress?.onTrack) },
  stuck: { heading: 'Stuck pupils', value: (s) => s.progress?.stuckPupils ?? null },
  withoutPlan: { heading: 'Stuck without a plan', value: (s) => s.progress?.stuckWithoutPlan ?? null },
  gap: { heading: 'Disadvantaged gap', value: (s) => shown(s.progress?.disadvantagedGap) },
  recommend: { heading: 'Parents who recommend', value: (s) => shown(s.parentSatisfaction?.recommend) },
  cpd: { heading: 'CPD hours per teacher', value: (s) => s.cpd?.hoursPerTeacher ?? null },
};

function shown(m: Measure | undefined): number | null {
  return m && !m.suppressed ? m.value : null;
}

/** GET /trusts/{id}: every school of the trust side by side, sortable (`?sort=COLUMN&order=asc|desc`). */
export const trustPage: Handler = async (ctx) => {
  const trustId = ctx.params.id ?? '';
  const year = academicYear(ctx.url);
  const sort = ctx.url.searchParams.get('sort') ?? 'name';
  const column = COLUMNS[sort];
  if (!column)
    throw new BadRequest(`Sort by one of ${Object.keys(COLUMNS).join(', ')}, not "${sort}"`, 'sort');
  const order = ctx.url.searchParams.get('order') === 'desc' ? 'desc' : 'asc';
  const { data, errors } = await ctx.query<TrustData>(TRUST_OVERVIEW, { trustId, academicYear: year });
  const trust = data?.trust;
  // The trust itself is in the public directory: what the page is about is its schools' figures.
  refuseIfForbidden(
    errors,
    `trust ${trustId}`,
    trust?.schools.find((s) => s.progress),
  );
  if (!trust && errors.length === 0)
    return {
      status: 404,
      view: 'error.njk',
      vars: { title: 'Trust not found', body: `There is no trust ${trustId}.` },
    };
  const schools = [...(trust?.schools ?? [])].sort((a, b) =>
    compare(column.value(a), column.value(b), order),
  );
  const notes = schools.flatMap((s) => {
    const out: string[] = [];
    const gap = s.progress?.disadvantagedGap;
    if (gap?.suppressed) out.push(`${s.name}, disadvantaged gap: ${gap.reason ?? 'suppressed'}`);
    const onTrack = s.progress?.onTrack;
    if (onTrack?.suppressed) out.push(`${s.name}, on track: ${onTrack.reason ?? 'suppressed'}`);
    const rec = s.parentSatisfaction?.recommend;
    if (rec?.suppressed) out.push(`${s.name}, parents who recommend: ${rec.reason ?? 'suppressed'}`);
    return out;
  });
  if (ctx.url.searchParams.get('format') === 'csv' && trust)
    return {
      download: {
        filename: `trust-${trustId}-${year}.csv`,
        type: 'text/csv; charset=utf-8',
        body: trustCsv(schools),
      },
    };
  const headings = Object.entries(COLUMNS).map(([key, c]) => {
    const active = key === sort;
    const nextOrder = active && order === 'asc' ? 'desc' : 'asc';
    return {
      key,
      text: c.heading,
      href: `?year=${year}&sort=${key}&order=${nextOrder}`,
      ariaSort: active ? (order === 'asc' ? 'ascending' : 'descending') : 'none',
      numeric: key !== 'name',
    };
  });
  return {
    view: 'trust.njk',
    vars: {
      title: trust?.name ?? `Trust ${trustId}`,
      trust,
      trustId,
      schools,
      headings,
      year,
      notes,
      gapChart: gapChart(schools),
      csvHref: `?year=${year}&sort=${sort}&order=${order}&format=csv`,
      errors: errorSummary(errors),
    },
  };
};

/** A figure as DfE's CSV files give it: the number, `c` when suppressed, `x` when not available. */
function csvFigure(m: Measure | null | undefined, scale = 1): string {
  if (!m) return 'x';
  if (m.suppressed) return 'c';
  return m.value === null ? 'x' : String(Math.round(m.value * scale * 10) / 10);
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The table as CSV, in the page's order, percentages as numbers (0–100). */
export function trustCsv(schools: TrustSchool[]): string {
  const header = [
    'urn',
    'school',
    'pupils',
    'on_track_percent',
    'stuck_pupils',
    'stuck_without_plan',
    'disadvantaged_gap_points',
    'parents_recommend_percent',
    'cpd_hours_per_teacher',
  ];
  const rows = schools.map((s) => [
    s.urn,
    s.name,
    s.progress?.pupils ?? 'x',
    csvFigure(s.progress?.onTrack, 100),
    s.progress?.stuckPupils ?? 'x',
    s.progress?.stuckWithoutPlan ?? 'x',
    csvFigure(s.progress?.disadvantagedGap, 100),
    csvFigure(s.parentSatisfaction?.recommend, 100),
    s.cpd?.hoursPerTeacher ?? 'x',
  ]);
  return `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function compare(a: number | string | null, b: number | string | null, order: 'asc' | 'desc'): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const c = typeof a === 'string' ? a.localeCompare(String(b)) : a - (b as number);
  return order === 'asc' ? c : -c;
}

/**
 * The disadvantaged gap of each school as a horizontal SVG bar chart drawn on the server (no JavaScript);
 * the table beside it holds the same data. Suppressed gaps get no bar and a "c".
 */
export function gapChart(schools: TrustSchool[]) {
  const rows = schools.map((s) => ({ name: s.name, gap: s.progress?.disadvantagedGap }));
  const max = Math.max(0.05, ...rows.map((r) => Math.abs(shown(r.gap) ?? 0)));
  const labelWidth = 320;
  const barWidth = 300;
  const rowHeight = 28;
  const zero = labelWidth + barWidth / 2;
  return {
    width: labelWidth + barWidth + 80,
    height: rows.length * rowHeight + 10,
    zero,
    bars: rows.map((r, i) => {
      const value = shown(r.gap);
      const length = value === null ? 0 : (Math.abs(value) / max) * (barWidth / 2);
      return {
        y: i * rowHeight + 5,
        label: r.name.length > 44 ? `${r.name.slice(0, 43)}…` : r.name,
        x: value !== null && value < 0 ? zero - length : zero,
        width: length,
        text: r.gap?.suppressed ? 'c' : value === null ? 'x' : `${(value * 100).toFixed(1)} pts`,
        textX: zero + (value !== null && value > 0 ? length : 0) + 6,
      };
    }),
  };
}
