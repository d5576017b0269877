import { gatewaySettings } from './env.ts';
import { listenGateway } from './server.ts';

const settings = gatewaySettings();
const gateway = await listenGateway(settings, settings.port, settings.host);
console.log(
  JSON.stringify({
    level: 'info',
    msg: 'gateway ready',
    url: gateway.url,
    supergraph: settings.supergraphPath,
    queryPlanner: settings.queryPlanner,
  }),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await gateway.close();
    process.exit(0);
  });
}
