import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

/**
 * The W3C Trace Context of one request in one process: the trace id shared by every process the request
 * passes through, this process's span id, and the span it was called from.
 * https://www.w3.org/TR/trace-context/#traceparent-header
 */
export interface TraceContext {
  traceId: string;
  spanId: string;
  /** The caller's span id, when the request came with a `traceparent`. */
  parentSpanId?: string;
  /** `01` when the trace is sampled. */
  flags: string;
}

export const TRACEPARENT_HEADER = 'traceparent';

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ZEROS = /^0+$/;

const randomHex = (bytes: number) => {
  let hex: string;
  do hex = randomBytes(bytes).toString('hex');
  while (ZEROS.test(hex)); // all zeros is invalid in both ids
  return hex;
};

export const newSpanId = () => randomHex(8);

/**
 * The caller's trace context from a `traceparent` header, or undefined when it is missing or invalid (the
 * W3C rules: version ff and all-zero ids are invalid; a later version may add fields after ours).
 */
export function parseTraceparent(header: string | null | undefined): TraceContext | undefined {
  const match = TRACEPARENT.exec(header?.trim().toLowerCase() ?? '');
  if (!match) return undefined;
  const [, version, traceId, parentSpanId, flags, rest] = match as unknown as string[];
  if (version === 'ff' || (version === '00' && rest)) return undefined;
  if (ZEROS.test(traceId as string) || ZEROS.test(parentSpanId as string)) return undefined;
  return { traceId: traceId as string, parentSpanId, spanId: newSpanId(), flags: flags as string };
}

/** This process's context for a request: continuing the caller's trace when it sent one, else a new trace. */
export function continueTrace(header: string | null | undefined): TraceContext {
  return parseTraceparent(header) ?? { traceId: randomHex(16), spanId: newSpanId(), flags: '01' };
}

/** The `traceparent` to send onwards: same trace, with `spanId` (this process's span) as the parent. */
export function formatTraceparent(context: Pick<TraceContext, 'traceId' | 'spanId' | 'flags'>): string {
  return `00-${context.traceId}-${context.spanId}-${context.flags}`;
}

const store = new AsyncLocalStorage<TraceContext>();

/** Runs `fn` (and everything it starts) as part of the request traced by `context`. */
export function runInTrace<T>(context: TraceContext, fn: () => T): T {
  return store.run(context, fn);
}

/** The trace of the request being served here, if any: log lines and outgoing calls read it. */
export function currentTrace(): TraceContext | undefined {
  return store.getStore();
}
