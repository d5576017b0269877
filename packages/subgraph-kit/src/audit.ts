import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { Viewer } from '@commonroom/auth';
import { type Db, queryRows } from '@commonroom/db';
import { type SQL, sql } from 'drizzle-orm';
import type { GraphQLOutputType, GraphQLResolveInfo } from 'graphql';
import { badUserInput, forbidden } from './errors.ts';

export { auditEventsTable, auditTriggerSql, erasuresTable } from './audit-table.ts';

import { type Connection, isNumberKey, readPage, toConnection } from './paging.ts';

/**
 * The audit trail (DESIGN.md "Audit"): every read of pupil-level data and every change, recorded in an
 * append-only `<schema>.audit_events` table of the subgraph that served it. One mechanism for every subgraph:
 * an Apollo plugin watches which pupil-level objects the request's resolvers touched (by GraphQL type, from a
 * per-subgraph table of how to read the pupil id off each type), collects the pupil ids, the fields read and
 * the root fields, and writes ONE row per request in ONE statement before the response is sent — never a
 * query per pupil. School URNs and trust ids are worked out in that same statement from the subgraph's own
 * read-only directories, so a trust's data protection officer can read the events about their schools.
 */

/** How a subgraph's audit is set up: where its table and directories are, and which types are pupil data. */
export interface AuditSettings {
  db: Db;
  /** The Postgres schema holding `audit_events`. */
  schema: string;
  /**
   * GraphQL types whose objects are pupil-level data, and how to read the pupil's id off a resolved object
   * (or an `_entities` representation). Reading any field of such an object records the pupil.
   */
  pupilTypes: Record<string, (source: Record<string, unknown>) => string | null | undefined>;
  /** A table with `id` (pupil) and `urn` columns, to find the schools of the pupils recorded. */
  pupilDirectory?: string;
  /** A table with `urn` and `trust_id` columns, to find the trusts of the schools recorded. */
  schoolDirectory: string;
  /** A table with `pupil_id` and `urn` of erased pupils (`erasures`), so events about them stay attributed. */
  tombstones?: string;
  /** `Type.field`s whose every use is recorded even when no pupil is touched (e.g. reading the audit trail). */
  alwaysRecord?: string[];
}

/** What one request has touched; resolvers may add to it through `auditOf(context)`. */
export class AuditCollector {
  readonly pupils = new Set<string>();
  readonly urns = new Set<number>();
  readonly fields = new Set<string>();
  /** Set when something this request did must be recorded whatever it touched. */
  record = false;

  notePupils(ids: Iterable<string | null | undefined>, urn?: number | null) {
    for (const id of ids) if (id) this.pupils.add(id);
    if (urn != null) this.urns.add(urn);
  }
}

const collectors = new WeakMap<object, AuditCollector>();

/** This request's collector (undefined outside a request, or in a subgraph without audit). */
export const auditOf = (context: object): AuditCollector | undefined => collectors.get(context);

/** The viewer's role scope, as stored. */
export function scopeOf(viewer: Viewer): string | null {
  switch (viewer.role) {
    case 'anonymous':
      return null;
    case 'trust_leader':
      return `trust:${viewer.trustId}`;
    case 'dpo':
      return viewer.trustId !== undefined ? `trust:${viewer.trustId}` : `la:${viewer.laCode}`;
    case 'la_officer':
      return `la:${viewer.laCode}`;
    case 'school_staff':
      return `school:${viewer.urn}`;
    case 'carer':
      return `carer:${viewer.carerId}`;
    case 'pupil':
      return `pupil:${viewer.pupilId}`;
    case 'provider':
      return `provider:${viewer.providerId}`;
    case 'governor':
      return viewer.urn !== undefined ? `school:${viewer.urn}` : `trust:${viewer.trustId}`;
  }
}

const PUPIL_ARGS = new Set(['pupilId', 'pupilIds']);

/** Pupil ids named in a root field's arguments (top level and one level inside an input object). */
function pupilIdsInArgs(args: Record<string, unknown>, into: AuditCollector) {
  const visit = (value: Record<string, unknown>, depth: number) => {
    for (const [key, v] of Object.entries(value)) {
      if (PUPIL_ARGS.has(key)) {
        if (typeof v === 'string') into.pupils.add(v);
        else if (Array.isArray(v)) for (const id of v) if (typeof id === 'string') into.pupils.add(id);
      } else if (depth === 0 && v && typeof v === 'object' && !Array.isArray(v)) {
        visit(v as Record<string, unknown>, 1);
      }
    }
  };
  visit(args, 0);
}

