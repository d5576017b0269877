import type { Viewer } from '@commonroom/auth';
import type { TestSubgraph } from '@commonroom/test-kit';
import highsLoader from 'highs';

/**
 * The attacker of docs/disclosure-control.md: collects every gap figure a persona can read for one academic
 * year (every subject and dimension, each group with its complement gap, the trend point, the schools and
 * the trust or LA above them), writes the linear equations and bounds they imply, and works out with an
 * integer programme (HiGHS) the tightest range of every suppressed group's cohort and count at the expected
 * standard.
 */

export const SUBJECTS = ['READING', 'WRITING', 'MATHS', 'ENGLISH', 'SCIENCE'] as const;
export const DIMENSIONS = ['DISADVANTAGED', 'SEX', 'SEN', 'EAL', 'ETHNICITY', 'LOOKED_AFTER'] as const;
const FOCUS: Record<string, readonly string[]> = {
  DISADVANTAGED: ['DISADVANTAGED'],
  SEX: ['MALE'],
  SEN: ['SEN_SUPPORT', 'EHC_PLAN'],
  EAL: ['EAL'],
  LOOKED_AFTER: ['LOOKED_AFTER'],
};

export interface Figure {
  value: number | null;
  cohort: number | null;
  suppressed: boolean;
  reason: string | null;
  code: string | null;
}
interface Group {
  group: string;
  attainment: Figure;
  stuckRate: Figure;
  attainmentGap: Figure;
}
/** What one persona read about one scope, subject and dimension. */
export interface Seen {
  scope: string;
  subject: string;
  dimension: string;
  groups: Group[];
  trend: Figure | null;
}

/** A scope as a representation: `school:URN`, `trust:ID`, `la:CODE`. */
const representation = (scope: string) => {
  const [kind, id] = scope.split(':') as [string, string];
  if (kind === 'school') return { __typename: 'School', urn: Number(id) };
  if (kind === 'trust') return { __typename: 'Trust', id };
  return { __typename: 'LocalAuthority', code: id };
};

const FIGURE = '{ value cohort suppressed reason code }';

