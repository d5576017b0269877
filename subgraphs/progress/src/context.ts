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
}

export function createContext(db: Db, viewer: Viewer, settings: ProgressEnv): ProgressContext {
  return { viewer, db, loaders: createLoaders(db), settings };
}
