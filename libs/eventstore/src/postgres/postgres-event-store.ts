// The server-mode adapter on PostgreSQL.
//
// Gap-free positions: a bigserial is allocated at insert time but becomes
// visible at commit, so with concurrent writers position 11 can be visible
// before 10 commits, and a subscriber that moved past 11 would skip 10 for
// good. Appends therefore take a transaction-level advisory lock (per store
// schema) before allocating positions: appends commit one after another, in
// position order, and the lock is released only after the commit is visible.
// The price is that appends are serialised store-wide (one commit at a time),
// so an append is a single call of the `append_events` function (schema.ts):
// one round trip, and the lock is held only for the insert and the commit.
// Reading `max(position)` first and then only rows up to it is then always a
// complete prefix of the log.
import pg from 'pg';
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventHandler,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type Subscription,
} from '../event-store.js';
import {
  resolveRetriedAppend,
  toJson,
  validateAppend,
  type StoredEventRef,
} from '../internal/append-rules.js';
import { startCatchUpSubscription, type Batch, type PollPolicy } from '../internal/catch-up-subscription.js';
import { Wakeup } from '../internal/wakeup.js';
import { NotificationListener } from './notification-listener.js';
import { migrate, tables } from './schema.js';

export interface PostgresEventStoreOptions {
  readonly connectionString: string;
  /** PostgreSQL schema holding the tables; created when missing. Default 'sirocco'. */
  readonly schema?: string;
  /** Pool size for appends and reads; default 10. */
  readonly maxConnections?: number;
  /** Events per subscription read; default 100. */
  readonly subscriptionBatchSize?: number;
  /**
   * Fallback polling for subscriptions, in case a NOTIFY is missed (listener
   * reconnecting). Default 500 ms doubling to 5 s while idle.
   */
  readonly poll?: PollPolicy;
}

interface EventRow {
  position: string;
  event_id: string;
  stream_id: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';

export class PostgresEventStore implements EventStore {
  readonly #pool: pg.Pool;
  readonly #options: PostgresEventStoreOptions;
  readonly #t: ReturnType<typeof tables>;
  readonly #appendLockKey: number;
  readonly #channel: string;
  readonly #wakeup = new Wakeup();
  readonly #listener: NotificationListener;
  readonly #subscriptions = new Set<Subscription>();
  #closed = false;

