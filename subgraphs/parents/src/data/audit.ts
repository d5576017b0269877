import type { Db } from '@commonroom/db';
import type { AuditSettings } from '@commonroom/subgraph-kit';

const byId = (row: Record<string, unknown>) => row.id as string | undefined;
const byPupilId = (row: Record<string, unknown>) => row.pupilId as string | undefined;

/**
 * The audit trail (subgraph-kit audit.ts): a child's carers, traffic lights, messages and consultation
 * bookings are pupil-level data; reading any of their fields records the child. Every mutation is recorded.
 */
export const parentsAudit = (db: Db): AuditSettings => ({
  db,
  schema: 'parents',
  pupilDirectory: 'parents.pupil_directory',
  schoolDirectory: 'parents.school_directory',
  tombstones: 'parents.erasures',
  pupilTypes: {
    Pupil: byId,
    CarerLink: byPupilId,
    TrafficLight: byPupilId,
    TeacherTrafficLight: byPupilId,
    ClearedTrafficLight: byPupilId,
    Message: byPupilId,
    ConsultationSlot: (row) => row.bookedForPupilId as string | undefined,
    SubjectAccessExport: byPupilId,
  },
  alwaysRecord: ['Trust.parentsAuditEvents'],
});
