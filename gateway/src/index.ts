import { createLogger, createRegistry, createTracing, telemetrySettings } from '@commonroom/telemetry';
import { gatewaySettings } from './env.ts';
import { listenGateway } from './server.ts';

const settings = gatewaySettings();
const telemetry = telemetrySettings();
const logger = createLogger('gateway', { level: telemetry.logLevel });
process.once('uncaughtException', (err) => {
  logger.fatal({ err }, 'uncaught exception');
  process.exit(1);
});
const tracing = createTracing('gateway', telemetry.otlpEndpoint);
const gateway = await listenGateway(
  {
    ...settings,
    observability: {
      logger,
      registry: createRegistry('gateway', true),
      metricsAccess: telemetry.metrics,
      tracing,
    },
  },
  settings.port,
  settings.host,
);
logger.info(
  {
    url: gateway.url,
    supergraph: settings.supergraphPath,
    queryPlanner: settings.queryPlanner,
    tracing: tracing ? telemetry.otlpEndpoint : 'off',
  },
  'gateway ready',
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await gateway.close();
    await tracing?.shutdown();
    process.exit(0);
  });
}
