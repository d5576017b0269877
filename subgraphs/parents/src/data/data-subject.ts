import type { DataSubjectSettings } from '@commonroom/subgraph-kit';
import { sql } from 'drizzle-orm';

const byPupil = (table: string) => ({
  table: `parents.${table}`,
  where: (id: ReturnType<typeof sql>) => sql`t.pupil_id = ${id}`,
});

/**
 * Every parents table holding data about a pupil, in the order erasure removes them (dependants first); the
 * subject access export shows them under these names. `src/data-subject.test.ts` fails when a table with a
 * `pupil_id` column is not listed. Carers' own records stay (they may have other children, and they are the
 * carers' data, not the pupil's); their links to the pupil go. Consultation slots are the guide's: a booking
 * for the pupil is cleared, the slot stays. The audit trail is exported but never erased.
 */
export const PARENTS_DATA_SUBJECT: DataSubjectSettings = {
  schema: 'parents',
  pupilDirectory: 'parents.pupil_directory',
  schoolDirectory: 'parents.school_directory',
  parts: [
    {
      name: 'deliveries',
      table: 'parents.outbox',
      where: (id) => sql`t.message_id in (select m.id from parents.messages m where m.pupil_id = ${id})`,
    },
    {
      name: 'messageTranslations',
      table: 'parents.message_translations',
      where: (id) => sql`t.message_id in (select m.id from parents.messages m where m.pupil_id = ${id})`,
    },
    { name: 'messages', ...byPupil('messages') },
    { name: 'messageThreads', ...byPupil('message_threads') },
    { name: 'teacherLightStatuses', ...byPupil('teacher_light_statuses') },
    { name: 'carerLinks', ...byPupil('carer_links') },
    { name: 'moves', ...byPupil('pupil_moves') },
    {
      name: 'consultationBookings',
      table: 'parents.consultation_slots',
      where: (id) => sql`t.booked_for_pupil_id = ${id}`,
      erase: (
        id,
      ) => sql`update parents.consultation_slots set booked_by_carer_id = null, booked_for_pupil_id = null,
        booked_at = null where booked_for_pupil_id = ${id}`,
    },
    { name: 'pupil', table: 'parents.pupil_directory', where: (id) => sql`t.id = ${id}` },
    {
      name: 'auditEvents',
      table: 'parents.audit_events',
      where: (id) => sql`t.pupil_ids @> array[${id}]`,
      erase: 'keep',
    },
  ],
};
