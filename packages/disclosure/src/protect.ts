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
  /**
   * The total is known to the reader even when its own cell is hidden (e.g. a trust's figure, which other
   * figures may give back): the members' hidden cells must be safe together whatever the total shows, and
   * the total is hidden only when no member is left to hide.
   */
  totalKnown?: boolean;
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
      if (set.total !== undefined && !byKey.has(set.total)) continue;
      if (set.total !== undefined && !set.totalKnown && hidden.has(set.total)) continue;
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
      else if (set.total !== undefined && !hidden.has(set.total) && byKey.get(set.total)?.fixed === undefined)
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

/** One part of an aggregate decided together with it: its cells and its own sets. */
export interface JointPart {
  id: string;
  cells: readonly Cell[];
  sets: readonly SumSet[];
}

/** What `protectTogether` decided: the aggregate's hidden cells and each part's. */
export interface JointDecision {
  own: Map<string, Suppression>;
  parts: Map<string, Map<string, Suppression>>;
}

/**
 * An aggregate (a trust: `own`, with its `sets`) and its parts (its schools, each with its own sets) decided
 * together, so that a part's figures are the same whoever asks and the aggregate can never be used to work
 * one back. Each part alone: primary and secondary suppression within its sets. Across the parts: for each
 * key, the parts' hidden cells must be safe together under the aggregate's figure for that key, which is
 * taken as known even when hidden (other figures of the aggregate may give it back); if they are not, the
 * smallest shown part's cell of that key is hidden beside them (a second school's group), and only when none
 * is left the aggregate's cell. The aggregate's own sets follow the secondary rule. `extra` hides more after
 * each round (e.g. every group once a whole is hidden) until nothing changes. Deterministic.
 */
export function protectTogether(
  own: readonly Cell[],
  sets: readonly SumSet[],
  parts: readonly JointPart[],
  policy: DisclosurePolicy,
  extra: (hidden: ReadonlyMap<string, Suppression>) => ReadonlyMap<string, Suppression> = () => new Map(),
): JointDecision {
  const keyOf = (part: string, key: string) => `${part}\u0000${key}`;
  const cells: Cell[] = [...own];
  const all: SumSet[] = [...sets];
  const membersOf = new Map<string, string[]>();
  for (const part of parts) {
    for (const c of part.cells) {
      cells.push({ ...c, key: keyOf(part.id, c.key) });
      membersOf.set(c.key, [...(membersOf.get(c.key) ?? []), keyOf(part.id, c.key)]);
    }
    for (const s of part.sets)
      all.push({
        ...s,
        members: s.members.map((m) => keyOf(part.id, m)),
        ...(s.total === undefined ? {} : { total: keyOf(part.id, s.total) }),
      });
  }
  for (const [key, members] of membersOf)
    if (own.some((c) => c.key === key)) all.push({ members, total: key, totalKnown: true });
  const split = (hidden: ReadonlyMap<string, Suppression>): JointDecision => ({
    own: new Map(own.flatMap((c) => (hidden.has(c.key) ? [[c.key, hidden.get(c.key) as Suppression]] : []))),
    parts: new Map(
      parts.map((p) => [
        p.id,
        new Map(
          p.cells.flatMap((c) => {
            const h = hidden.get(keyOf(p.id, c.key));
            return h ? [[c.key, h]] : [];
          }),
        ),
      ]),
    ),
  });
  let fixed = new Map<string, Suppression>();
  for (;;) {
    const hidden = protect(
      cells.map((c) => (fixed.has(c.key) ? { ...c, fixed: fixed.get(c.key) } : c)),
      all,
      policy,
    );
    const decision = split(hidden);
    const more = new Map(hidden);
    for (const [k, v] of extra(decision.own)) if (!more.has(k)) more.set(k, v);
    for (const p of parts)
      for (const [k, v] of extra(decision.parts.get(p.id) ?? new Map()))
        if (!more.has(keyOf(p.id, k))) more.set(keyOf(p.id, k), v);
    for (const k of unsafeRests(sets, parts, more, keyOf, policy))
      if (!more.has(k)) more.set(k, { code: 'c', kind: 'secondary' });
    if (more.size === hidden.size) return decision;
    fixed = more;
  }
}

