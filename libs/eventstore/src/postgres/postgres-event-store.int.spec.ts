import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event-store.js';
import { describeEventStoreContract, eventually, newEvents } from '../testing/event-store-contract.js';
import type { PostgresCheckpointStore as PostgresCheckpointStoreClass } from './postgres-checkpoint-store.js';
import type { PostgresEventStore as PostgresEventStoreClass } from './postgres-event-store.js';
import {
  createTestDatabase,
  loadPg,
  postgresSkipped,
  type TestPostgresDatabase,
} from '../testing/postgres.js';

// Loaded after `loadPg()` succeeded, so a broken `pg` load fails with its hint.
let PostgresEventStore: typeof PostgresEventStoreClass;
let PostgresCheckpointStore: typeof PostgresCheckpointStoreClass;

describe.skipIf(postgresSkipped())('PostgresEventStore', () => {
  let database: TestPostgresDatabase | undefined;
  const newSchema = () => `t_${randomBytes(5).toString('hex')}`;
  const connectionString = () => {
    if (!database) throw new Error('test database was not created (see the beforeAll error)');
    return database.connectionString;
  };

  beforeAll(async () => {
    await loadPg();
    ({ PostgresEventStore } = await import('./postgres-event-store.js'));
    ({ PostgresCheckpointStore } = await import('./postgres-checkpoint-store.js'));
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  describeEventStoreContract('PostgresEventStore', async () => {
    const store = await PostgresEventStore.open({
      connectionString: connectionString(),
      schema: newSchema(),
      subscriptionBatchSize: 7,
    });
    return { store, cleanup: () => store.close() };
  });

  describe('PostgreSQL specifics', () => {
    it('a subscriber misses no position while many writers commit concurrently', async () => {
      const schema = newSchema();
      const stores = await Promise.all(
        Array.from({ length: 4 }, () =>
          PostgresEventStore.open({ connectionString: connectionString(), schema }),
        ),
      );
      const reader = stores[0]!;
      const seen: RecordedEvent[] = [];
      const subscription = reader.subscribeToAll({}, (event) => {
        seen.push(event);
      });
      await Promise.all(
        stores.map(async (store, w) => {
          await Promise.all(
            Array.from({ length: 5 }, async (_, lane) => {
              for (let i = 0; i < 20; i++) await store.append(`w${w}-${lane}`, newEvents(1 + (i % 3)), 'any');
            }),
          );
        }),
      );
      const all = await reader.readAll();
      await eventually(() => seen.length >= all.length);
      expect(seen.map((e) => e.position)).toEqual(all.map((e) => e.position));
      await subscription.close();
      await Promise.all(stores.map((store) => store.close()));
    }, 60_000);

    it('NOTIFY wakes a subscriber in another process without waiting for the poll', async () => {
      const schema = newSchema();
      const writer = await PostgresEventStore.open({ connectionString: connectionString(), schema });
      const reader = await PostgresEventStore.open({
        connectionString: connectionString(),
        schema,
        poll: { minMs: 60_000, maxMs: 60_000 },
      });
      const seen: RecordedEvent[] = [];
      const subscription = reader.subscribeToAll({}, (event) => {
        seen.push(event);
      });
      await subscription.caughtUp;
      await new Promise((resolve) => setTimeout(resolve, 200)); // LISTEN is set up
      await writer.append('a', newEvents(2), 'no_stream');
      await eventually(() => seen.length === 2, 3_000);
      await subscription.close();
      await reader.close();
      await writer.close();
    });

    it('stores checkpoints next to the events, and reopening keeps everything', async () => {
      const schema = newSchema();
      const first = await PostgresEventStore.open({ connectionString: connectionString(), schema });
      await first.append('a', newEvents(2), 'no_stream');
      const checkpoints = new PostgresCheckpointStore(first.pool(), schema);
      expect(await checkpoints.load('p')).toBeUndefined();
      await checkpoints.store('p', 1);
      await checkpoints.store('p', 2);
      await first.close();
      const second = await PostgresEventStore.open({ connectionString: connectionString(), schema });
      expect(await new PostgresCheckpointStore(second.pool(), schema).load('p')).toBe(2);
      expect(await second.streamRevision('a')).toBe(1);
      await second.close();
    });
  });
});
