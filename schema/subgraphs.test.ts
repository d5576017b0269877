import { existsSync, readFileSync } from 'node:fs';
import { buildASTSchema, type GraphQLObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { committedSupergraph } from './compose.ts';
import { PUPIL_DATA_SUBGRAPHS, SUBGRAPHS } from './subgraphs.ts';

/** `enum join__Graph { NAME @join__graph(name: "…", url: "…") }`: the subgraphs composed into the file. */
function composedGraphs(supergraph: string): Map<string, { enumValue: string; url: string }> {
  const graphs = new Map<string, { enumValue: string; url: string }>();
  for (const m of supergraph.matchAll(/(\w+) @join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    graphs.set(m[2] as string, { enumValue: m[1] as string, url: m[3] as string });
  }
  return graphs;
}

describe('schema/subgraphs.ts, the subgraph registry', () => {
  const supergraph = committedSupergraph();
  const graphs = composedGraphs(supergraph);

  it('lists exactly the subgraphs composed into the committed supergraph, each at its registry port', () => {
    expect([...graphs.keys()].sort()).toEqual(SUBGRAPHS.map((s) => s.name).sort());
    for (const s of SUBGRAPHS) expect(graphs.get(s.name)?.url).toBe(`http://localhost:${s.port}/graphql`);
    expect(new Set(SUBGRAPHS.map((s) => s.port)).size).toBe(SUBGRAPHS.length);
  });

  it("agrees with each entry point's own name and default port", () => {
    for (const s of SUBGRAPHS) {
      const entry = readFileSync(s.entry, 'utf8');
      expect(entry, s.entry).toMatch(new RegExp(`name: '${s.name}'`));
      expect(entry, s.entry).toMatch(new RegExp(`defaultPort: ${s.port}\\b`));
    }
  });

  it('points at files that exist and packages that export their migrations', async () => {
    for (const s of SUBGRAPHS) {
      expect(existsSync(s.entry), s.entry).toBe(true);
      expect(existsSync(s.schemaDir), s.schemaDir).toBe(true);
      const module_ = (await import(s.package)) as Record<string, unknown>;
      expect(typeof module_.MIGRATIONS_DIR, `${s.package} MIGRATIONS_DIR`).toBe('string');
    }
  });

  it("gives each subgraph holding pupil data an erase mutation of that subgraph's, and the exports retention needs", async () => {
    expect(PUPIL_DATA_SUBGRAPHS.map((s) => s.name)).toEqual(['progress', 'parents']);
    const mutation = buildASTSchema(parse(supergraph)).getMutationType() as GraphQLObjectType;
    for (const s of PUPIL_DATA_SUBGRAPHS) {
      const field = mutation.getFields()[s.pupilData.eraseMutation];
      expect(field, s.pupilData.eraseMutation).toBeDefined();
      expect(String(field?.type)).toBe('ErasureReceipt!');
      expect(field?.args.map((a) => `${a.name}: ${a.type}`)).toEqual(['pupilId: ID!']);
      // The field is resolved by this subgraph, not another.
      const owner = graphs.get(s.name)?.enumValue;
      expect(supergraph).toMatch(
        new RegExp(
          `\\b${s.pupilData.eraseMutation}\\(pupilId: ID!\\): ErasureReceipt! @join__field\\(graph: ${owner}\\)`,
        ),
      );
      const module_ = (await import(s.package)) as Record<string, unknown>;
      expect(module_[s.pupilData.dataSubjectExport], s.pupilData.dataSubjectExport).toBeTypeOf('object');
      expect(module_[s.pupilData.auditExport], s.pupilData.auditExport).toBeTypeOf('function');
    }
  });
});