/**
 * "The rest" of a set (its members but one, `m`) is a figure too: its total is the set's total minus `m`, at
 * every part and at the aggregate. A part's rest is hidden when its `m` is hidden and so is some other member;
 * the parts' hidden rests must be safe together like any figures under a known total, else the part whose
 * rest is smallest among those shown has its `m` hidden (and secondary suppression within its set follows).
 * Sets of two members need nothing here: the rest is the other member. Returns the cells to hide next.
 */
function unsafeRests(
  sets: readonly SumSet[],
  parts: readonly JointPart[],
  hidden: ReadonlyMap<string, Suppression>,
  keyOf: (part: string, key: string) => string,
  policy: DisclosurePolicy,
): string[] {
  const out: string[] = [];
  for (const set of sets) {
    if (set.members.length < 3) continue;
    for (const m of [...set.members].sort()) {
      const rest = set.members.filter((k) => k !== m);
      const of = parts.flatMap((p) => {
        const cs = rest.flatMap((k) => p.cells.find((c) => c.key === k) ?? []);
        const n = cs.reduce((a, c) => a + c.n, 0);
        if (n === 0) return [];
        const width = Math.max(0, ...cs.map((c) => c.attributes?.length ?? 0));
        const attributes = Array.from({ length: width }, (_, i) =>
          cs.reduce((a, c) => a + (c.attributes?.[i] ?? 0), 0),
        );
        const isHidden = hidden.has(keyOf(p.id, m)) && rest.some((k) => hidden.has(keyOf(p.id, k)));
        return [{ key: keyOf(p.id, m), n, attributes, isHidden }];
      });
      if (
        hiddenTogetherAreSafe(
          of.filter((c) => c.isHidden),
          policy,
        )
      )
        continue;
      const next = of
        .filter((c) => !c.isHidden && !hidden.has(c.key))
        .sort((a, b) => a.n - b.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))[0];
      if (next) out.push(next.key);
    }
  }
  return out;
}

/** A group's count of one attribute (e.g. pupils stuck), to be shown as a figure of its own (its rate). */
export interface CountCell {
  key: string;
  /** Pupils in the group. */
  n: number;
  /** Of them, with the attribute. */
  count: number;
}

/** The attribute's figures of one table (a school, trust or LA): its groups and what hid them already. */
export interface CountTable {
  cells: readonly CountCell[];
  /** Groups hidden already (size and attainment): their attribute's figure is hidden with them. */
  hidden: ReadonlyMap<string, Suppression>;
}

/**
 * A counted attribute as figures of their own, for readers who see aggregates only (see
 * `DisclosurePolicy.attributeZeroIsSmall`): primary suppression of a group whose count, or whose count
 * without the attribute, is 0 (when small) or 1 to the threshold; its group's own hiding stands; then the
 * secondary rule within `sets` (hidden counts together hold at least threshold pupils with the attribute and
 * threshold without) and, with `parts` (a trust's or LA's schools, each decided alone), the cross-level rule.
 * Returns the groups whose attribute figure is hidden (including those hidden already).
 */
export function protectCounts(
  own: CountTable,
  sets: readonly SumSet[],
  parts: readonly (CountTable & { id: string; sets: readonly SumSet[] })[],
  policy: DisclosurePolicy,
): Map<string, Suppression> {
  const small = (k: number) => k <= policy.threshold && (k > 0 || policy.attributeZeroIsSmall);
  const cellsOf = (t: CountTable): Cell[] =>
    t.cells.map((c) => {
      const fixed =
        t.hidden.get(c.key) ??
        (c.n > 0 && (small(c.count) || small(c.n - c.count))
          ? ({ code: 'c', kind: 'primary' } as const)
          : undefined);
      return { key: c.key, n: c.n, attributes: [c.count], ...(fixed ? { fixed } : {}) };
    });
  const decided = (t: CountTable, s: readonly SumSet[]) => {
    const hidden = protect(cellsOf(t), s, policy);
    for (const [k, v] of t.hidden) hidden.set(k, v);
    return hidden;
  };
  if (parts.length === 0) return decided(own, sets);
  const above = protectAbove(
    cellsOf(own),
    sets,
    parts.map((p) => ({ id: p.id, cells: cellsOf(p), hidden: decided(p, p.sets) })),
    policy,
  );
  for (const [k, v] of own.hidden) above.set(k, v);
  return above;
}
