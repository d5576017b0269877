import { authSettings, signDevelopmentToken } from '@commonroom/auth';
import { demoPrincipal } from '../../scripts/personas.ts';
import type { DevelopmentSignIn } from './context.ts';
import { personaOf } from './persona.ts';

/**
 * Development sign-in: the token `npm run -s token -- --role ROLE [--FLAG SCOPE]` prints, for the same demo
 * persona (scripts/personas.ts), signed with the development JWT_SECRET. Never wired in production.
 */
export function developmentSignIn(env: NodeJS.ProcessEnv = process.env): DevelopmentSignIn {
  const settings = authSettings(env);
  return async (role, scope) => {
    const principal = demoPrincipal(role, scope);
    const token = await signDevelopmentToken(principal, settings);
    return { token, ...personaOf(principal) };
  };
}
