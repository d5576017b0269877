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
