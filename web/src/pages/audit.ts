import { BadRequest, errorSummary, refuseIfForbidden } from '../errors.ts';
import type { Handler } from './types.ts';

const EVENT =
  'id at subgraph actorSub actorRole actorScope operationName operationType fields pupilIds outcome errorCodes';
const TRAILS = `
      progressAuditEvents(since: $since, until: $until, pupilId: $pupilId, first: 25, after: $progressAfter) @include(if: $progress) { totalCount nodes { ${EVENT} } pageInfo { hasNextPage endCursor } }
      parentsAuditEvents(since: $since, until: $until, pupilId: $pupilId, first: 25, after: $parentsAfter) @include(if: $parents) { totalCount nodes { ${EVENT} } pageInfo { hasNextPage endCursor } }
      practiceAuditEvents(since: $since, until: $until, pupilId: $pupilId, first: 25, after: $practiceAfter) @include(if: $practice) { totalCount nodes { ${EVENT} } pageInfo { hasNextPage endCursor } }`;
const FILTERS =
  '$since: String, $until: String, $pupilId: ID, $progress: Boolean!, $parents: Boolean!, $practice: Boolean!, $progressAfter: String, $parentsAfter: String, $practiceAfter: String';
/** A trust's trail, for its DPO. */
export const AUDIT_TRAIL = /* GraphQL */ `
  query WebAuditTrail($trustId: ID!, ${FILTERS}) {
    trust(id: $trustId) {
      id
      name${TRAILS}
    }
  }
`;
/** The trail of the schools an LA maintains (in no trust), for the LA's DPO. */
export const LA_AUDIT_TRAIL = /* GraphQL */ `
  query WebLaAuditTrail($laCode: String!, ${FILTERS}) {
    localAuthority(code: $laCode) {
      id: code
      name${TRAILS}
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
type Trail =
  | { totalCount: number; nodes: AuditEvent[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
  | null
  | undefined;
interface Owner {
  id: string;
  name: string;
  progressAuditEvents?: Trail;
  parentsAuditEvents?: Trail;
  practiceAuditEvents?: Trail;
}
type AuditData = { trust?: Owner | null; localAuthority?: Owner | null };

const SUBGRAPHS = ['progress', 'parents', 'practice'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whose trail: `?trust=` or `?la=`, else the signed-in DPO's own — a trust id, or an LA's three-digit code for
 * an LA's DPO (the schools it maintains).
 */
function ownerOf(url: URL, sessionScope: string | undefined) {
  const trust = url.searchParams.get('trust');
  const la = url.searchParams.get('la');
  if (trust) return { trustId: trust, laCode: '' };
  if (la) return { trustId: '', laCode: la };
  return /^\d{3}$/.test(sessionScope ?? '')
    ? { trustId: '', laCode: sessionScope ?? '' }
    : { trustId: sessionScope ?? '', laCode: '' };
}

function filters(url: URL, sessionScope: string | undefined) {
  const { trustId, laCode } = ownerOf(url, sessionScope);
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
  // Where each trail's page starts (its API cursor), or `end` once that trail has no more events.
  const after = Object.fromEntries(
    SUBGRAPHS.map((s) => [s, url.searchParams.get(`${s}After`) || '']),
  ) as Record<(typeof SUBGRAPHS)[number], string>;
  return { trustId, laCode, since, until, pupilId, subgraph, after };
}

/** Whether this page asks a trail: chosen by the filter, and not yet run out on an earlier page. */
function asks(f: ReturnType<typeof filters>, s: (typeof SUBGRAPHS)[number]) {
  return (f.subgraph === 'all' || f.subgraph === s) && f.after[s] !== 'end';
}

/**
 * GET /audit: the audit trail for a data protection officer — a trust's, or (`?la=`, or an LA's DPO) that of the
 * schools an LA maintains — newest first, with filters.
 */
export const auditPage: Handler = async (ctx) => {
  const f = filters(ctx.url, ctx.session.role === 'dpo' ? ctx.session.scope : undefined);
  if (!f.trustId && !f.laCode) throw new BadRequest('Choose a trust', 'trust');
  const { data, errors } = await ctx.query<AuditData>(f.laCode ? LA_AUDIT_TRAIL : AUDIT_TRAIL, {
    ...(f.laCode ? { laCode: f.laCode } : { trustId: f.trustId }),
    since: f.since || null,
    until: f.until || null,
    pupilId: f.pupilId || null,
    progress: asks(f, 'progress'),
    parents: asks(f, 'parents'),
    practice: asks(f, 'practice'),
    progressAfter: f.after.progress || null,
    parentsAfter: f.after.parents || null,
    practiceAfter: f.after.practice || null,
  });
  const owner = data?.trust ?? data?.localAuthority;
  const trails = [owner?.progressAuditEvents, owner?.parentsAuditEvents, owner?.practiceAuditEvents];
  const whose = f.laCode ? `LA ${f.laCode}` : `trust ${f.trustId}`;
  refuseIfForbidden(errors, `the audit trail of ${whose}`, trails.find((t) => t) ?? null);
  const events = trails
    .flatMap((t) => t?.nodes ?? [])
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((e) => ({ ...e, when: e.at.replace('T', ' ').slice(0, 19) }));
  // Each page shows up to 25 more events of each trail, newest first; the next page goes on from where each
  // trail stopped (with the same filters), so no event is skipped or shown twice.
  const byTrail = { progress: trails[0], parents: trails[1], practice: trails[2] };
  const hasMore = SUBGRAPHS.some((s) => asks(f, s) && byTrail[s]?.pageInfo.hasNextPage);
  const firstPage = SUBGRAPHS.every((s) => !f.after[s]);
  const keep = new URLSearchParams();
  for (const [k, v] of [
    ['trust', ctx.url.searchParams.get('trust') ?? ''],
    ['la', ctx.url.searchParams.get('la') ?? ''],
    ['since', f.since],
    ['until', f.until],
    ['pupil', f.pupilId],
    ['subgraph', f.subgraph === 'all' ? '' : f.subgraph],
  ] as const)
    if (v) keep.set(k, v);
  const next = new URLSearchParams(keep);
  for (const s of SUBGRAPHS)
    if (asks(f, s)) {
      const info = byTrail[s]?.pageInfo;
      next.set(`${s}After`, info?.hasNextPage && info.endCursor ? info.endCursor : 'end');
    } else if (f.after[s]) next.set(`${s}After`, 'end');
  return {
    view: 'audit.njk',
    vars: {
      nextHref: hasMore ? `/audit?${next}` : undefined,
      firstHref: firstPage ? undefined : `/audit${keep.size ? `?${keep}` : ''}`,
      title: `Audit trail${owner ? ` – ${owner.name}${f.laCode ? ' (maintained schools)' : ''}` : ''}`,
      owner,
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
