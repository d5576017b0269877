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
  build(db, logger) {
    // Carers named by CTFs go to the parents subgraph from the outbox the import writes (ctf/delivery.ts).
    const worker = startHandoffWorker(db, applyInParents(handoffs.parentsUrl, auth.gatewaySigningSecret), {
      intervalMs: handoffs.intervalMs,
      onError: (err) => logger.error({ err }, 'carer handoffs not delivered to parents; they stay pending'),
    });
    return progressSubgraph(db, progressEnv(), worker);
  },
  seed: seedIfEmpty,
});
