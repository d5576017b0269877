import type { Viewer } from '@commonroom/auth';
import type { SchoolRow } from './queries.ts';

/**
 * Staff names are personal data too. They are shown to people with a reason to know them: the school's
 * own staff, leaders of its trust, officers of its LA, and carers (who need their child's learning guide).
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
    case 'anonymous':
    case 'provider':
    // A data protection officer has no ordinary access: they see what a stranger sees. Governors and trustees
    // read aggregates, not the staff list.
    case 'dpo':
    case 'governor':
      return false;
  }
}
