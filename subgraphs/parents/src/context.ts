import type { Viewer } from '@commonroom/auth';
import type { Db } from '@commonroom/db';
import { createLoaders, type Loaders } from './data/loaders.ts';

/** What every resolver gets: who is asking, the database, and this request's loaders. */
export interface ParentsContext {
  viewer: Viewer;
  db: Db;
  loaders: Loaders;
  /** The signed-in carer's linked pupil ids (empty for anyone else); loaded once per request. */
  myChildren(): Promise<ReadonlySet<string>>;
}

export function createContext(db: Db, viewer: Viewer): ParentsContext {
  const loaders = createLoaders(db);
  let mine: Promise<ReadonlySet<string>> | undefined;
  return {
    viewer,
    db,
    loaders,
    myChildren() {
      if (viewer.role !== 'carer') return Promise.resolve(new Set());
      mine ??= loaders.linksOfCarer
        .load(viewer.carerId)
        .then((links) => new Set(links.map((l) => l.pupilId)));
      return mine;
    },
  };
}
