import { fileURLToPath } from 'node:url';

export interface SubgraphEntry {
  /** Name in the supergraph, in `SUBGRAPH_<NAME>_URL` and `<NAME>_PORT`, and of the Postgres schema it owns. */
  name: string;
  /** Port it listens on by default; the composed supergraph points at it on localhost. */
  port: number;
  /** Folder of its SDL files. */
  schemaDir: string;
  /** Its entry point, run by `npm start`. */
  entry: string;
}

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Every subgraph of the hub. To add one: create `subgraphs/<name>` (see the README), add it here, run
 * `npm run compose`, and commit the new supergraph.graphql.
 */
export const SUBGRAPHS: SubgraphEntry[] = [
  {
    name: 'schools',
    port: 4001,
    schemaDir: at('../subgraphs/schools/src/schema'),
    entry: at('../subgraphs/schools/src/index.ts'),
  },
  {
    name: 'progress',
    port: 4002,
    schemaDir: at('../subgraphs/progress/src/schema'),
    entry: at('../subgraphs/progress/src/index.ts'),
  },
  {
    name: 'practice',
    port: 4003,
    schemaDir: at('../subgraphs/practice/src/schema'),
    entry: at('../subgraphs/practice/src/index.ts'),
  },
  {
    name: 'parents',
    port: 4004,
    schemaDir: at('../subgraphs/parents/src/schema'),
    entry: at('../subgraphs/parents/src/index.ts'),
  },
];

export const SUPERGRAPH_PATH = at('./supergraph.graphql');
