import { authSettings, signDevelopmentToken } from '@commonroom/auth';
import { demoPrincipal } from '../../scripts/personas.ts';
import type { DevelopmentSignIn } from './context.ts';

const LABELS: Record<string, string> = {
  trust_leader: 'Trust leader',
  la_officer: 'LA officer',
  school_staff: 'School staff',
  carer: 'Carer',
  provider: 'Provider',
  dpo: 'Data protection officer',
};

/**
 * Development sign-in: the token `npm run -s token -- --role ROLE [--FLAG SCOPE]` prints, for the same demo
 * persona (scripts/personas.ts), signed with the development JWT_SECRET. Never wired in production.
 */
export function developmentSignIn(env: NodeJS.ProcessEnv = process.env): DevelopmentSignIn {
  const settings = authSettings(env);
  return async (role, scope) => {
    const principal = demoPrincipal(role, scope);
    const token = await signDevelopmentToken(principal, settings);
    const id =
      'trustId' in principal
        ? principal.trustId
        : 'laCode' in principal
          ? principal.laCode
          : 'urn' in principal
            ? String(principal.urn)
            : 'carerId' in principal
              ? principal.carerId
              : principal.providerId;
    return { token, label: `${LABELS[role] ?? role} (${id})`, scope: id };
  };
}
