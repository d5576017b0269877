import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { JSONLogWriter, Logger } from '@graphql-hive/logger';
import type { GatewaySettings } from './env.ts';
import { useIdentity } from './identity.ts';

export type GatewayOptions = Pick<
  GatewaySettings,
  'supergraphPath' | 'subgraphUrls' | 'production' | 'auth' | 'subgraphTimeoutMs'
> & { logging?: boolean };

/**
 * The Hive gateway runtime over a supergraph file. Subgraph URLs come from the supergraph unless
 * overridden (tests and deployments point them elsewhere).
 */
export async function createGateway(options: GatewayOptions) {
  // Read once, so a missing or unreadable file fails at start rather than on the first request.
  const supergraph = await readFile(options.supergraphPath, 'utf8');
  const identity = await useIdentity(options.auth);
  return createGatewayRuntime({
    supergraph,
    transportEntries: Object.fromEntries(
      Object.entries(options.subgraphUrls).map(([name, location]) => [name, { location }]),
    ),
    plugins: () => [identity],
    logging: options.logging === false ? false : new Logger({ writers: [new JSONLogWriter()] }),
    graphiql: !options.production,
    landingPage: false,
    disableIntrospection: options.production ? { disableIf: () => true } : undefined,
    upstreamTimeout: options.subgraphTimeoutMs,
    healthCheckEndpoint: '/healthcheck',
    readinessCheckEndpoint: '/readiness',
  });
}

export interface RunningGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listenGateway(
  options: GatewayOptions,
  port: number,
  host = '127.0.0.1',
): Promise<RunningGateway> {
  const gateway = await createGateway(options);
  const server: Server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}/graphql`,
    port: actual,
    close: async () => {
      await gateway.dispose();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
