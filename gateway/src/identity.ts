import {
  ANONYMOUS,
  type AuthSettings,
  createTokenVerifier,
  SIGNATURE_HEADER,
  signViewer,
  TokenError,
  VIEWER_HEADER,
  type Viewer,
} from '@commonroom/auth';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

export interface IdentityContext {
  viewer: Viewer;
}

/**
 * Verifies the caller's bearer token once per request (no token: anonymous; a bad one: 401), then signs
 * the verified viewer onto every subgraph call, bound to that call's body and time.
 */
export async function useIdentity(settings: AuthSettings): Promise<GatewayPlugin<IdentityContext>> {
  const verify = await createTokenVerifier(settings);
  // Verified once per HTTP request, before GraphQL parsing, so a bad token is a 401 and never runs anything.
  const viewers = new WeakMap<Request, Viewer>();
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.endsWith('/graphql')) return;
      try {
        viewers.set(request, await verify(request.headers.get('authorization')));
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        const body = { errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED' } }] };
        endResponse(
          new fetchAPI.Response(JSON.stringify(body), {
            status: 401,
            headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
          }),
        );
      }
    },
    onContextBuilding({ context, extendContext }) {
      extendContext({ viewer: viewers.get(context.request) ?? ANONYMOUS });
    },
    onFetch({ context, options, setOptions }) {
      // Without a request context (internal fetches) nobody is asking: sign as anonymous.
      const viewer = 'viewer' in context && context.viewer ? context.viewer : ANONYMOUS;
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
