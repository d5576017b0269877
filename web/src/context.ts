import type { WebSettings } from './env.ts';
import type { GraphQLError } from './graphql.ts';
import type { OidcSignIn, SignedIn } from './oidc.ts';
import type { Session } from './session.ts';

/** Issues a development token for a demo persona (`npm run -s token`'s); absent in production. */
export type DevelopmentSignIn = (
  role: string,
  scope: Record<string, string | undefined>,
) => Promise<{ token: string; label: string; scope: string }>;

/** What a page handler is given: the request, the session, and the gateway as the signed-in persona. */
export interface Context {
  url: URL;
  params: Record<string, string>;
  session: Session;
  /** The submitted form, for POST. */
  form: URLSearchParams;
  settings: WebSettings;
  developmentSignIn?: DevelopmentSignIn;
  /** Runs an operation against the gateway as the signed-in persona. */
  query<T>(
    document: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data: T | null; errors: GraphQLError[] }>;
  /** Replaces the session (e.g. to remember an OpenID Connect sign-in under way). */
  setSession(session: Session): void;
  /** Starts a new signed-in session, recorded in the session store. */
  signIn(who: SignedIn): Promise<void>;
  /** Ends the session at once (revoked in the store) and starts a signed-out one. */
  signOut(): Promise<void>;
  /** OpenID Connect sign-in, when OIDC_ISSUER is set. */
  oidc?: OidcSignIn;
}
