import type { Viewer } from '@commonroom/auth';
import { type SQL, sql } from 'drizzle-orm';
import { practices, schoolDirectory } from './tables.ts';

/**
 * The rule of rules/visibility.ts `canSeePractice` as a SQL condition on `practices` joined to the
 * publishing school's `school_directory` row. The caller's scope (their school's LA and trust, a trust's
 * LAs) comes from subqueries, so a search or an `_entities` batch is still one statement.
 */
export function visiblePractices(viewer: Viewer): SQL {
  const published = sql`${practices.status} <> 'DRAFT'`;
  const isPublic = sql`${practices.visibility} = 'PUBLIC'`;
  const isLa = sql`${practices.visibility} = 'LOCAL_AUTHORITY'`;
  const isTrust = sql`${practices.visibility} = 'TRUST'`;
  switch (viewer.role) {
    case 'school_staff': {
      const ownSchool = sql`${practices.urn} = ${viewer.urn}`;
      const myLa = sql`(select sd.la_code from practice.school_directory sd where sd.urn = ${viewer.urn})`;
      const myTrust = sql`(select sd.trust_id from practice.school_directory sd where sd.urn = ${viewer.urn})`;
      return sql`(${ownSchool} or (${published} and (${isPublic}
        or (${isLa} and ${schoolDirectory.laCode} = ${myLa})
        or (${isTrust} and ${schoolDirectory.trustId} = ${myTrust}))))`;
    }
    case 'trust_leader': {
      const trustLas = sql`(select sd.la_code from practice.school_directory sd where sd.trust_id = ${viewer.trustId})`;
      return sql`(${published} and (${isPublic}
        or (${isLa} and ${schoolDirectory.laCode} in ${trustLas})
        or (${isTrust} and ${schoolDirectory.trustId} = ${viewer.trustId})))`;
    }
    case 'la_officer':
      return sql`(${published} and (${isPublic} or (${isLa} and ${schoolDirectory.laCode} = ${viewer.laCode})))`;
    case 'anonymous':
    case 'carer':
    case 'pupil':
    case 'provider':
    // A data protection officer has no ordinary access: public practices only, as for a stranger; so do
    // governors and trustees (aggregates are theirs, not drafts or a trust's practices).
    case 'dpo':
    case 'governor':
      return sql`(${published} and ${isPublic})`;
  }
}
