import type { DataSubjectSettings } from '@commonroom/subgraph-kit';
import { sql } from 'drizzle-orm';

const byPupil = (table: string) => ({
  table: `progress.${table}`,
  where: (id: ReturnType<typeof sql>) => sql`t.pupil_id = ${id}`,
});

/**
 * Every progress table holding data about a pupil, in the order erasure deletes them (dependants first); the
 * subject access export shows them under these names. `src/data-subject.test.ts` fails when a table with a
 * `pupil_id` column is not listed. The audit trail is exported but never erased.
 */
export const PROGRESS_DATA_SUBJECT: DataSubjectSettings = {
  schema: 'progress',
  pupilDirectory: 'progress.pupils',
  schoolDirectory: 'progress.school_directory',
  parts: [
    { name: 'characteristics', ...byPupil('pupil_characteristics') },
    { name: 'attendance', ...byPupil('pupil_attendance') },
    { name: 'schoolHistory', ...byPupil('pupil_school_history') },
    { name: 'supportLedger', ...byPupil('support_ledger') },
    { name: 'bookings', ...byPupil('bookings') },
    { name: 'entitlements', ...byPupil('entitlements') },
    {
      name: 'targetRatings',
      table: 'progress.target_ratings',
      where: (id) =>
        sql`t.target_id in (select l.id from progress.learning_targets l where l.pupil_id = ${id})`,
    },
    { name: 'learningTargets', ...byPupil('learning_targets') },
    { name: 'reviews', ...byPupil('reviews') },
    { name: 'progressPlans', ...byPupil('progress_plans') },
    { name: 'cohortGains', ...byPupil('cohort_gains') },
    { name: 'cohortMemberships', ...byPupil('cohort_members') },
    { name: 'carerLinks', ...byPupil('carer_links') },
    { name: 'carerHandoff', ...byPupil('carer_handoffs') },
    { name: 'moves', ...byPupil('pupil_moves') },
    { name: 'conceptResults', ...byPupil('concept_results') },
    // That the pupil answered a lesson-feedback survey; what they said is in no row of theirs (anonymous counts).
    { name: 'lessonFeedbackAnswered', ...byPupil('feedback_answered') },
    { name: 'results', ...byPupil('pupil_results') },
    { name: 'assessments', ...byPupil('assessments') },
    { name: 'pupil', table: 'progress.pupils', where: (id) => sql`t.id = ${id}` },
    {
      name: 'auditEvents',
      table: 'progress.audit_events',
      where: (id) => sql`t.pupil_ids @> array[${id}]`,
      erase: 'keep',
    },
  ],
};
