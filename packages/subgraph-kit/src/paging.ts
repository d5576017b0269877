import { badUserInput } from './errors.ts';

export const MAX_PAGE_SIZE = 500;

export interface PageRequest<K> {
  /** Rows to return; one more is fetched to know whether there is a next page. */
  limit: number;
  /** The sort key of the last row already seen, decoded from `after`. */
  after: K | undefined;
}

/** Cursors are opaque to clients: the base64url JSON of the last row's sort key (keyset paging, no OFFSET). */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * Checks `first` (1–500) and decodes `after`, so every list field pages the same way and rejects the same
 * bad input with `BAD_USER_INPUT`.
 */
export function readPage<K>(
  args: { first?: number | null; after?: string | null },
  isKey: (value: unknown) => value is K,
  defaultSize = 50,
): PageRequest<K> {
  const first = args.first ?? defaultSize;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, 'first');
  }
  if (args.after == null) return { limit: first, after: undefined };
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(args.after, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!isKey(key)) throw badUserInput('after is not a cursor this list gave out', 'after');
  return { limit: first, after: key };
}

export interface Connection<T> {
  totalCount: number;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Shapes `limit + 1` fetched rows into a page. */
export function toConnection<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => unknown,
  totalCount: number,
): Connection<T> {
  const nodes = rows.slice(0, limit);
  const last = nodes.at(-1);
  return {
    totalCount,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > limit,
      endCursor: last === undefined ? null : encodeCursor(keyOf(last)),
    },
  };
}

export const isNumberKey = (value: unknown): value is number => Number.isSafeInteger(value);
export const isStringKey = (value: unknown): value is string => typeof value === 'string';
