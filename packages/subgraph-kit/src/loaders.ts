/**
 * Helpers for DataLoader batch functions, which must return one result per key, in key order.
 */

/** Rows in the order of `keys`, `null` where there is none. */
export function inKeyOrder<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): (R | null)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Groups rows under each key, in key order (empty where none). */
export function groupedInKeyOrder<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const groups = new Map<K, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * For loaders whose keys carry arguments besides the id (a page size, a year): keys with equal arguments
 * are loaded together in one call, so `schools(first: 5)` on fifty LAs is still one query.
 */
export function batchByArgs<K, A, R>(load: (keys: readonly K[], args: A) => Promise<R[]>) {
  return (keys: readonly { key: K; args: A }[]) => {
    const groups = new Map<string, { args: A; indexes: number[] }>();
    keys.forEach(({ args }, index) => {
      const id = JSON.stringify(args);
      const group = groups.get(id) ?? { args, indexes: [] };
      group.indexes.push(index);
      groups.set(id, group);
    });
    const results: R[] = new Array(keys.length);
    return Promise.all(
      [...groups.values()].map(async ({ args, indexes }) => {
        const loaded = await load(
          indexes.map((i) => (keys[i] as { key: K }).key),
          args,
        );
        indexes.forEach((i, n) => {
          results[i] = loaded[n] as R;
        });
      }),
    ).then(() => results);
  };
}

/** Cache key for `{ key, args }` loader keys. */
export const argsCacheKey = ({ key, args }: { key: unknown; args: unknown }) => JSON.stringify([key, args]);

/**
 * A row the database guarantees (a foreign key: a school's LA, a member of staff's school). A miss is a broken
 * invariant, so it fails the field as an internal error instead of handing the schema a null it does not allow.
 */
export async function required<T>(
  row: Promise<T | null | undefined> | T | null | undefined,
  what: string,
): Promise<T> {
  const value = await row;
  if (value === null || value === undefined)
    throw new Error(`${what} is missing: the database should guarantee it`);
  return value;
}

/** The rows a DataLoader's `loadMany` found, in key order, leaving out misses and per-key errors. */
export function found<T>(rows: readonly (T | Error | null | undefined)[]): T[] {
  return rows.filter((row): row is T => row !== null && row !== undefined && !(row instanceof Error));
}
