import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '@commonroom/schema';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PERSISTED_OPERATIONS_FILE, persistedOperations } from '../src/operations.ts';
import { PAGE_MODULES } from '../src/pages/index.ts';

const committed = JSON.parse(readFileSync(PERSISTED_OPERATIONS_FILE, 'utf8')) as Record<string, string>;

describe('web/persisted-operations.json', () => {
  it("is every page's operation now (run `npm run persist -w @commonroom/web` and commit it if not)", () => {
    expect(committed).toEqual(persistedOperations(PAGE_MODULES));
    expect(Object.keys(committed).length).toBeGreaterThanOrEqual(11);
  });

  it('holds only operations that are valid against the committed supergraph', () => {
    const schema = buildSchema(readFileSync(SUPERGRAPH_PATH, 'utf8'), { assumeValidSDL: true });
    for (const [hash, document] of Object.entries(committed)) {
      const errors = validate(schema, parse(document)).map((e) => e.message);
      expect({ hash, errors }).toEqual({ hash, errors: [] });
    }
  });
});
