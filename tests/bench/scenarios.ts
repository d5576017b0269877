import { readFileSync } from 'node:fs';
import type { Viewer } from '@commonroom/auth';

export interface Scenario {
  name: string;
  viewer: Viewer;
  query: string;
  variables: Record<string, unknown>;
  /** When one subgraph serves the whole request, it is also measured directly to show the gateway's cost. */
  directSubgraph?: string;
}

const contract = (name: string) =>
  readFileSync(new URL(`../contract/${name}.graphql`, import.meta.url), 'utf8');

export const SCENARIOS: Scenario[] = [
  {
    name: 'directory',
    viewer: { role: 'anonymous' },
    query: contract('directory'),
    variables: { laCode: '886' },
    directSubgraph: 'schools',
  },
];
