/**
 * `npm start`: every subgraph and the gateway, each in its own process as in production, on the embedded
 * database (or DATABASE_URL), migrated and seeded with demo data on first run. Ctrl-C stops them all.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SUBGRAPHS } from '@commonroom/schema';
import { demoPrincipal } from './personas.ts';

const gatewayEntry = fileURLToPath(new URL('../gateway/src/index.ts', import.meta.url));
const webEntry = fileURLToPath(new URL('../web/src/index.ts', import.meta.url));
const children: ChildProcess[] = [];
let stopping = false;

function run(name: string, entry: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? `exit ${code}`}); stopping the hub.`);
    void stop(1);
  });
  children.push(child);
}

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

async function waitFor(url: string, what: string, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${what} was not ready after ${timeoutMs / 1000}s`);
}

const gatewayPort = Number(process.env.PORT ?? 4000);
for (const subgraph of SUBGRAPHS) run(subgraph.name, subgraph.entry);
await Promise.all(
  SUBGRAPHS.map((s) =>
    waitFor(
      `http://127.0.0.1:${process.env[`${s.name.toUpperCase()}_PORT`] ?? s.port}/health`,
      `the ${s.name} subgraph`,
    ),
  ),
);
const subgraphUrls = Object.fromEntries(
  SUBGRAPHS.filter((s) => process.env[`${s.name.toUpperCase()}_PORT`]).map((s) => [
    `SUBGRAPH_${s.name.toUpperCase()}_URL`,
    `http://127.0.0.1:${process.env[`${s.name.toUpperCase()}_PORT`]}/graphql`,
  ]),
);
run('gateway', gatewayEntry, subgraphUrls);
await waitFor(`http://127.0.0.1:${gatewayPort}/readiness`, 'the gateway');
const webPort = Number(process.env.WEB_PORT ?? 3000);
run('web', webEntry, { GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/graphql`, WEB_PORT: String(webPort) });
await waitFor(`http://127.0.0.1:${webPort}/health`, 'the web pages');

const personas: [string, string, string][] = [
  ['trust leader', describe(demoPrincipal('trust_leader', {})), '--role trust_leader [--trust ID]'],
  ['LA officer', describe(demoPrincipal('la_officer', {})), '--role la_officer [--la CODE]'],
  [
    'school staff',
    describe(demoPrincipal('school_staff', {})),
    '--role school_staff [--urn URN] [--staff ID]',
  ],
  ['carer', describe(demoPrincipal('carer', {})), '--role carer [--carer ID]'],
  ['provider', describe(demoPrincipal('provider', {})), '--role provider [--provider ID]'],
  ['data protection officer', describe(demoPrincipal('dpo', {})), '--role dpo [--trust ID]'],
];
const trustId = describe(demoPrincipal('trust_leader', {}));
console.log(`
Commonroom is running: http://localhost:${gatewayPort}/graphql (open it in a browser for GraphiQL)
The web pages: http://localhost:${webPort}/ (sign in as any persona below; docs/web.md)
Subgraphs: ${SUBGRAPHS.map((s) => s.name).join(', ')}. Ctrl-C stops everything.

No token is needed for the public directory. To act as a persona, get a development token and send it
as "Authorization: Bearer <token>":
${personas.map(([who, scope, flags]) => `  ${`${who}${scope ? ` (${scope})` : ''}`.padEnd(32)} npm run -s token -- ${flags}`).join('\n')}
For example:
  curl -s localhost:${gatewayPort}/graphql -H 'content-type: application/json' \\
    -H "authorization: Bearer $(npm run -s token -- --role trust_leader)" \\
    -d '{"query":"{ trust(id: \\"${trustId}\\") { name schools { urn name } } }"}'
`);

function describe(principal: ReturnType<typeof demoPrincipal>): string {
  switch (principal.role) {
    case 'trust_leader':
      return principal.trustId;
    case 'la_officer':
      return principal.laCode;
    case 'school_staff':
      return `${principal.urn}, ${principal.staffId}`;
    case 'carer':
      return principal.carerId;
    case 'provider':
      return principal.providerId;
    case 'dpo':
      return principal.trustId;
  }
}
