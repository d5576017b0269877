import type { Viewer } from '@commonroom/auth';

const LABELS: Record<string, string> = {
  trust_leader: 'Trust leader',
  la_officer: 'LA officer',
  school_staff: 'School staff',
  carer: 'Carer',
  pupil: 'Pupil',
  provider: 'Provider',
  dpo: 'Data protection officer',
};

/** How the header names a signed-in person ("Trust leader (TR0962)"), and the id their pages are about. */
export function personaOf(viewer: Exclude<Viewer, { role: 'anonymous' }>): { label: string; scope: string } {
  // A governor carries a school or (as a trustee) a trust: both optional in the type, so named apart.
  if (viewer.role === 'governor') {
    const scope = viewer.urn !== undefined ? String(viewer.urn) : (viewer.trustId ?? '');
    return { label: `${viewer.urn !== undefined ? 'Governor' : 'Trustee'} (${scope})`, scope };
  }
  // A data protection officer acts for a trust or for an LA's maintained schools.
  if (viewer.role === 'dpo') {
    const scope = viewer.trustId ?? viewer.laCode ?? '';
    return { label: `Data protection officer (${viewer.trustId ? scope : `LA ${scope}`})`, scope };
  }
  if (viewer.role === 'pupil') return { label: `Pupil (${viewer.pupilId})`, scope: viewer.pupilId };
  const scope =
    'trustId' in viewer
      ? viewer.trustId
      : 'laCode' in viewer
        ? viewer.laCode
        : 'urn' in viewer
          ? String(viewer.urn)
          : 'carerId' in viewer
            ? viewer.carerId
            : viewer.providerId;
  return { label: `${LABELS[viewer.role] ?? viewer.role} (${scope})`, scope };
}
