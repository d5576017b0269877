/** `npm run start -w @commonroom/web`: the web pages, calling the gateway at GATEWAY_URL. */
import { developmentSignIn } from './dev-sign-in.ts';
import { webSettings } from './env.ts';
import { createWebServer } from './server.ts';

const settings = webSettings();
const web = await createWebServer({
  settings,
  developmentSignIn: settings.production ? undefined : developmentSignIn(),
}).listen();
console.log(
  `Commonroom on the web: ${web.url.replace('127.0.0.1', 'localhost')} (gateway ${settings.gatewayUrl})`,
);
const stop = () => void web.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
