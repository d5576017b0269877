import { BadRequest, errorSummary, NotFound } from '../errors.ts';
import type { Handler, Measure } from './types.ts';

export const PRACTICE_SEARCH = /* GraphQL */ `
  query WebPracticeSearch($text: String, $filter: PracticeFilter, $after: String) {
    practices(search: $text, filter: $filter, first: 20, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        title
        summary
        phases
        school { urn name }
        strand { name }
        evidence { adoptions measured withPositiveEffect }
      }
    }
  }
`;

interface SearchData {
  practices: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: {
      id: string;
      title: string;
      summary: string;
      phases: string[];
      school: { urn: number; name: string };
      strand: { name: string } | null;
      evidence: { adoptions: number; measured: number | null; withPositiveEffect: number | null } | null;
    }[];
  } | null;
}

const PHASES = ['PRIMARY', 'SECONDARY', 'ALL_THROUGH', 'SPECIAL', 'ALTERNATIVE_PROVISION'];
const GROUPS = [
  'DISADVANTAGED',
  'SEN',
  'EAL',
  'LOOKED_AFTER',
  'LOW_PRIOR_ATTAINMENT',
  'HIGH_PRIOR_ATTAINMENT',
  'BOYS',
  'GIRLS',
];
const words = (v: string) => v.charAt(0) + v.slice(1).toLowerCase().replaceAll('_', ' ');

function option(url: URL, name: string, allowed: string[]): string | undefined {
  const raw = url.searchParams.get(name) || '';
  if (!raw) return undefined;
  if (!allowed.includes(raw)) throw new BadRequest(`Choose ${name} from the list, not "${raw}"`, name);
  return raw;
}

/** GET /practices: the catalogue, searched by text (`q`) and filtered by phase and pupil group. Public. */
export const practicesPage: Handler = async (ctx) => {
  const text = (ctx.url.searchParams.get('q') || '').trim();
  if (text.length > 200) throw new BadRequest('Search for at most 200 characters', 'q');
  const phase = option(ctx.url, 'phase', PHASES);
  const pupilGroup = option(ctx.url, 'group', GROUPS);
  const filter = { ...(phase ? { phase } : {}), ...(pupilGroup ? { pupilGroup } : {}) };
  const after = ctx.url.searchParams.get('after') || null;
  const { data, errors } = await ctx.query<SearchData>(PRACTICE_SEARCH, {
    text: text || null,
    filter: Object.keys(filter).length ? filter : null,
    after,
  });
  const page = data?.practices;
  const params = new URLSearchParams({ q: text, phase: phase ?? '', group: pupilGroup ?? '' });
  if (page?.pageInfo.hasNextPage && page.pageInfo.endCursor) params.set('after', page.pageInfo.endCursor);
  return {
    view: 'practices.njk',
    vars: {
      title: 'Practice catalogue',
      text,
      page,
      next: page?.pageInfo.hasNextPage ? `/practices?${params}` : undefined,
      phases: [
        { value: '', text: 'Any' },
        ...PHASES.map((p) => ({ value: p, text: words(p), selected: p === phase })),
      ],
      groups: [
        { value: '', text: 'Any' },
        ...GROUPS.map((g) => ({ value: g, text: words(g), selected: g === pupilGroup })),
      ],
      practices: (page?.nodes ?? []).map((p) => ({ ...p, phaseNames: p.phases.map(words).join(', ') })),
      errors: errorSummary(errors),
    },
  };
};

export const PRACTICE = /* GraphQL */ `
  query WebPractice($id: ID!) {
    practice(id: $id) {
      id
      title
      summary
      problem
      approach
      schoolEvidence
      phases
      subjects
      school { urn name }
      strand { name impactMonths evidenceStrength }
      resources { title url }
      evidence { adoptions schools schoolsOutsideTrust measured withPositiveEffect }
      adoptions {
        id
        school { urn name }
        subject
        yearGroup
        academicYear
        impact { effect { value cohort suppressed reason } months { value suppressed reason } }
      }
    }
  }
`;

interface PracticeData {
  practice: {
    id: string;
    title: string;
    summary: string;
    problem: string;
    approach: string;
    schoolEvidence: string;
    phases: string[];
    subjects: string[];
    school: { urn: number; name: string };
    strand: { name: string; impactMonths: number; evidenceStrength: number } | null;
    resources: { title: string; url: string }[];
    evidence: {
      adoptions: number;
      schools: number;
      schoolsOutsideTrust: number;
      measured: number | null;
      withPositiveEffect: number | null;
    } | null;
    adoptions: {
      id: string;
      school: { urn: number; name: string };
      subject: string;
      yearGroup: number;
      academicYear: number;
      impact: { effect: Measure; months: Measure } | null;
    }[];
  } | null;
}

/** GET /practices/{id}: one practice with its evidence and each adoption's measured impact. */
export const practicePage: Handler = async (ctx) => {
  const id = ctx.params.id ?? '';
  const { data, errors } = await ctx.query<PracticeData>(PRACTICE, { id });
  const practice = data?.practice;
  // A practice the caller may not see is null, like one that does not exist (so ids cannot be probed).
  if (!practice && errors.length === 0) throw new NotFound(`There is no practice ${id} that you can see.`);
  const notes = (practice?.adoptions ?? [])
    .filter((a) => a.impact?.effect.suppressed)
    .map((a) => `${a.school.name}, ${a.academicYear}: ${a.impact?.effect.reason ?? 'suppressed'}`);
  return {
    view: 'practice.njk',
    vars: {
      title: practice?.title ?? `Practice ${id}`,
      practice,
      phaseNames: (practice?.phases ?? []).map(words).join(', '),
      notes,
      errors: errorSummary(errors),
    },
  };
};
