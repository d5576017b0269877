/** `npm run start -w @commonroom/web`: the web pages, calling the gateway at GATEWAY_URL. */
import { createLogger, telemetrySettings } from '@commonroom/telemetry';
import { developmentSignIn } from './dev-sign-in.ts';
import { webSettings } from './env.ts';
import { createWebServer } from './server.ts';

const settings = webSettings();
const logger = createLogger('web', { level: telemetrySettings().logLevel });
const web = await createWebServer({
  settings,
  developmentSignIn: settings.production ? undefined : developmentSignIn(),
  logger,
}).listen();
logger.info({ url: web.url, gateway: settings.gatewayUrl }, 'web pages ready');
const stop = () => void web.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
