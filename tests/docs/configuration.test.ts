import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The README's configuration table is the one list of settings: every environment variable that runtime code
 * reads is in it, and everything in it is read somewhere. Tests, benchmarks and test helpers are not runtime
 * code (their variables are documented beside them).
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNTIME = ['gateway/src', 'packages', 'subgraphs', 'web/src', 'scripts'];
const NOT_RUNTIME = /\.test\.ts$|\/testing\.ts$|\/node_modules\/|\/test-kit\//;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !NOT_RUNTIME.test(path) ? [path] : [];
  });
}

/** Names read from the environment, with `<NAME>` standing for a subgraph's name in per-subgraph variables. */
function variablesRead(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /\benv\.([A-Z][A-Z0-9_]+)\b/g,
    /\benv\[\s*['"]([A-Z][A-Z0-9_]+)['"]\s*\]/g,
    /\(\s*env\s*,\s*['"]([A-Z][A-Z0-9_]+)['"]/g,
    /`\$\{[^}]*toUpperCase\(\)\}_([A-Z][A-Z0-9_]+)`/g,
    /`([A-Z][A-Z0-9_]*_)\$\{[^}]*toUpperCase\(\)\}(_[A-Z0-9_]+)`/g,
  ];
  for (const file of RUNTIME.flatMap((d) => sources(join(ROOT, d)))) {
    const text = readFileSync(file, 'utf8');
    patterns.forEach((pattern, i) => {
      for (const m of text.matchAll(pattern)) {
        const name = i === 3 ? `<NAME>_${m[1]}` : i === 4 ? `${m[1]}<NAME>${m[2]}` : (m[1] as string);
        if (!found.has(name)) found.set(name, relative(ROOT, file));
      }
    });
  }
  return found;
}

/** The backticked names in the first column of the README's configuration table. */
function variablesDocumented(): Set<string> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? '';
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    const first = line.startsWith('|') ? line.split('|')[1] : undefined;
    for (const m of first?.matchAll(/`([A-Z<][A-Z0-9_<>]+)`/g) ?? []) names.add(m[1] as string);
  }
  return names;
}

describe('the README configuration table', () => {
  const read = variablesRead();
  const documented = variablesDocumented();

  it('lists every variable that runtime code reads', () => {
    expect(read.size).toBeGreaterThan(20);
    const missing = [...read].filter(([name]) => !documented.has(name)).map(([n, f]) => `${n} (${f})`);
    expect(missing).toEqual([]);
  });

  it('lists nothing that no runtime code reads', () => {
    expect([...documented].filter((name) => !read.has(name))).toEqual([]);
  });
});