/** Everything the viewer can read about these scopes in `year`: one request per dimension (as over the gateway). */
export async function collect(
  subgraph: TestSubgraph,
  viewer: Viewer,
  scopes: readonly string[],
  year: number,
): Promise<Seen[]> {
  const seen: Seen[] = [];
  for (const dimension of DIMENSIONS) {
    const fields = SUBJECTS.map(
      (s) => `${s}: gaps(academicYear: ${year}, subject: ${s}, by: ${dimension}) {
          group attainment ${FIGURE} stuckRate ${FIGURE} attainmentGap ${FIGURE} }
        ${s}_trend: gapTrend(subject: ${s}, by: ${dimension}, fromYear: ${year}) { academicYear gap ${FIGURE} }`,
    ).join('\n');
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on School { ${fields} } ... on Trust { ${fields} } ... on LocalAuthority { ${fields} } } }`;
    const ask = () =>
      subgraph.request<{ _entities: Record<string, unknown>[] }>(viewer, query, {
        r: scopes.map(representation),
      });
    // The solver is synchronous: after a long solve, a kept-alive connection may have been closed. Ask again once.
    const res = await ask().catch(ask);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    res.data?._entities.forEach((entity, i) => {
      for (const subject of SUBJECTS) {
        const trend = (entity[`${subject}_trend`] as { academicYear: number; gap: Figure }[] | null) ?? [];
        seen.push({
          scope: scopes[i] as string,
          subject,
          dimension,
          groups: (entity[subject] as Group[] | null) ?? [],
          trend: trend.find((t) => t.academicYear === year)?.gap ?? null,
        });
      }
    });
  }
  return seen;
}

export interface Range {
  scope: string;
  subject: string;
  dimension: string;
  group: string;
  /** Only the group's stuck rate is hidden (its cohort and attainment are shown). */
  stuckOnly: boolean;
  cohort: [number, number];
  atExpected: [number, number];
  stuck: [number, number];
}

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let solver: Highs | undefined;

/**
 * The range of each suppressed group's cohort and count at expected, per subject, given what was seen.
 * `rounded`: the persona sees aggregates only (counts to the nearest 5, shares to 2 places). `parents`: a
 * trust or LA scope and the schools under it (all of which the persona sees).
 *
 * Sound and quick: every integer programme solved gives a whole solution — values that every hidden group
 * could really have at once — so each group's range is first widened by those witnesses (a few solves that
 * push all hidden groups up, down and apart). A range already `threshold` values wide is proved safe by its
 * witnesses; only the others are solved exactly (smallest and largest), so a narrow range is the attacker's
 * true tightest range. A reported range is therefore exact when narrow, and at least as wide as shown otherwise.
 */
export async function attack(seen: readonly Seen[], options: AttackOptions): Promise<Range[]> {
  solver ??= await highsLoader();
  const T = options.threshold;
  const ranges: Range[] = [];
  for (const subject of options.subjects ?? SUBJECTS) {
    const mine = seen.filter((s) => s.subject === subject);
    const model = buildModel(mine, options);
    const lo = new Map<string, number>();
    const hi = new Map<string, number>();
    const exact = new Set<string>();
    const witness = (objective: string, sense: 'Maximize' | 'Minimize') => {
      const values = solve(model, sense, objective);
      if (values === null) return null;
      for (const [v, x] of values) {
        lo.set(v, Math.min(lo.get(v) ?? x, x));
        hi.set(v, Math.max(hi.get(v) ?? x, x));
      }
      return values;
    };
    if (witness('N0', 'Maximize') === null)
      throw new Error(`the equations for ${subject} have no solution: the model is wrong`);
    const cells = model.hiddenCells;
    const all = (k: 'n' | 'x' | 's', sign: (i: number) => number) =>
      cells.map((c, i) => `${sign(i) < 0 ? '-' : '+'} ${c[k]}`).join(' ') || 'N0';
    for (const k of options.stuck ? (['n', 'x', 's'] as const) : (['n', 'x'] as const))
      for (const sign of [() => 1, (i: number) => (i % 2 ? 1 : -1)]) {
        witness(all(k, sign), 'Maximize');
        witness(all(k, sign), 'Minimize');
      }
    // Stuck counts are few and tied together across a scope's dimensions: push each scope's up and down on
    // its own as well (far fewer solves than pinning its cells one by one).
    if (options.stuck)
      for (const scope of new Set(cells.map((c) => c.at.scope))) {
        const mine = cells.filter((c) => c.at.scope === scope).map((c) => `+ ${c.s}`);
        witness(mine.join(' '), 'Maximize');
        witness(mine.join(' '), 'Minimize');
      }
    const width = (v: string) => (hi.get(v) ?? 0) - (lo.get(v) ?? 0) + 1;
    const pin = (v: string) => {
      if (exact.has(v)) return;
      const min = witness(v, 'Minimize')?.get(v);
      const max = witness(v, 'Maximize')?.get(v);
      if (min === undefined) throw new Error(`no smallest value of ${v}: the model is wrong`);
      lo.set(v, min);
      hi.set(v, max ?? Number.POSITIVE_INFINITY); // no largest: unbounded, as wide as can be
      exact.add(v);
    };
    for (const cell of cells) {
      if (width(cell.n) < T) pin(cell.n);
      // The count at expected must take min(T, largest cohort + 1) values: if it takes fewer than T, find the
      // largest cohort exactly and the count's own range.
      for (const k of options.stuck ? (['x', 's'] as const) : (['x'] as const))
        if (width(cell[k]) < T) {
          pin(cell.n);
          if (width(cell[k]) < Math.min(T, (hi.get(cell.n) ?? 0) + 1)) pin(cell[k]);
        }
    }
    for (const cell of cells)
      ranges.push({
        ...cell.at,
        subject,
        cohort: [lo.get(cell.n) ?? Number.NaN, hi.get(cell.n) ?? Number.NaN],
        atExpected: [lo.get(cell.x) ?? Number.NaN, hi.get(cell.x) ?? Number.NaN],
        stuck: options.stuck ? [lo.get(cell.s) ?? Number.NaN, hi.get(cell.s) ?? Number.NaN] : [0, T],
      });
  }
  return ranges;
}

export interface AttackOptions {
  rounded: boolean;
  threshold: number;
  parents: Record<string, readonly string[]>;
  /** Only these subjects (each subject's figures are a model of their own); default all. */
  subjects?: readonly string[];
  /**
   * Also the stuck rates: each group's count stuck, under the same equations (they add up within a dimension
   * and across levels), and the groups whose stuck rate alone is hidden. Off in the normal suite: it makes the
   * largest case several times slower, and it finds narrow stuck counts (docs/disclosure-control.md).
   */
  stuck?: boolean;
  /**
   * The strongest attacker: one who knows which hidden groups are the small ones (1 to the threshold) and
   * that the others are larger — as if each hidden figure said why it was hidden, or the attacker guessed
   * right (looked-after children are few). `true`: `small` says, for each hidden group, whether it is small.
   */
  small?: (at: { scope: string; subject: string; dimension: string; group: string }) => boolean;
}

interface Model {
  constraints: string[];
  bounds: string[];
  vars: Set<string>;
  hiddenCells: {
    at: Omit<Range, 'cohort' | 'atExpected' | 'stuck' | 'subject'>;
    n: string;
    x: string;
    s: string;
  }[];
}

/** Optimises `objective` over whole numbers; the solution's value of every variable, or null if none. */
function solve(model: Model, sense: 'Maximize' | 'Minimize', objective: string): Map<string, number> | null {
  const lp = [
    sense,
    ` obj: ${objective}`,
    'Subject To',
    ...model.constraints.map((c, i) => ` r${i}: ${c}`),
    'Bounds',
    ...model.bounds.map((b) => ` ${b}`),
    'General',
    ` ${[...model.vars].join(' ')}`,
    'End',
  ].join('\n');
  const s = (solver as Highs).solve(lp, { output_flag: false } as Parameters<Highs['solve']>[1]);
  if (s.Status !== 'Optimal') return null;
  return new Map(
    Object.entries(s.Columns).map(([name, c]) => [name, Math.round((c as { Primal: number }).Primal)]),
  );
}

const num = (v: number) => (v < 0 ? `- ${-v}` : `+ ${v}`);

function buildModel(seen: readonly Seen[], options: AttackOptions): Model {
  const T = options.threshold;
  const model: Model = { constraints: [], bounds: [], vars: new Set(), hiddenCells: [] };
  const ids = new Map<string, string>();
  const v = (key: string) => {
    let id = ids.get(key);
    if (!id) {
      id = `v${ids.size}`;
      ids.set(key, id);
      model.vars.add(id);
    }
    return id;
  };
  // N0 exists so that feasibility can be asked for.
  model.vars.add('N0');
  model.bounds.push('N0 <= 0');
  const scopes = [...new Set(seen.map((s) => s.scope))];
  const cell = (scope: string, dimension: string, group: string) => ({
    n: v(`n|${scope}|${dimension}|${group}`),
    x: v(`x|${scope}|${dimension}|${group}`),
    s: options.stuck ? v(`s|${scope}|${dimension}|${group}`) : '',
  });
  const groupsOf = new Map<string, Set<string>>();
  for (const s of seen) {
    const N = v(`N|${s.scope}`);
    const X = v(`X|${s.scope}`);
    const S = options.stuck ? v(`S|${s.scope}`) : '';
    const known = groupsOf.get(s.dimension) ?? new Set<string>();
    groupsOf.set(s.dimension, known);
    for (const g of s.groups) known.add(g.group);
    if (s.groups.length === 0) {
      // Nothing in this dimension: nobody assessed in this subject.
      model.constraints.push(`${N} = 0`);
      continue;
    }
    // The groups of a dimension partition the cohort and its pupils at expected.
    model.constraints.push(
      `${s.groups.map((g) => cell(s.scope, s.dimension, g.group).n).join(' + ')} - ${N} = 0`,
    );
    model.constraints.push(
      `${s.groups.map((g) => cell(s.scope, s.dimension, g.group).x).join(' + ')} - ${X} = 0`,
    );
    if (options.stuck)
      model.constraints.push(
        `${s.groups.map((g) => cell(s.scope, s.dimension, g.group).s).join(' + ')} - ${S} = 0`,
      );
    for (const g of s.groups) {
      const { n, x, s: stuck } = cell(s.scope, s.dimension, g.group);
      model.constraints.push(`${x} - ${n} <= 0`);
      // The stuck rate (modelled when asked): hidden with the group, or on its own (its cohort shown), or shown.
      const r = g.stuckRate;
      const at = { scope: s.scope, dimension: s.dimension, group: g.group };
      if (options.stuck) {
        model.constraints.push(`${stuck} - ${n} <= 0`);
        if (r.suppressed && !g.attainment.suppressed)
          model.hiddenCells.push({ at: { ...at, stuckOnly: true }, n, x, s: stuck });
        else if (!r.suppressed && r.cohort !== null && r.cohort > 0 && r.value !== null) {
          if (!options.rounded) model.bounds.push(`${stuck} = ${Math.round(r.value * r.cohort)}`);
          else
            model.constraints.push(
              `${stuck} ${num(-(r.value - 0.005))} ${n} >= 0`,
              `${stuck} ${num(-(r.value + 0.005))} ${n} <= 0`,
            );
        }
      }
      const a = g.attainment;
      if (a.suppressed) {
        if (a.code !== 'c')
          throw new Error(`suppressed without code c: ${s.scope} ${s.dimension} ${g.group}`);
        // One reason for every hidden figure: all it says is that the group is not empty (an empty group is
        // shown as 0) — unless the attacker knows (or guesses) which hidden groups are the small ones.
        const small = options.small?.({
          scope: s.scope,
          subject: s.subject,
          dimension: s.dimension,
          group: g.group,
        });
        if (small === undefined) model.bounds.push(`${n} >= 1`);
        else if (small) model.bounds.push(`1 <= ${n} <= ${T}`);
        else model.bounds.push(`${n} >= ${T + 1}`);
        model.hiddenCells.push({ at: { ...at, stuckOnly: false }, n, x, s: stuck });
      } else if (a.cohort === 0 || a.cohort === null) {
        model.bounds.push(`${n} = 0`, `${x} = 0`);
      } else if (!options.rounded) {
        model.bounds.push(`${n} = ${a.cohort}`, `${x} = ${Math.round((a.value ?? 0) * a.cohort)}`);
      } else {
        model.bounds.push(`${Math.max(0, a.cohort - 2)} <= ${n} <= ${a.cohort + 2}`);
        const share = a.value ?? 0;
        model.constraints.push(
          `${x} ${num(-(share - 0.005))} ${n} >= 0`,
          `${x} ${num(-(share + 0.005))} ${n} <= 0`,
        );
      }
      // A published gap gives the whole cohort and (exact figures) everyone else's count at expected.
      const gap = g.attainmentGap;
      if (!gap.suppressed && gap.cohort !== null && gap.cohort > 0) {
        if (options.rounded) model.constraints.push(`${N} >= ${gap.cohort - 2}`, `${N} <= ${gap.cohort + 2}`);
        else {
          model.constraints.push(`${N} = ${gap.cohort}`);
          if (gap.value !== null && a.value !== null && a.cohort !== null && !a.suppressed) {
            const rest = gap.cohort - a.cohort;
            const restAt = Math.round((gap.value + a.value) * rest);
            model.constraints.push(`${X} = ${restAt + Math.round(a.value * a.cohort)}`);
          }
        }
      }
    }
    // A published trend point gives the cohort too; it is published only when the year's gaps publish the
    // rest side, so it adds nothing else (checked here).
    const focus = FOCUS[s.dimension];
    if (s.trend && !s.trend.suppressed && s.trend.cohort && focus) {
      if (options.rounded)
        model.constraints.push(`${N} >= ${s.trend.cohort - 2}`, `${N} <= ${s.trend.cohort + 2}`);
      else model.constraints.push(`${N} = ${s.trend.cohort}`);
      const hiddenRest = s.groups.find((g) => !focus.includes(g.group) && g.attainment.suppressed);
      if (hiddenRest) throw new Error(`trend published while gaps hide ${hiddenRest.group} at ${s.scope}`);
    }
  }
  // A trust or LA is the sum of its schools, group by group.
  for (const [parent, children] of Object.entries(options.parents)) {
    if (!scopes.includes(parent)) continue;
    model.constraints.push(`${children.map((c) => v(`N|${c}`)).join(' + ')} - ${v(`N|${parent}`)} = 0`);
    model.constraints.push(`${children.map((c) => v(`X|${c}`)).join(' + ')} - ${v(`X|${parent}`)} = 0`);
    if (options.stuck)
      model.constraints.push(`${children.map((c) => v(`S|${c}`)).join(' + ')} - ${v(`S|${parent}`)} = 0`);
    for (const [dimension, groups] of groupsOf)
      for (const group of groups) {
        const parts = children.map((c) => ({
          c,
          seen: seen.find((s) => s.scope === c && s.dimension === dimension),
        }));
        const terms = (k: 'n' | 'x' | 's') =>
          parts
            .filter((p) => p.seen?.groups.some((g) => g.group === group))
            .map((p) => cell(p.c, dimension, group)[k]);
        const top = seen.find((s) => s.scope === parent && s.dimension === dimension);
        const at = top?.groups.some((g) => g.group === group) ? cell(parent, dimension, group) : null;
        for (const k of options.stuck ? (['n', 'x', 's'] as const) : (['n', 'x'] as const)) {
          const sum = terms(k);
          if (!at && sum.length === 0) continue;
          if (!at) model.constraints.push(`${sum.join(' + ')} = 0`);
          else model.constraints.push(`${sum.length ? `${sum.join(' + ')} - ` : '- '}${at[k]} = 0`);
        }
      }
  }
  return model;
}
