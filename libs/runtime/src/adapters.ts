// Adapter selection: the event store named by SIROCCO_EVENT_STORE, the NATS
// bus, the PostgreSQL pool for read models. KurrentDB is loaded only when
// selected, so deployments on PostgreSQL never need its client installed.
import type { EventStore } from '@sirocco/eventstore';
import { PostgresEventStore } from '@sirocco/eventstore/postgres';
import type { MessageBus } from '@sirocco/messaging';
import { NatsMessageBus } from '@sirocco/messaging/nats';
import pg from 'pg';
import type { EventStoreConfig } from './config.js';

// A variable, so TypeScript does not need the optional package to compile.
const KURRENTDB_MODULE = '@sirocco/eventstore-kurrentdb';

export const openEventStore = async (config: EventStoreConfig): Promise<EventStore> => {
  if (config.kind === 'postgres') {
    return PostgresEventStore.open({ connectionString: config.url, schema: config.schema });
  }
  let mod: { KurrentDbEventStore: { connect(o: { connectionString: string }): Promise<EventStore> } };
  try {
    mod = (await import(KURRENTDB_MODULE)) as typeof mod;
  } catch (e) {
    throw new Error(
      `SIROCCO_EVENT_STORE=kurrentdb needs ${KURRENTDB_MODULE} and @kurrent/kurrentdb-client (run npm install): ${String(e)}`,
      { cause: e },
    );
  }
  return mod.KurrentDbEventStore.connect({ connectionString: config.url });
};

export const connectBus = (natsUrl: string, name: string): Promise<MessageBus> =>
  NatsMessageBus.connect({ servers: natsUrl.split(',').map((s) => s.trim()), name });

export const openPool = (connectionString: string, max = 10): pg.Pool => {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  return pool;
};
