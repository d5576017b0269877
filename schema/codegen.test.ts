import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CodegenConfig, generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { SUBGRAPHS } from './subgraphs.ts';

// Each subgraph's resolver types are generated from its SDL (packages/subgraph-kit/src/codegen.ts). A change to
// the SDL without `npm run codegen` would leave the resolvers type-checked against a schema that is gone.
describe('generated resolver types', () => {
  for (const subgraph of SUBGRAPHS) {
    it(`${subgraph.name}: src/generated/resolvers.ts is what its SDL gives (else run npm run codegen)`, async () => {
      const root = dirname(dirname(subgraph.schemaDir));
      const { default: config } = (await import(pathToFileURL(join(root, 'codegen.ts')).href)) as {
        default: CodegenConfig;
      };
      const outputs = await generate({ ...config, cwd: root, silent: true }, false);
      expect(outputs.length).toBeGreaterThan(0);
      for (const output of outputs) {
        const committed = readFileSync(join(root, output.filename), 'utf8');
        expect(committed === output.content, `${subgraph.name}/${output.filename} is stale`).toBe(true);
      }
    });
  }
});
