import type { Viewer } from '@commonroom/auth';
import type { Db } from '@commonroom/db';
import { createLoaders, type Loaders } from './data/loaders.ts';

/** What every resolver gets: who is asking, the database, and this request's loaders. */
export interface PracticeContext {
  viewer: Viewer;
  db: Db;
  loaders: Loaders;
}

export function createContext(db: Db, viewer: Viewer): PracticeContext {
  return { viewer, db, loaders: createLoaders(db, viewer) };
}
