import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '../testing/event-store-contract.js';
import { SqliteEventStore } from './sqlite-event-store.js';

describeEventStoreContract('SqliteEventStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sirocco-es-'));
  const store = SqliteEventStore.open({ path: join(dir, 'events.db'), subscriptionBatchSize: 7 });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
