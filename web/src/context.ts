import type { WebSettings } from './env.ts';
import type { GraphQLError } from './graphql.ts';
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
  /** Replaces the session (sign-in, sign-out). */
  setSession(session: Session): void;
}
