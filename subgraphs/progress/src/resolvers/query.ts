import { forbidden } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import { allScales, pupilsOfGuide } from '../data/queries.ts';
import { visiblePupil } from './pupil.ts';

export const Query = {
  pupil: (_: unknown, { id }: { id: string }, context: ProgressContext) => visiblePupil(id, context),
  myPupils(_: unknown, __: unknown, { viewer, db }: ProgressContext) {
    if (viewer.role !== 'school_staff') throw forbidden('Only school staff have pupils to guide.');
    return pupilsOfGuide(db, viewer.staffId, viewer.urn);
  },
  assessmentScales: (_: unknown, __: unknown, { db }: ProgressContext) => allScales(db),
};