/**
 * The name of a field's type without its list and non-null wrappers. Unwrapped by hand: graphql's own
 * `getNamedType` checks `instanceof`, which fails when Apollo and this package load graphql from different
 * module instances (as vitest does).
 */
function namedType(type: GraphQLOutputType): string {
  let inner = type as { ofType?: unknown; name?: string };
  while (inner.ofType) inner = inner.ofType as typeof inner;
  return inner.name ?? '';
}

type Outcome = 'OK' | 'DENIED' | 'REJECTED' | 'FAILED';

function outcomeOf(codes: string[]): Outcome {
  if (codes.length === 0) return 'OK';
  if (codes.some((c) => c === 'FORBIDDEN' || c === 'UNAUTHENTICATED')) return 'DENIED';
  if (codes.some((c) => c === 'INTERNAL_SERVER_ERROR')) return 'FAILED';
  return 'REJECTED';
}

/**
 * The Apollo plugin. It records a request when it is a mutation (whatever came of it: changes that happened
 * are OK, refusals DENIED or REJECTED), when it touched pupil-level data (including an attempt on a named
 * pupil that was refused), or when it used an `alwaysRecord` field. One INSERT, awaited before the response.
 */
export function auditPlugin(settings: AuditSettings): ApolloServerPlugin<object> {
  const always = new Set(settings.alwaysRecord ?? []);
  const isPupilType = (info: GraphQLResolveInfo) => namedType(info.returnType) in settings.pupilTypes;
  return {
    async requestDidStart({ contextValue }) {
      const collector = new AuditCollector();
      collectors.set(contextValue, collector);
      return {
        async executionDidStart() {
          return {
            willResolveField({ source, args, info }) {
              const parent = info.parentType.name;
              const field = `${parent}.${info.fieldName}`;
              if (always.has(field)) {
                collector.record = true;
                collector.fields.add(field);
              }
              if (parent === 'Query' || parent === 'Mutation') {
                collector.fields.add(field);
                if (parent === 'Mutation') pupilIdsInArgs(args, collector);
                else if (info.fieldName === '_entities') {
                  for (const rep of (args.representations ?? []) as Record<string, unknown>[]) {
                    const read = settings.pupilTypes[String(rep.__typename)];
                    collector.notePupils([read?.(rep)]);
                  }
                } else if (isPupilType(info)) {
                  // An attempt on a named pupil is recorded even when it is refused.
                  pupilIdsInArgs(args, collector);
                  if (typeof args.id === 'string') collector.pupils.add(args.id);
                }
                return;
              }
              // The field that led to pupil data (e.g. School.stuckPupils), as well as the fields read on it.
              if (isPupilType(info)) collector.fields.add(field);
              const read = settings.pupilTypes[parent];
              if (!read || !source || typeof source !== 'object') return;
              const pupil = read(source as Record<string, unknown>);
              if (!pupil) return;
              collector.pupils.add(pupil);
              return (error) => {
                if (!error) collector.fields.add(field);
              };
            },
          };
        },
        async willSendResponse(requestContext) {
          await writeEvent(settings, collector, requestContext);
        },
      };
    },
  };
}

async function writeEvent(
  settings: AuditSettings,
  collector: AuditCollector,
  requestContext: GraphQLRequestContextWillSendResponse<object>,
) {
  const operationType = requestContext.operation?.operation;
  if (!operationType) return; // not parsed or not valid: nothing ran
  const isChange = operationType === 'mutation';
  if (!isChange && collector.pupils.size === 0 && !collector.record) return;
  const viewer = (requestContext.contextValue as { viewer?: Viewer }).viewer;
  if (!viewer) return;
  const body = requestContext.response.body;
  const errors = body.kind === 'single' ? (body.singleResult.errors ?? []) : [];
  const errorCodes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
  const urns = [...collector.urns];
  if (viewer.role === 'school_staff') urns.push(viewer.urn);
  await insertAuditEvent(settings, {
    sub: 'sub' in viewer ? viewer.sub : null,
    role: viewer.role,
    scope: scopeOf(viewer),
    trust: viewer.role === 'trust_leader' || viewer.role === 'dpo' ? (viewer.trustId ?? null) : null,
    operationName: requestContext.operationName ?? null,
    operationType,
    fields: [...collector.fields].sort(),
    pupils: [...collector.pupils],
    urns,
    outcome: outcomeOf(errorCodes),
    errorCodes,
  });
}

