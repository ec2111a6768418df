import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@sirocco/eventstore';
import { describeReadModelStoreContract } from '../testing/read-model-store-contract.js';
import { createSqliteReadModels } from './create-sqlite-read-models.js';

// Read models in the event store's own file and connection, as in embedded mode.
describeReadModelStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sirocco-rm-'));
  const store = SqliteEventStore.open({ path: join(dir, 'events.db') });
  return {
    store,
    readModels: createSqliteReadModels(store.database()),
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
