// `npm run persist -w @commonroom/web`: writes persisted-operations.json from the pages' operations.
import { writeFile } from 'node:fs/promises';
import { PERSISTED_OPERATIONS_FILE, persistedOperations } from '../src/operations.ts';
import { PAGE_MODULES } from '../src/pages/index.ts';

const operations = persistedOperations(PAGE_MODULES);
await writeFile(PERSISTED_OPERATIONS_FILE, `${JSON.stringify(operations, null, 2)}\n`);
console.log(`${Object.keys(operations).length} operations → ${PERSISTED_OPERATIONS_FILE}`);