/** One event as written; `trust` is the actor's own trust (leaders and DPOs), `urns` schools besides the pupils'. */
export interface AuditEventInput {
  sub: string | null;
  role: string;
  scope: string | null;
  trust: string | null;
  operationName: string | null;
  operationType: string;
  fields: string[];
  pupils: string[];
  urns: number[];
  outcome: string;
  errorCodes: string[];
}

/**
 * Writes one event in one statement; the plugin calls it once per recorded request, and jobs that change data
 * outside a request (the retention job) call it themselves.
 */
export async function insertAuditEvent(settings: AuditSettings, event: AuditEventInput) {
  const lookups = [
    settings.pupilDirectory &&
      sql`union select d.urn from ${sql.raw(settings.pupilDirectory)} d where d.id in (select id from pupils)`,
    // An erased pupil is no longer in the directory: their tombstone still says which school they were at.
    settings.tombstones &&
      sql`union select d.urn from ${sql.raw(settings.tombstones)} d where d.pupil_id in (select id from pupils)`,
  ].filter((part): part is SQL => Boolean(part));
  const pupilUrns = sql.join(lookups, sql` `);
  const table = sql.raw(`"${settings.schema}".audit_events`);
  // One statement: the event's pupils, their schools (from the pupil directory) and those schools' trusts
  // (from the school directory), with the viewer's own school and trust.
  await settings.db.execute(sql`
    with e as (select ${JSON.stringify(event)}::jsonb as j),
    pupils as (select jsonb_array_elements_text(j->'pupils') as id from e),
    urns as (select jsonb_array_elements_text(j->'urns')::int as urn from e ${pupilUrns}),
    trusts as (
      select j->>'trust' as trust_id from e where j->>'trust' is not null
      union select s.trust_id from ${sql.raw(settings.schoolDirectory)} s
        where s.urn in (select urn from urns) and s.trust_id is not null
    )
    insert into ${table} (actor_sub, actor_role, actor_scope, operation_name, operation_type, fields,
      pupil_ids, school_urns, trust_ids, outcome, error_codes)
    select j->>'sub', j->>'role', j->>'scope', j->>'operationName', j->>'operationType',
      array(select jsonb_array_elements_text(j->'fields')),
      array(select distinct id from pupils order by id),
      array(select distinct urn from urns order by urn),
      array(select distinct trust_id from trusts order by trust_id),
      j->>'outcome', array(select jsonb_array_elements_text(j->'errorCodes'))
    from e`);
}

// ---- reading the trail: a trust's data protection officer only ---------------------------------------------

export interface AuditEvent {
  id: string;
  subgraph: string;
  at: string;
  actorSub: string | null;
  actorRole: string;
  actorScope: string | null;
  operationName: string | null;
  operationType: string;
  fields: string[];
  pupilIds: string[];
  schoolUrns: number[];
  trustIds: string[];
  outcome: string;
  errorCodes: string[];
}

export interface AuditEventsArgs {
  since?: string | null;
  until?: string | null;
  pupilId?: string | null;
  first?: number | null;
  after?: string | null;
}

function instant(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  if (
    !/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ||
    Number.isNaN(Date.parse(value))
  )
    throw badUserInput(`${field} must be an ISO date or date-time, got "${value}"`, field);
  return new Date(value).toISOString();
}

/**
 * Whose trail: a trust's (the events about its schools and pupils), or an LA's for the schools it maintains —
 * those in no trust today, read from the subgraph's school directory (`schoolDirectory`, with `urn`, `la_code`
 * and `trust_id`).
 */
export type AuditScope = { trustId: string } | { laCode: string; schoolDirectory: string };

/**
 * Whether the viewer may read a trail: the trust's own data protection officer, or the LA's for its maintained
 * schools; nobody else.
 */
