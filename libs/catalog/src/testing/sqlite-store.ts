// A real SQLite event store in a temporary directory, for integration tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@sirocco/eventstore';

export function openTemporarySqliteStore(): { store: SqliteEventStore; dispose(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'sirocco-catalog-'));
  const store = SqliteEventStore.open({ path: join(dir, 'events.db') });
  return {
    store,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
