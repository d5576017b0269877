import { BadRequest, errorSummary, refuseIfForbidden } from '../errors.ts';
import type { Handler } from './types.ts';

const EVENT =
  'id at subgraph actorSub actorRole actorScope operationName operationType fields pupilIds outcome errorCodes';
export const AUDIT_TRAIL = /* GraphQL */ `
  query WebAuditTrail($trustId: ID!, $since: String, $until: String, $pupilId: ID, $progress: Boolean!, $parents: Boolean!, $practice: Boolean!) {
    trust(id: $trustId) {
      id
      name
      progressAuditEvents(since: $since, until: $until, pupilId: $pupilId, first: 25) @include(if: $progress) { totalCount nodes { ${EVENT} } }
      parentsAuditEvents(since: $since, until: $until, pupilId: $pupilId, first: 25) @include(if: $parents) { totalCount nodes { ${EVENT} } }
      practiceAuditEvents(since: $since, until: $until, pupilId: $pupilId, first: 25) @include(if: $practice) { totalCount nodes { ${EVENT} } }
    }
  }
`;

interface AuditEvent {
  id: string;
  at: string;
  subgraph: string;
  actorSub: string | null;
  actorRole: string;
  actorScope: string | null;
  operationName: string | null;
  operationType: string;
  fields: string[];
  pupilIds: string[];
  outcome: string;
  errorCodes: string[];
}
type Trail = { totalCount: number; nodes: AuditEvent[] } | null | undefined;
interface AuditData {
  trust: {
    id: string;
    name: string;
    progressAuditEvents?: Trail;
    parentsAuditEvents?: Trail;
    practiceAuditEvents?: Trail;
  } | null;
}

const SUBGRAPHS = ['progress', 'parents', 'practice'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function filters(url: URL, sessionScope: string | undefined) {
  const trustId = url.searchParams.get('trust') || sessionScope || '';
  const since = url.searchParams.get('since') || '';
  const until = url.searchParams.get('until') || '';
  const pupilId = (url.searchParams.get('pupil') || '').trim();
  const subgraph = url.searchParams.get('subgraph') || 'all';
  if (since && !DATE.test(since))
    throw new BadRequest(`"From" must be a date as YYYY-MM-DD, not "${since}"`, 'since');
  if (until && !DATE.test(until))
    throw new BadRequest(`"To" must be a date as YYYY-MM-DD, not "${until}"`, 'until');
  if (subgraph !== 'all' && !(SUBGRAPHS as readonly string[]).includes(subgraph))
    throw new BadRequest(`Choose the part of Commonroom from ${SUBGRAPHS.join(', ')}, or all`, 'subgraph');
  return { trustId, since, until, pupilId, subgraph };
}

/** GET /audit: the trust's audit trail for its data protection officer, newest first, with filters. */
export const auditPage: Handler = async (ctx) => {
  const f = filters(ctx.url, ctx.session.role === 'dpo' ? ctx.session.scope : undefined);
  if (!f.trustId) throw new BadRequest('Choose a trust', 'trust');
  const { data, errors } = await ctx.query<AuditData>(AUDIT_TRAIL, {
    trustId: f.trustId,
    since: f.since || null,
    until: f.until || null,
    pupilId: f.pupilId || null,
    progress: f.subgraph === 'all' || f.subgraph === 'progress',
    parents: f.subgraph === 'all' || f.subgraph === 'parents',
    practice: f.subgraph === 'all' || f.subgraph === 'practice',
  });
  const trust = data?.trust;
  const trails = [trust?.progressAuditEvents, trust?.parentsAuditEvents, trust?.practiceAuditEvents];
  refuseIfForbidden(errors, `the audit trail of trust ${f.trustId}`, trails.find((t) => t) ?? null);
  const events = trails
    .flatMap((t) => t?.nodes ?? [])
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((e) => ({ ...e, when: e.at.replace('T', ' ').slice(0, 19) }));
  return {
    view: 'audit.njk',
    vars: {
      title: `Audit trail${trust ? ` – ${trust.name}` : ''}`,
      trust,
      f,
      events,
      total: trails.reduce((n, t) => n + (t?.totalCount ?? 0), 0),
      subgraphs: ['all', ...SUBGRAPHS].map((s) => ({
        value: s,
        text: s === 'all' ? 'All' : s,
        selected: s === f.subgraph,
      })),
      errors: errorSummary(errors),
    },
  };
};

export const SUBJECT_ACCESS = /* GraphQL */ `
  query WebSubjectAccessExport($pupilId: ID!) {
    subjectAccessExport(pupilId: $pupilId) { pupilId generatedAt erasedAt progress parents }
  }
`;

/** GET /audit/export?pupil=ID: the subject access export of one pupil, as a JSON file (DPO of the pupil's trust). */
export const subjectAccessDownload: Handler = async (ctx) => {
  const pupilId = (ctx.url.searchParams.get('pupil') || '').trim();
  if (!pupilId) throw new BadRequest('Enter the pupil id to export', 'pupil');
  const { data, errors } = await ctx.query<{ subjectAccessExport: Record<string, unknown> | null }>(
    SUBJECT_ACCESS,
    {
      pupilId,
    },
  );
  refuseIfForbidden(errors, `the records of pupil ${pupilId}`, data?.subjectAccessExport);
  if (!data?.subjectAccessExport)
    return {
      status: 502,
      view: 'error.njk',
      vars: { title: 'The export failed', errors: errorSummary(errors) },
    };
  return {
    download: {
      filename: `subject-access-${pupilId.replace(/[^\w-]/g, '_')}.json`,
      type: 'application/json; charset=utf-8',
      body: JSON.stringify(data.subjectAccessExport, null, 2),
    },
  };
};
