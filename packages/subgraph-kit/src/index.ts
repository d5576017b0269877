export {
  AuditCollector,
  type AuditEvent,
  type AuditEventInput,
  type AuditEventsArgs,
  type AuditScope,
  type AuditSettings,
  auditEventsResolver,
  auditEventsTable,
  auditOf,
  auditPlugin,
  auditTriggerSql,
  canReadAuditOf,
  erasuresTable,
  insertAuditEvent,
  laAuditEventsResolver,
  readAuditEvents,
  scopeOf,
} from './audit.ts';
export {
  actsFor,
  type DataSubject,
  type DataSubjectSettings,
  dataSubjectForDpo,
  type ErasureReceipt,
  eraseDataSubject,
  exportDataSubject,
  locateDataSubject,
  type PupilDataPart,
  tablesWithPupilIds,
} from './data-subject.ts';
export { type SubgraphSettings, subgraphSettings } from './env.ts';
export { badUserInput, conflict, type ErrorCode, forbidden, notFound, unauthenticated } from './errors.ts';
export { type ImportOutcome, runImportCommand } from './import-command.ts';
export {
  callSubgraph,
  InternalCallError,
  type InternalCallHandler,
  internalCallUrl,
} from './internal.ts';
export { argsCacheKey, batchByArgs, found, groupedInKeyOrder, inKeyOrder, required } from './loaders.ts';
export { createNonceStore, MemoryNonceStore, type NonceStore, RedisNonceStore } from './nonces.ts';
export {
  type Connection,
  encodeCursor,
  isNumberKey,
  isStringKey,
  MAX_PAGE_SIZE,
  type PageRequest,
  readPage,
  toConnection,
} from './paging.ts';
export { runSubgraph, type SubgraphProcess } from './run.ts';
export { loadTypeDefs, readSubgraphSdl } from './sdl.ts';
export {
  createSubgraphServer,
  type RunningSubgraph,
  type SubgraphDefinition,
  type SubgraphServerOptions,
} from './server.ts';
