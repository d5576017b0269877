import * as audit from './audit.ts';
import { auditPage, subjectAccessDownload } from './audit.ts';
import * as carer from './carer.ts';
import {
  bookConsultation,
  cancelConsultation,
  childPage,
  childrenPage,
  markMessageRead,
  sendMessage,
  submitParentView,
} from './carer.ts';
import * as localAuthority from './local-authority.ts';
import { localAuthorityPage } from './local-authority.ts';
import * as practices from './practices.ts';
import { practicePage, practicesPage } from './practices.ts';
import * as provider from './provider.ts';
import { providerBookingsPage } from './provider.ts';
import * as pupil from './pupil.ts';
import { answerSurvey, pupilHomePage } from './pupil.ts';
import * as school from './school.ts';
import { pupilPage, schoolPage, startPlan } from './school.ts';
import { home, signInCallback, signInPage, signInSubmit, signOut } from './sign-in.ts';
import * as staff from './staff.ts';
import { markCarerMessageRead, pupilLightsPage, pupilMessagesPage, setTrafficLight } from './staff.ts';
import * as trust from './trust.ts';
import { trustPage } from './trust.ts';
import type { Route } from './types.ts';

export type { Page } from './types.ts';

/** The modules whose exported `Web…` operations are persisted (scripts/persist.ts). */
export const PAGE_MODULES: Record<string, unknown>[] = [
  audit,
  carer,
  localAuthority,
  practices,
  provider,
  pupil,
  school,
  staff,
  trust,
];

/** Every page; paths are part of the interface. */
export const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/$/, handler: home },
  { method: 'GET', pattern: /^\/sign-in$/, handler: signInPage },
  { method: 'POST', pattern: /^\/sign-in$/, handler: signInSubmit },
  { method: 'GET', pattern: /^\/sign-in\/callback$/, handler: signInCallback },
  { method: 'POST', pattern: /^\/sign-out$/, handler: signOut },
  { method: 'GET', pattern: /^\/trusts\/(?<id>[^/]+)$/, handler: trustPage },
  { method: 'GET', pattern: /^\/local-authorities\/(?<code>[^/]+)$/, handler: localAuthorityPage },
  { method: 'GET', pattern: /^\/schools\/(?<urn>[^/]+)$/, handler: schoolPage },
  { method: 'GET', pattern: /^\/pupils\/(?<id>[^/]+)$/, handler: pupilPage },
  { method: 'POST', pattern: /^\/pupils\/(?<id>[^/]+)\/plan$/, handler: startPlan },
  { method: 'GET', pattern: /^\/pupils\/(?<id>[^/]+)\/messages$/, handler: pupilMessagesPage },
  { method: 'POST', pattern: /^\/pupils\/(?<id>[^/]+)\/messages\/read$/, handler: markCarerMessageRead },
  { method: 'GET', pattern: /^\/pupils\/(?<id>[^/]+)\/traffic-lights$/, handler: pupilLightsPage },
  { method: 'POST', pattern: /^\/pupils\/(?<id>[^/]+)\/traffic-lights$/, handler: setTrafficLight },
  { method: 'GET', pattern: /^\/pupil$/, handler: pupilHomePage },
  { method: 'POST', pattern: /^\/pupil\/surveys\/(?<id>[^/]+)$/, handler: answerSurvey },
  { method: 'GET', pattern: /^\/children$/, handler: childrenPage },
  { method: 'GET', pattern: /^\/children\/(?<pupilId>[^/]+)$/, handler: childPage },
  { method: 'POST', pattern: /^\/children\/(?<pupilId>[^/]+)\/messages$/, handler: sendMessage },
  { method: 'POST', pattern: /^\/children\/(?<pupilId>[^/]+)\/consultations$/, handler: bookConsultation },
  {
    method: 'POST',
    pattern: /^\/children\/(?<pupilId>[^/]+)\/consultations\/cancel$/,
    handler: cancelConsultation,
  },
  { method: 'POST', pattern: /^\/children\/(?<pupilId>[^/]+)\/messages\/read$/, handler: markMessageRead },
  { method: 'POST', pattern: /^\/children\/(?<pupilId>[^/]+)\/parent-view$/, handler: submitParentView },
  { method: 'GET', pattern: /^\/audit$/, handler: auditPage },
  { method: 'GET', pattern: /^\/audit\/export$/, handler: subjectAccessDownload },
  { method: 'GET', pattern: /^\/practices$/, handler: practicesPage },
  { method: 'GET', pattern: /^\/bookings$/, handler: providerBookingsPage },
  { method: 'GET', pattern: /^\/practices\/(?<id>[^/]+)$/, handler: practicePage },
];
