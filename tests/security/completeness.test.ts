import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MATRIX, outcomeOf, UNRESOLVABLE_ENTITIES } from './access-matrix.ts';
import { isOptionalPersona, PERSONAS, type Persona } from './personas.ts';
import { SENSITIVE_FIELDS } from './sensitive-fields.ts';
import { readSurface } from './supergraph-surface.ts';

/** Adding a root field, a mutation, an entity type or a contract operation without its matrix row fails here. */
const surface = readSurface();
const covered = new Set(MATRIX.map((row) => row.covers));
const missing = (wanted: string[]) => wanted.filter((w) => !covered.has(w));

describe('the access matrix covers the whole API', () => {
  it('has a row for every root Query field', () => {
    expect(surface.queries.length).toBeGreaterThan(10);
    expect(missing(surface.queries.map((f) => `Query.${f}`))).toEqual([]);
  });

  it('has a row for every Mutation field', () => {
    expect(surface.mutations.length).toBeGreaterThan(10);
    expect(missing(surface.mutations.map((f) => `Mutation.${f}`))).toEqual([]);
  });

  it('has an _entities row for every entity type in every subgraph that resolves it', () => {
    const wanted = [...surface.entities].flatMap(([type, graphs]) =>
      graphs.map((g) => `Entity.${type}@${g}`),
    );
    expect(wanted.length).toBeGreaterThan(5);
    expect(missing(wanted)).toEqual([]);
  });

  it('lists the keyed types no subgraph resolves, and only those', () => {
    expect(surface.unresolvableEntities.sort()).toEqual(Object.keys(UNRESOLVABLE_ENTITIES).sort());
  });

  it('has a row for every contract operation', () => {
    const files = readdirSync(new URL('../contract/', import.meta.url)).filter((f) => f.endsWith('.graphql'));
    expect(files.length).toBeGreaterThan(0);
    expect(missing(files.map((f) => `Contract.${f.replace(/\.graphql$/, '')}`))).toEqual([]);
  });

  it('has no row for something the API no longer has', () => {
    const known = new Set([
      ...surface.queries.map((f) => `Query.${f}`),
      ...surface.mutations.map((f) => `Mutation.${f}`),
      ...[...surface.entities].flatMap(([type, graphs]) => graphs.map((g) => `Entity.${type}@${g}`)),
    ]);
    const stale = MATRIX.map((r) => r.covers).filter(
      (c) => /^(Query|Mutation|Entity)\./.test(c) && !known.has(c),
    );
    expect(stale).toEqual([]);
  });

  it('gives every row an outcome for every persona, and a reference for every COVERED one', () => {
    for (const row of MATRIX) {
      // The data protection officers and the pupil may be left out (then a stranger's outcome: outcomeOf).
      expect(
        Object.keys(row.expect)
          .filter((p) => !isOptionalPersona(p as Persona))
          .sort(),
        row.name,
      ).toEqual(PERSONAS.filter((p) => !isOptionalPersona(p)).sort());
      const outcomes = PERSONAS.map((p) => outcomeOf(row, p));
      if (outcomes.includes('COVERED')) expect(row.coveredBy?.length, row.name).toBeGreaterThan(0);
      if (outcomes.includes('REFUSED')) expect(row.note, row.name).toBeTruthy();
    }
  });

  it('names, for every COVERED grant, tests that exist', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const missing: string[] = [];
    for (const row of MATRIX)
      for (const coverage of row.coveredBy ?? []) {
        const [file = '', title = ''] = coverage.split(' > ');
        const path = join(root, file);
        const source = existsSync(path) ? readFileSync(path, 'utf8') : '';
        if (!title || !source.includes(title)) missing.push(`${row.name}: ${coverage}`);
      }
    expect(missing).toEqual([]);
  });

  it('tags exactly the fields of the sensitive-field table @tag(name: "sensitive") in the supergraph', () => {
    // Tagging a field without its matrix rows fails here, and so does a matrix row for an untagged field.
    expect(surface.sensitiveFields.length).toBeGreaterThanOrEqual(6);
    expect([...surface.sensitiveFields].sort()).toEqual(
      SENSITIVE_FIELDS.map((s) => `Pupil.${s.field}`).sort(),
    );
  });

  it('lets no role without a need for pupil-level data see a sensitive field', () => {
    // DESIGN.md: pupil-level data is for the pupil's school staff (their learning guide among them) and the
    // leaders of its trust; LA officers, carers, providers, strangers and the DPO get null with FORBIDDEN.
    const withNeed = new Set(['staffOwn', 'learningGuide', 'trustOwn']);
    for (const { field, seenBy } of SENSITIVE_FIELDS)
      expect(
        seenBy.filter((p) => !withNeed.has(p)),
        field,
      ).toEqual([]);
  });

  it('names real Pupil fields in the sensitive-field table', () => {
    const supergraph = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
    const pupil = /type Pupil [^{]*\{([\s\S]*?)\n\}/.exec(supergraph)?.[1] ?? '';
    for (const { field } of SENSITIVE_FIELDS) expect(pupil, field).toMatch(new RegExp(`\\n  ${field}[(:]`));
  });
});
