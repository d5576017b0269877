import { errorSummary, NotFound, refuseIfForbidden } from '../errors.ts';
import { academicYear, type Handler } from './types.ts';

export const SCHOOL_STUCK = /* GraphQL */ `
  query WebSchoolStuckPupils($urn: Int!, $academicYear: Int!, $after: String) {
    school(urn: $urn) {
      urn
      name
      stuckPupils(academicYear: $academicYear, first: 50, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          displayName
          yearGroup(academicYear: $academicYear)
          learningGuide { name }
          progressPlan { reviewOn closedOn }
          entitlement(academicYear: $academicYear) { eligible }
        }
      }
      selfEvaluation(academicYear: $academicYear) { eligibleForSupport accessingSupport }
    }
  }
`;

interface SchoolData {
  school: {
    urn: number;
    name: string;
    stuckPupils: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: {
        id: string;
        displayName: string;
        yearGroup: number;
        learningGuide: { name: string } | null;
        progressPlan: { reviewOn: string; closedOn: string | null } | null;
        entitlement: { eligible: boolean } | null;
      }[];
    } | null;
    selfEvaluation: { eligibleForSupport: number | null; accessingSupport: number | null } | null;
  } | null;
}

/** GET /schools/{urn}: for the school's staff (and its trust's leaders), the stuck pupils and what is being done. */
export const schoolPage: Handler = async (ctx) => {
  const urn = Number(ctx.params.urn);
  if (!/^\d{6}$/.test(ctx.params.urn ?? ''))
    throw new NotFound('A school URN has six digits, such as 138113.');
  const year = academicYear(ctx.url);
  const after = ctx.url.searchParams.get('after') || null;
  const { data, errors } = await ctx.query<SchoolData>(SCHOOL_STUCK, { urn, academicYear: year, after });
  const school = data?.school;
  if (!school && errors.length === 0) throw new NotFound(`There is no school ${urn}.`);
  refuseIfForbidden(errors, `the pupils of ${school?.name ?? `school ${urn}`}`, school?.stuckPupils);
  const pupils = school?.stuckPupils?.nodes ?? [];
  return {
    view: 'school.njk',
    vars: {
      title: school?.name ?? `School ${urn}`,
      school,
      urn,
      year,
      pupils,
      next: school?.stuckPupils?.pageInfo.hasNextPage
        ? `?year=${year}&after=${encodeURIComponent(school.stuckPupils.pageInfo.endCursor ?? '')}#stuck`
        : undefined,
      withoutPlanOnPage: pupils.filter((p) => !p.progressPlan || p.progressPlan.closedOn).length,
      errors: errorSummary(errors),
    },
  };
};

export const PUPIL_PLAN = /* GraphQL */ `
  query WebPupilPlan($id: ID!, $academicYear: Int!) {
    pupil(id: $id) {
      id
      displayName
      yearGroup(academicYear: $academicYear)
      school { urn name }
      learningGuide { name }
      progressPlan { id barriers actions startedOn reviewOn closedOn owner { name } }
      learningTargets { id kind area description setOn achievedOn ratings { ratedOn rating } }
      reviews { id heldOn notes nextReviewOn reviewer { name } }
      reviewOverdue
    }
  }
`;

interface PupilData {
  pupil: {
    id: string;
    displayName: string;
    yearGroup: number;
    school: { urn: number; name: string };
    learningGuide: { name: string } | null;
    progressPlan: {
      id: string;
      barriers: string;
      actions: string;
      startedOn: string;
      reviewOn: string;
      closedOn: string | null;
      owner: { name: string } | null;
    } | null;
    learningTargets: {
      id: string;
      kind: string;
      area: string;
      description: string;
      setOn: string;
      achievedOn: string | null;
      ratings: { ratedOn: string; rating: number }[];
    }[];
    reviews: {
      id: string;
      heldOn: string;
      notes: string;
      nextReviewOn: string;
      reviewer: { name: string } | null;
    }[];
    reviewOverdue: boolean;
  } | null;
}

const RATINGS = ['', 'Not yet', 'Emerging', 'Developing', 'Secure'];

async function pupilView(
  ctx: Parameters<Handler>[0],
  form: { barriers?: string; actions?: string; reviewOn?: string } = {},
  fieldErrors: Record<string, string> = {},
  status = 200,
) {
  const id = ctx.params.id ?? '';
  const year = academicYear(ctx.url);
  const { data, errors } = await ctx.query<PupilData>(PUPIL_PLAN, { id, academicYear: year });
  refuseIfForbidden(errors, `pupil ${id}`, data?.pupil);
  const pupil = data?.pupil;
  if (!pupil && errors.length === 0) throw new NotFound(`There is no pupil ${id}.`);
  const summary = [
    ...Object.entries(fieldErrors).map(([field, text]) => ({ text, href: `#${field}` })),
    ...errorSummary(errors),
  ];
  return {
    status,
    view: 'pupil.njk',
    vars: {
      title: pupil ? `${pupil.displayName}'s plan` : `Pupil ${id}`,
      pupil,
      year,
      targets: (pupil?.learningTargets ?? []).map((t) => {
        const last = t.ratings.at(-1);
        return {
          ...t,
          latest: last ? `${RATINGS[last.rating] ?? last.rating} (${last.ratedOn})` : 'Not rated yet',
        };
      }),
      planOpen: Boolean(pupil?.progressPlan && !pupil.progressPlan.closedOn),
      form,
      fieldErrors,
      errors: summary,
    },
  };
}

/** GET /pupils/{id}: a pupil's progress plan, targets and reviews, with a form to start a plan when none is open. */
export const pupilPage: Handler = (ctx) => pupilView(ctx);

export const CREATE_PLAN = /* GraphQL */ `
  mutation WebCreateProgressPlan($input: CreateProgressPlanInput!) {
    createProgressPlan(input: $input) { id }
  }
`;

/** POST /pupils/{id}/plan: starts a progress plan; bad input comes back on the form, field by field. */
export const startPlan: Handler = async (ctx) => {
  const id = ctx.params.id ?? '';
  const form = {
    barriers: (ctx.form.get('barriers') ?? '').trim(),
    actions: (ctx.form.get('actions') ?? '').trim(),
    reviewOn: (ctx.form.get('reviewOn') ?? '').trim(),
  };
  const fieldErrors: Record<string, string> = {};
  if (!form.barriers) fieldErrors.barriers = 'Enter what is holding the pupil back';
  if (!form.actions) fieldErrors.actions = 'Enter what will be done about it';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.reviewOn)) fieldErrors.reviewOn = 'Enter a review date as YYYY-MM-DD';
  if (Object.keys(fieldErrors).length > 0) return pupilView(ctx, form, fieldErrors, 400);
  const { errors } = await ctx.query<{ createProgressPlan: { id: string } }>(CREATE_PLAN, {
    input: { pupilId: id, ...form },
  });
  refuseIfForbidden(errors, `starting a plan for pupil ${id}`, null);
  if (errors.length > 0) {
    const message = errors.map((e) => e.message).join('; ');
    const field = /review/i.test(message) ? 'reviewOn' : /action/i.test(message) ? 'actions' : 'barriers';
    return pupilView(ctx, form, { [field]: message }, 400);
  }
  return { redirect: `/pupils/${encodeURIComponent(id)}#plan` };
};
