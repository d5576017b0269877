import {
  type AuthSettings,
  createTokenVerifier,
  SIGNATURE_HEADER,
  signViewer,
  TokenError,
  VIEWER_HEADER,
  type Viewer,
} from '@commonroom/auth';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';

export interface IdentityContext {
  viewer: Viewer;
}

/**
 * Verifies the caller's bearer token once per request (no token: anonymous; a bad one: 401), then signs
 * the verified viewer onto every subgraph call, bound to that call's body and time.
 */
export async function useIdentity(settings: AuthSettings): Promise<GatewayPlugin<IdentityContext>> {
  const verify = await createTokenVerifier(settings);
  return {
    async onContextBuilding({ context, extendContext }) {
      try {
        extendContext({ viewer: await verify(context.request.headers.get('authorization')) });
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        throw new GraphQLError(error.message, {
          extensions: {
            code: 'UNAUTHENTICATED',
            http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } },
          },
        });
      }
    },
    onFetch({ context, options, setOptions }) {
      // Without a request context (internal fetches) nobody is asking: sign as anonymous.
      const viewer = 'viewer' in context && context.viewer ? context.viewer : { role: 'anonymous' as const };
      const body = typeof options.body === 'string' ? options.body : '';
      setOptions({
        ...options,
        headers: {
          ...(options.headers as Record<string, string>),
          ...signViewer(viewer, body, settings.gatewaySigningSecret),
        },
      });
    },
  };
}

export { SIGNATURE_HEADER, VIEWER_HEADER };
