import { authSettings } from '@commonroom/auth';
import { runSubgraph } from '@commonroom/subgraph-kit';
import { handoffEnv, progressEnv } from './env.ts';
import {
  applyInParents,
  MIGRATIONS_DIR,
  progressSubgraph,
  seedIfEmpty,
  startHandoffWorker,
} from './server.ts';

const handoffs = handoffEnv();
const auth = authSettings();

await runSubgraph({
  name: 'progress',
  defaultPort: 4002,
  migrationsDir: MIGRATIONS_DIR,
  build(db) {
    // Carers named by CTFs go to the parents subgraph from the outbox the import writes (ctf/delivery.ts).
    const worker = startHandoffWorker(db, applyInParents(handoffs.parentsUrl, auth.gatewaySigningSecret), {
      intervalMs: handoffs.intervalMs,
      onError: (error) =>
        console.error(
          JSON.stringify({
            level: 'error',
            subgraph: 'progress',
            msg: 'carer handoffs',
            error: String(error),
          }),
        ),
    });
    return progressSubgraph(db, progressEnv(), worker);
  },
  seed: seedIfEmpty,
});