export const canReadAuditOf = (viewer: Viewer, scope: AuditScope) =>
  viewer.role === 'dpo' &&
  ('trustId' in scope
    ? viewer.trustId !== undefined && viewer.trustId === scope.trustId
    : viewer.laCode !== undefined && viewer.laCode === scope.laCode);

/** A page of the events of a scope, newest first (keyset on the event id). `schema` names the subgraph. */
export async function readAuditEvents(
  db: Db,
  schema: string,
  scope: AuditScope,
  args: AuditEventsArgs,
): Promise<Connection<AuditEvent>> {
  const page = readPage(args, isNumberKey);
  const since = instant(args.since, 'since');
  const until = instant(args.until, 'until');
  const table = sql.raw(`"${schema}".audit_events`);
  const whose =
    'trustId' in scope
      ? sql`trust_ids @> array[${scope.trustId}]::text[]`
      : sql`school_urns && array(select urn from ${sql.raw(scope.schoolDirectory)}
              where la_code = ${scope.laCode} and trust_id is null)`;
  const where = sql`${whose}
    ${since ? sql`and at >= ${since}::timestamptz` : sql``}
    ${until ? sql`and at < ${until}::timestamptz` : sql``}
    ${args.pupilId ? sql`and pupil_ids @> array[${args.pupilId}]::text[]` : sql``}`;
  const [rows, [count]] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`select id::text, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor_sub,
            actor_role, actor_scope, operation_name, operation_type, fields, pupil_ids, school_urns, trust_ids,
            outcome, error_codes
          from ${table} where ${where} ${page.after === undefined ? sql`` : sql`and id < ${page.after}`}
          order by ${table}.id desc limit ${page.limit + 1}`, // the column, not the text id selected: 10 < 9 as text
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${table} where ${where}`),
  ]);
  const events = rows.map(
    (r): AuditEvent => ({
      id: String(r.id),
      subgraph: schema,
      at: String(r.at),
      actorSub: (r.actor_sub as string | null) ?? null,
      actorRole: String(r.actor_role),
      actorScope: (r.actor_scope as string | null) ?? null,
      operationName: (r.operation_name as string | null) ?? null,
      operationType: String(r.operation_type),
      fields: r.fields as string[],
      pupilIds: r.pupil_ids as string[],
      schoolUrns: (r.school_urns as number[]).map(Number),
      trustIds: r.trust_ids as string[],
      outcome: String(r.outcome),
      errorCodes: r.error_codes as string[],
    }),
  );
  return toConnection(events, page.limit, (e) => Number(e.id), count?.n ?? 0);
}

/** Reads a scope's trail for its own DPO (the read itself recorded), or refuses with `refusal`. */
async function trailFor(
  schema: string,
  scope: AuditScope,
  args: AuditEventsArgs,
  context: { viewer: Viewer; db: Db },
  refusal: string,
): Promise<Connection<AuditEvent>> {
  if (!canReadAuditOf(context.viewer, scope)) throw forbidden(refusal);
  const collector = auditOf(context);
  if (collector) collector.record = true;
  return readAuditEvents(context.db, schema, scope, args);
}

/**
 * The resolver of a subgraph's `Trust.<name>AuditEvents` field: the trust's own DPO gets the events this
 * subgraph recorded about its schools; anyone else FORBIDDEN. The read is itself recorded (`alwaysRecord`).
 */
export function auditEventsResolver(schema: string) {
  return (trust: { id: string }, args: AuditEventsArgs, context: { viewer: Viewer; db: Db }) =>
    trailFor(
      schema,
      { trustId: trust.id },
      args,
      context,
      "Only the trust's data protection officer reads its audit trail.",
    );
}

/**
 * The resolver of a subgraph's `LocalAuthority.<name>AuditEvents` field: the LA's own DPO gets the events this
 * subgraph recorded about the schools it maintains (in no trust; `schoolDirectory` says which); anyone else
 * FORBIDDEN. The read is itself recorded.
 */
export function laAuditEventsResolver(schema: string, schoolDirectory: string) {
  return (la: { code: string }, args: AuditEventsArgs, context: { viewer: Viewer; db: Db }) =>
    trailFor(
      schema,
      { laCode: la.code, schoolDirectory },
      args,
      context,
      "Only the LA's data protection officer reads the audit trail of its maintained schools.",
    );
}
