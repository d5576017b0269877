import type { DisclosurePolicy, Suppression } from './policy.ts';

/** One figure's group: `n` pupils, `attribute` of them with what the figure counts (e.g. at expected). */
export interface Cell {
  key: string;
  n: number;
  /** Counted attributes (at the expected standard, stuck…): each is protected like `n`. */
  attributes?: readonly number[];
  /**
   * Decided elsewhere (e.g. a school's own figure, when its trust's figures are computed): never hidden
   * here, but its `hidden` state counts.
   */
  fixed?: Suppression | null;
}

/**
 * Figures that add up to a known total: `members` sum to `total` when `total` names a cell (hidden if needed
 * as a last resort), or to a total known from elsewhere (e.g. the groups of a dimension: the school's
 * cohort is published by every other dimension) when `total` is undefined.
 */
export interface SumSet {
  members: readonly string[];
  total?: string;
}

/** Whether hidden cells of one set, together, keep each of them within a range at least the threshold wide. */
export function hiddenTogetherAreSafe(hidden: readonly Cell[], policy: DisclosurePolicy): boolean {
  if (hidden.length === 0) return true;
  const t = policy.threshold;
  const k = hidden.length;
  const n = hidden.reduce((a, c) => a + c.n, 0);
  if (k < policy.minHidden || n < t + k) return false;
  const width = Math.max(0, ...hidden.map((c) => c.attributes?.length ?? 0));
  for (let i = 0; i < width; i++) {
    const x = hidden.reduce((a, c) => a + (c.attributes?.[i] ?? 0), 0);
    if (x < t || n - x < t) return false;
  }
  return true;
}

/**
 * Primary and secondary suppression of a table of cells. Primary: every cell of 1..threshold pupils. Then,
 * until nothing changes, every set whose hidden members are not safe together (`hiddenTogetherAreSafe`)
 * hides its smallest visible non-empty member (ties: the key first in sort order), or, when none is left to
 * hide, its total cell. Deterministic: the same cells always give the same answer, whatever their order.
 * Returns each hidden cell's suppression.
 */
export function protect(
  cells: readonly Cell[],
  sets: readonly SumSet[],
  policy: DisclosurePolicy,
): Map<string, Suppression> {
  const byKey = new Map(cells.map((c) => [c.key, c]));
  const hidden = new Map<string, Suppression>();
  for (const c of cells) {
    if (c.fixed) hidden.set(c.key, c.fixed);
    else if (c.fixed === undefined && c.n >= 1 && c.n <= policy.threshold)
      hidden.set(c.key, { code: 'c', kind: 'primary' });
  }
  const ordered = [...sets].sort((a, b) => setKey(a).localeCompare(setKey(b)));
  for (let changed = true; changed; ) {
    changed = false;
    for (const set of ordered) {
      if (set.total !== undefined && (hidden.has(set.total) || !byKey.has(set.total))) continue;
      const members = set.members.flatMap((k) => byKey.get(k) ?? []);
      if (
        hiddenTogetherAreSafe(
          members.filter((c) => hidden.has(c.key)),
          policy,
        )
      )
        continue;
      const next = members
        .filter((c) => !hidden.has(c.key) && c.fixed === undefined && c.n > 0)
        .sort((a, b) => a.n - b.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))[0];
      if (next) hidden.set(next.key, { code: 'c', kind: 'secondary' });
      else if (set.total !== undefined && byKey.get(set.total)?.fixed === undefined)
        hidden.set(set.total, { code: 'c', kind: 'total' });
      else continue;
      changed = true;
    }
  }
  return hidden;
}

const setKey = (s: SumSet) => `${s.total ?? ''}|${[...s.members].sort().join(',')}`;

/** One part of an aggregate (a school of a trust or LA): its cells and what its own protection hid. */
export interface Part {
  id: string;
  cells: readonly Cell[];
  hidden: ReadonlyMap<string, Suppression>;
}

/**
 * An aggregate's cells (a trust or LA: `own`, with their `sets`) protected together with its parts' (its
 * schools'), which are decided on their own first and stand as they are (a school's figures are the same
 * whoever asks, and whichever trust or LA report asked). Each aggregate cell is the sum of its parts' cells of
 * the same key: when the parts' hidden cells of that key are not safe together (`hiddenTogetherAreSafe`), the
 * aggregate's cell is hidden (`total`), and then secondary suppression within the aggregate's own sets
 * follows. Returns the aggregate's hidden cells.
 */
export function protectAbove(
  own: readonly Cell[],
  sets: readonly SumSet[],
  parts: readonly Part[],
  policy: DisclosurePolicy,
): Map<string, Suppression> {
  const cells: Cell[] = [...own];
  const all: SumSet[] = [...sets];
  const membersOf = new Map<string, string[]>();
  for (const part of parts)
    for (const c of part.cells) {
      const key = `${part.id}\u0000${c.key}`;
      cells.push({ ...c, key, fixed: part.hidden.get(c.key) ?? null });
      membersOf.set(c.key, [...(membersOf.get(c.key) ?? []), key]);
    }
  for (const [key, members] of membersOf)
    if (own.some((c) => c.key === key)) all.push({ members, total: key });
  const hidden = protect(cells, all, policy);
  return new Map(own.flatMap((c) => (hidden.has(c.key) ? [[c.key, hidden.get(c.key) as Suppression]] : [])));
}
