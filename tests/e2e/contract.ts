import { readFileSync } from 'node:fs';

/** A contract operation from tests/contract, verbatim. */
export function contractOperation(name: string): string {
  return readFileSync(new URL(`../contract/${name}.graphql`, import.meta.url), 'utf8');
}
