/**
 * `npm start`: every subgraph and the gateway, each in its own process as in production, on the embedded
 * database (or DATABASE_URL), migrated and seeded with demo data on first run. Ctrl-C stops them all.
 * A process that dies once serving is restarted with backoff (scripts/supervisor.ts), and the gateway answers
 * with partial data meanwhile; a process that fails to start stops the hub with a message naming it.
 */
import { fileURLToPath } from 'node:url';
import { SUBGRAPHS, subgraphPort } from '@commonroom/schema';
import { createLogger } from '@commonroom/telemetry';
import { demoPrincipal } from './personas.ts';
import { StartError, Supervisor } from './supervisor.ts';

const gatewayEntry = fileURLToPath(new URL('../gateway/src/index.ts', import.meta.url));
const webEntry = fileURLToPath(new URL('../web/src/index.ts', import.meta.url));
const webOperations = fileURLToPath(new URL('../web/persisted-operations.json', import.meta.url));
const logger = createLogger('supervisor');
const supervisor = new Supervisor({ log: (line) => logger.warn(line) });

async function stop(code = 0) {
  await supervisor.stop();
  process.exit(code);
}

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false; // not listening (yet)
  }
}

const node = (entry: string) => ({ command: process.execPath, args: ['--import', 'tsx', entry] });
const gatewayPort = Number(process.env.PORT ?? 4000);
const webPort = Number(process.env.WEB_PORT ?? 3000);
try {
  await Promise.all(
    SUBGRAPHS.map((s) =>
      supervisor.start({
        name: `the ${s.name} subgraph`,
        ...node(s.entry),
        ready: () => answers(`http://127.0.0.1:${subgraphPort(s)}/health`),
      }),
    ),
  );
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.filter((s) => process.env[`${s.name.toUpperCase()}_PORT`]).map((s) => [
      `SUBGRAPH_${s.name.toUpperCase()}_URL`,
      `http://127.0.0.1:${subgraphPort(s)}/graphql`,
    ]),
  );
  await supervisor.start({
    name: 'the gateway',
    ...node(gatewayEntry),
    // The web pages send their persisted operations by hash; GraphiQL and curl may still send any document.
    env: process.env.PERSISTED_OPERATIONS_FILE
      ? subgraphUrls
      : { ...subgraphUrls, PERSISTED_OPERATIONS_FILE: webOperations, PERSISTED_OPERATIONS_ONLY: 'false' },
    ready: () => answers(`http://127.0.0.1:${gatewayPort}/readiness`),
  });
  await supervisor.start({
    name: 'the web pages',
    ...node(webEntry),
    env: { GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/graphql`, WEB_PORT: String(webPort) },
    ready: () => answers(`http://127.0.0.1:${webPort}/health`),
  });
} catch (error) {
  if (!(error instanceof StartError)) throw error;
  console.error(`\nCommonroom did not start: ${error.message}. Stopping the other processes.`);
  await stop(1);
}

const personas: [string, string, string][] = [
  ['trust leader', describe(demoPrincipal('trust_leader', {})), '--role trust_leader [--trust ID]'],
  ['LA officer', describe(demoPrincipal('la_officer', {})), '--role la_officer [--la CODE]'],
  [
    'school staff',
    describe(demoPrincipal('school_staff', {})),
    '--role school_staff [--urn URN] [--staff ID]',
  ],
  ['carer', describe(demoPrincipal('carer', {})), '--role carer [--carer ID]'],
  ['pupil (Year 5+)', describe(demoPrincipal('pupil', {})), '--role pupil [--pupil ID]'],
  ['provider', describe(demoPrincipal('provider', {})), '--role provider [--provider ID]'],
  ['data protection officer', describe(demoPrincipal('dpo', {})), '--role dpo [--trust ID]'],
  ['governor', describe(demoPrincipal('governor', {})), '--role governor [--urn URN | --trust ID]'],
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
    case 'pupil':
      return principal.pupilId;
    case 'provider':
      return principal.providerId;
    case 'dpo':
      return principal.trustId ?? `LA ${principal.laCode}`;
    case 'governor':
      return principal.urn !== undefined ? String(principal.urn) : `trustee of ${principal.trustId}`;
  }
}
