/**
 * The same supergraph served by Apollo Gateway, for the side-by-side benchmark only (a dev dependency of
 * tests/). It verifies the caller's token and signs the viewer to the subgraphs exactly as our gateway does,
 * so both do the same work. Started by run.ts with `--compare`.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { authSettings, createTokenVerifier, signViewer, type Viewer } from '@commonroom/auth';
import { SUPERGRAPH_PATH } from '@commonroom/schema';

const VIEWER_HANDOFF = 'x-bench-viewer';
const auth = authSettings();
const verify = await createTokenVerifier(auth);
const port = Number(process.env.PORT ?? 4110);
const urls: Record<string, string> = {};
for (const [key, value] of Object.entries(process.env)) {
  const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
  if (match?.[1] && value) urls[match[1].toLowerCase()] = value;
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
  buildService: ({ name, url }) =>
    new RemoteGraphQLDataSource<{ viewer: Viewer }>({
      url: urls[name] ?? url,
      willSendRequest({ request, context }) {
        request.http?.headers.set(VIEWER_HANDOFF, JSON.stringify(context.viewer ?? { role: 'anonymous' }));
      },
      // The signature covers the body, which only exists here, so the viewer is signed at the last moment.
      fetcher: async (input, init) => {
        const headers = new Headers(init?.headers as HeadersInit);
        const viewer = JSON.parse(headers.get(VIEWER_HANDOFF) ?? '{"role":"anonymous"}') as Viewer;
        headers.delete(VIEWER_HANDOFF);
        const body = typeof init?.body === 'string' ? init.body : '';
        for (const [k, v] of Object.entries(signViewer(viewer, body, auth.gatewaySigningSecret)))
          headers.set(k, v);
        return fetch(input as string, { ...(init as RequestInit), headers }) as never;
      },
    }),
});

const server = new ApolloServer<{ viewer: Viewer }>({ gateway, introspection: false });
const { url } = await startStandaloneServer(server, {
  listen: { port, host: '127.0.0.1' },
  context: async ({ req }) => ({ viewer: await verify(req.headers.authorization) }),
});
console.error(JSON.stringify({ level: 'info', msg: 'apollo gateway ready', url }));
