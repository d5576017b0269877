import type { Viewer } from '@commonroom/auth';
import type { SchoolRow } from './queries.ts';

/**
 * Staff names are personal data too. They are shown to people with a reason to know them: the school's
 * own staff, leaders of its trust, officers of its LA, carers (who need their child's learning guide) and
 * the school's own pupils.
 * Anonymous callers and providers see none.
 */
export function canSeeStaffOf(
  viewer: Viewer,
  school: Pick<SchoolRow, 'urn' | 'trustId' | 'laCode'>,
): boolean {
  switch (viewer.role) {
    case 'school_staff':
      return viewer.urn === school.urn;
    case 'trust_leader':
      return school.trustId !== null && viewer.trustId === school.trustId;
    case 'la_officer':
      return viewer.laCode === school.laCode;
    case 'carer':
      return true;
    // A pupil knows their own teachers (their targets' ratings name who rated them); no other school's.
    case 'pupil':
      return viewer.urn === school.urn;
    case 'anonymous':
    case 'provider':
    // A data protection officer has no ordinary access: they see what a stranger sees. Governors and trustees
    // read aggregates, not the staff list.
    case 'dpo':
    case 'governor':
      return false;
  }
}
