export { type AuthSettings, authSettings } from './env.ts';
export { nulCharacterError } from './input.ts';
export {
  answersFor,
  canSeeSchoolAggregates,
  commissionsFor,
  governsSchool,
  isOfficerOfLa,
  isStaffOrTrustLeaderOf,
  isTrusteeOf,
  leadsTrust,
  type ResponsibleBody,
  readsAggregatesOnly,
  readsTrustFigures,
  type SchoolPlace,
} from './scope.ts';
export {
  SIGNATURE_HEADER,
  SignatureError,
  type SignedRequest,
  serviceSigningSecret,
  signViewer,
  VIEWER_HEADER,
  verifySignedRequest,
  verifySignedViewer,
} from './signature.ts';
export { createTokenVerifier, signDevelopmentToken, TokenError, type TokenVerifier } from './token.ts';
export { ANONYMOUS, parseViewer, ROLES, type Role, type Viewer, viewerSchema } from './viewer.ts';