  private constructor(pool: pg.Pool, options: PostgresEventStoreOptions, schema: string) {
    this.#pool = pool;
    this.#options = options;
    this.#t = tables(schema);
    this.#appendLockKey = lockKey(`sirocco.append:${schema}`);
    this.#channel = `sirocco_events_${schema}`;
    this.#listener = new NotificationListener(options.connectionString, this.#channel, this.#wakeup);
  }

  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'sirocco';
    if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema)) throw new Error(`invalid schema name '${schema}'`);
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
    });
    // An idle client that loses its connection must not crash the process.
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      try {
        await migrate(client, schema, lockKey(`sirocco.migrate:${schema}`));
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresEventStore(pool, options, schema);
  }

  /** The pool, for read models that live in the same database. */
  pool(): pg.Pool {
    return this.#pool;
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    this.#assertOpen();
    validateAppend(streamId, events, expected);
    const data = events.map((event) => toJson(streamId, event.data));
    const metadata = events.map((event) => toJson(streamId, event.metadata ?? {}));
    try {
      const { rows } = await this.#pool.query<{ next_revision: string; last_position: string }>(
        `SELECT next_revision, last_position FROM ${this.#t.appendEvents}($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          this.#appendLockKey,
          this.#channel,
          streamId,
          String(expected),
          events.map((event) => event.eventId),
          events.map((event) => event.type),
          data,
          metadata,
        ],
      );
      const row = rows[0]!;
      this.#wakeup.notify();
      return { nextExpectedRevision: Number(row.next_revision), position: Number(row.last_position) };
    } catch (caught) {
      const error = asWrongExpectedRevision(caught, streamId, expected) ?? caught;
      if (error instanceof WrongExpectedRevisionError || isUniqueEventIdViolation(error)) {
        const retried = resolveRetriedAppend(streamId, events, expected, await this.#findEventIds(events));
        if (retried) return retried;
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen();
    const { rows } = await this.#pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.#t.events}
       WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      [streamId, options.fromRevision ?? 0, options.maxCount ?? null],
    );
    return rows.map(toRecordedEvent);
  }

  async streamRevision(streamId: string): Promise<number | undefined> {
    this.#assertOpen();
    return this.#revision(this.#pool, streamId);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen();
    return this.#readAfter(options.after ?? 0, null, options.maxCount ?? null, options.streamPrefixes);
  }

  subscribeToAll(
    options: SubscribeToAllOptions,
    handler: EventHandler,
    onError?: (error: unknown) => void,
  ): Subscription {
    this.#assertOpen();
    void this.#listener.start();
    const subscription = startCatchUpSubscription(
      {
        readBatch: (after, limit, prefixes) => this.#readBatch(after, limit, prefixes),
        wakeup: this.#wakeup,
        batchSize: this.#options.subscriptionBatchSize ?? 100,
        poll: this.#options.poll ?? { minMs: 500, maxMs: 5_000 },
      },
      options,
      handler,
      onError,
      (stopped) => this.#subscriptions.delete(stopped),
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()));
    await this.#listener.close();
    await this.#pool.end();
  }

  async #readBatch(after: number, limit: number, prefixes: readonly string[] | undefined): Promise<Batch> {
    if (this.#closed) return { events: [], scannedTo: after };
    // Every position up to the head is committed (see the note at the top).
    const { rows } = await this.#pool.query<{ head: string | null }>(
      `SELECT max(position) AS head FROM ${this.#t.events}`,
    );
    const head = Number(rows[0]?.head ?? 0);
    const events = await this.#readAfter(after, head, limit, prefixes);
    return { events, scannedTo: events.length < limit ? head : after };
  }

  async #readAfter(
    after: number,
    upTo: number | null,
    limit: number | null,
    prefixes: readonly string[] | undefined,
  ): Promise<RecordedEvent[]> {
    const { rows } = await this.#pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM ${this.#t.events}
       WHERE position > $1 AND ($2::bigint IS NULL OR position <= $2)
         AND ($3::text[] IS NULL OR EXISTS (SELECT 1 FROM unnest($3::text[]) AS p WHERE starts_with(stream_id, p)))
       ORDER BY position LIMIT $4`,
      [after, upTo, prefixes ?? null, limit],
    );
    return rows.map(toRecordedEvent);
  }

  async #revision(client: pg.Pool, streamId: string): Promise<number | undefined> {
    const { rows } = await client.query<{ revision: string | null }>(
      `SELECT max(revision) AS revision FROM ${this.#t.events} WHERE stream_id = $1`,
      [streamId],
    );
    const revision = rows[0]?.revision;
    return revision === null || revision === undefined ? undefined : Number(revision);
  }

  async #findEventIds(events: readonly NewEvent[]): Promise<StoredEventRef[]> {
    const { rows } = await this.#pool.query<{
      event_id: string;
      stream_id: string;
      revision: string;
      position: string;
    }>(
      `SELECT event_id, stream_id, revision, position FROM ${this.#t.events} WHERE event_id = ANY($1::text[])`,
      [events.map((event) => event.eventId)],
    );
    return rows.map((row) => ({
      eventId: row.event_id,
      streamId: row.stream_id,
      revision: Number(row.revision),
      position: Number(row.position),
    }));
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('PostgresEventStore is closed');
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: Number(row.position),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at.toISOString(),
  };
}

/** append_events raises SQLSTATE SR001 with the current revision ('' when absent) as detail. */
function asWrongExpectedRevision(
  error: unknown,
  streamId: string,
  expected: ExpectedRevision,
): WrongExpectedRevisionError | undefined {
  const e = error as { code?: string; detail?: string };
  if (e.code !== 'SR001') return undefined;
  return new WrongExpectedRevisionError(streamId, expected, e.detail ? Number(e.detail) : undefined);
}

function isUniqueEventIdViolation(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'events_event_id_key';
}

/** A stable 32-bit key for pg_advisory_xact_lock (FNV-1a). */
function lockKey(name: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
