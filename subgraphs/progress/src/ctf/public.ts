/** What commands outside the subgraph (scripts/import-ctf.ts, the carer handoff, the bench) use of the CTF code. */

export { languageCodeOf } from './codes.ts';
export { type ApplyHandoffs, deliverCarerHandoffs, type HandoffsApplied } from './delivery.ts';
export { CtfExportError, type ExportContact, exportCtf } from './export.ts';
export { type CarerHandoff, markCarerHandoffsDelivered, pendingCarerHandoffs } from './handoffs.ts';
export { type CtfImportResult, type CtfSummary, importCtf } from './import.ts';
export { describeCtfError } from './parse.ts';
