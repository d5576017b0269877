import { dataSubjectForDpo, eraseDataSubject, exportDataSubject } from '@commonroom/subgraph-kit';
import type { ProgressContext } from '../context.ts';
import { PROGRESS_DATA_SUBJECT } from '../data/data-subject.ts';

/** Subject access and erasure (the DPO of the pupil's trust only; the rules are in subgraph-kit data-subject.ts). */

interface ExportRef {
  pupilId: string;
}

export const SubjectAccessExport = {
  async __resolveReference({ pupilId }: ExportRef, context: ProgressContext) {
    await dataSubjectForDpo(context, PROGRESS_DATA_SUBJECT, pupilId);
    return { pupilId };
  },
  generatedAt: () => new Date().toISOString(),
  async erasedAt({ pupilId }: ExportRef, _: unknown, context: ProgressContext) {
    return (await dataSubjectForDpo(context, PROGRESS_DATA_SUBJECT, pupilId)).erasedAt;
  },
  async progress({ pupilId }: ExportRef, _: unknown, context: ProgressContext) {
    const subject = await dataSubjectForDpo(context, PROGRESS_DATA_SUBJECT, pupilId);
    return exportDataSubject(context.db, PROGRESS_DATA_SUBJECT, subject);
  },
};

export const DataSubjectQuery = {
  async subjectAccessExport(_: unknown, { pupilId }: ExportRef, context: ProgressContext) {
    await dataSubjectForDpo(context, PROGRESS_DATA_SUBJECT, pupilId);
    return { pupilId };
  },
};

export const DataSubjectMutation = {
  async erasePupilProgress(_: unknown, { pupilId }: ExportRef, context: ProgressContext) {
    const subject = await dataSubjectForDpo(context, PROGRESS_DATA_SUBJECT, pupilId);
    return eraseDataSubject(context.db, PROGRESS_DATA_SUBJECT, subject, {
      erasedBy: 'sub' in context.viewer ? context.viewer.sub : 'unknown',
      reason: 'REQUEST',
    });
  },
};
