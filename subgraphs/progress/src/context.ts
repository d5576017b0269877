import type { Viewer } from '@commonroom/auth';
import type { Db } from '@commonroom/db';
import { createLoaders, type Loaders } from './data/loaders.ts';
import type { ProgressEnv } from './env.ts';

/** What every resolver gets: who is asking, the database, this request's loaders and the settings. */
export interface ProgressContext {
  viewer: Viewer;
  db: Db;
  loaders: Loaders;
  settings: ProgressEnv;
  /** Hands carers to parents now, after an import through the gateway (none: they go at the worker's next run). */
  kickHandoffs?: () => void;
}

const NO_CHILDREN: ReadonlySet<string> = new Set();

/** The signed-in carer's linked pupils (one query per request, through the loader); empty for other roles. */
export function childrenOfViewer({ viewer, loaders }: ProgressContext): Promise<ReadonlySet<string>> {
  return viewer.role === 'carer'
    ? loaders.childrenOfCarer.load(viewer.carerId)
    : Promise.resolve(NO_CHILDREN);
}

export function createContext(
  db: Db,
  viewer: Viewer,
  settings: ProgressEnv,
  kickHandoffs?: () => void,
): ProgressContext {
  return { viewer, db, loaders: createLoaders(db), settings, kickHandoffs };
}
