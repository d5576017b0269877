import { dataSubjectForDpo, eraseDataSubject, exportDataSubject } from '@commonroom/subgraph-kit';
import type { ParentsContext } from '../context.ts';
import { PARENTS_DATA_SUBJECT } from '../data/data-subject.ts';

/** This subgraph's part of subject access and erasure (the DPO of the pupil's trust only). */

interface ExportRef {
  pupilId: string;
}

export const SubjectAccessExport = {
  async __resolveReference({ pupilId }: ExportRef, context: ParentsContext) {
    await dataSubjectForDpo(context, PARENTS_DATA_SUBJECT, pupilId);
    return { pupilId };
  },
  async parents({ pupilId }: ExportRef, _: unknown, context: ParentsContext) {
    const subject = await dataSubjectForDpo(context, PARENTS_DATA_SUBJECT, pupilId);
    return exportDataSubject(context.db, PARENTS_DATA_SUBJECT, subject);
  },
};

export const DataSubjectMutation = {
  async erasePupilParents(_: unknown, { pupilId }: ExportRef, context: ParentsContext) {
    const subject = await dataSubjectForDpo(context, PARENTS_DATA_SUBJECT, pupilId);
    return eraseDataSubject(context.db, PARENTS_DATA_SUBJECT, subject, {
      erasedBy: 'sub' in context.viewer ? context.viewer.sub : 'unknown',
      reason: 'REQUEST',
    });
  },
};
