import { fileURLToPath } from 'node:url';

/**
 * How a subgraph holding pupil-level data takes part in data-subject rights (docs/data-protection.md): the
 * gateway mutation that erases one pupil there, and the names of what its package exports for the
 * commands that work on its database directly (`npm run retention`).
 */
export interface PupilDataEntry {
  /** Root mutation `(pupilId: ID!): ErasureReceipt!` that erases one pupil in this subgraph (`npm run erase`). */
  eraseMutation: string;
  /** Export of its package: the `DataSubjectSettings` (its pupil tables, for export and erasure). */
  dataSubjectExport: string;
  /** Export of its package: `(db) => AuditSettings`, where erasures are recorded. */
  auditExport: string;
  /** Whether `npm run retention` erases a pupil here once the pupil is past the trust's retention period. */
  retention: boolean;
}

export interface SubgraphEntry {
  /** Name in the supergraph, in `SUBGRAPH_<NAME>_URL` and `<NAME>_PORT`, and of the Postgres schema it owns. */
  name: string;
  /** Port it listens on by default; the composed supergraph points at it on localhost. */
  port: number;
  /** Its workspace package (`@commonroom/<name>`); its main export has `MIGRATIONS_DIR`. */
  package: string;
  /** Folder of its SDL files. */
  schemaDir: string;
  /** Its entry point, run by `npm start` and the benchmark. */
  entry: string;
  /** Present when it holds pupil-level data (personal data about children); absent when it holds none. */
  pupilData?: PupilDataEntry;
}

const at = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The usual entry for `subgraphs/<name>`: package `@commonroom/<name>`, SDL in `src/schema`, `src/index.ts`. */
function subgraph(name: string, port: number, pupilData?: PupilDataEntry): SubgraphEntry {
  return {
    name,
    port,
    package: `@commonroom/${name}`,
    schemaDir: at(`../subgraphs/${name}/src/schema`),
    entry: at(`../subgraphs/${name}/src/index.ts`),
    ...(pupilData ? { pupilData } : {}),
  };
}

/**
 * Every subgraph of the hub, the one list that `npm start`, composition, the data-subject commands, the
 * benchmark and the test kit read. To add one: create `subgraphs/<name>` (see the README), add it here, run
 * `npm run compose`, and commit the new supergraph.graphql (schema/subgraphs.test.ts checks they agree).
 */
export const SUBGRAPHS: SubgraphEntry[] = [
  subgraph('schools', 4001),
  subgraph('progress', 4002, {
    eraseMutation: 'erasePupilProgress',
    dataSubjectExport: 'PROGRESS_DATA_SUBJECT',
    auditExport: 'progressAudit',
    retention: true,
  }),
  subgraph('practice', 4003),
  subgraph('parents', 4004, {
    eraseMutation: 'erasePupilParents',
    dataSubjectExport: 'PARENTS_DATA_SUBJECT',
    auditExport: 'parentsAudit',
    retention: true,
  }),
];

/** The subgraphs holding pupil-level data, in the order erasure visits them (the owner of pupils first). */
export const PUPIL_DATA_SUBGRAPHS = SUBGRAPHS.filter(
  (s): s is SubgraphEntry & { pupilData: PupilDataEntry } => s.pupilData !== undefined,
);

/** A subgraph's entry by name; throws for a name not in the registry. */
export function subgraphEntry(name: string): SubgraphEntry {
  const entry = SUBGRAPHS.find((s) => s.name === name);
  if (!entry) throw new Error(`no subgraph "${name}" in schema/subgraphs.ts`);
  return entry;
}

/** The port a subgraph listens on: `<NAME>_PORT`, else its registry port. */
export function subgraphPort(entry: SubgraphEntry, env: NodeJS.ProcessEnv = process.env): number {
  return Number(env[`${entry.name.toUpperCase()}_PORT`] ?? entry.port);
}

export const SUPERGRAPH_PATH = at('./supergraph.graphql');
