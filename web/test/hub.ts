import { parentsUnderTest } from '@commonroom/parents/testing';
import { practiceUnderTest } from '@commonroom/practice/testing';
import { progressUnderTest } from '@commonroom/progress/testing';
import { schoolsUnderTest } from '@commonroom/schools/testing';
import { startTestHub, type TestHub } from '@commonroom/test-kit';
import { PERSISTED_OPERATIONS_FILE } from '../src/operations.ts';

/**
 * The hub the browser tests run on: the four subgraphs on fresh databases seeded with the demo data of
 * Rutland (LA 857) whole and the first demo trust (TR0962, whose schools are in Leicestershire too), behind
 * the real gateway, all over HTTP (packages/test-kit). The gateway knows the web's persisted operations and
 * still runs any other document, as under `npm start`: the tests ask it directly to compare pages with the API.
 */
export function startWebTestHub(): Promise<TestHub> {
  return startTestHub(
    [
      schoolsUnderTest,
      progressUnderTest({ laCodes: ['857'], trustIds: ['TR0962'] }),
      parentsUnderTest,
      practiceUnderTest,
    ],
    { persistedOperationsFile: PERSISTED_OPERATIONS_FILE, persistedOperationsOnly: false },
  );
}

// `node --import tsx web/test/hub.ts`: start that hub and keep it running, for running the browser tests
// again and again against it (`WEB_TEST_GATEWAY_URL=… npx vitest run web/test`).
if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const hub = await startWebTestHub();
  console.log(
    `WEB_TEST_GATEWAY_URL=${hub.gateway.url} (started in ${Math.round((Date.now() - started) / 1000)} s)`,
  );
  process.once('SIGINT', () => void hub.close().then(() => process.exit(0)));
  process.once('SIGTERM', () => void hub.close().then(() => process.exit(0)));
}
