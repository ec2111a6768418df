// The durable embedded adapter: one SQLite file in WAL mode.
//
// Durability: `synchronous=NORMAL` with WAL survives a crash of the process
// (the commit is in the WAL file the moment `append` returns), but on power
// loss or an OS crash the last commits before the WAL was synced may be lost
// (never corrupted, never partially applied). Pass `synchronous: 'FULL'` to
// fsync every commit (about 25x slower on the measured VM).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
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
  assertExpectedRevision,
  resolveRetriedAppend,
  toJson,
  validateAppend,
  type StoredEventRef,
} from '../internal/append-rules.js';
import { startCatchUpSubscription, type Batch, type PollPolicy } from '../internal/catch-up-subscription.js';
import { Wakeup } from '../internal/wakeup.js';
import { migrate } from './schema.js';

export interface SqliteEventStoreOptions {
  /** File path; created with its schema when missing. `:memory:` works for throwaway stores. */
  readonly path: string;
  /** Default 'NORMAL' (see the durability note above). */
  readonly synchronous?: 'NORMAL' | 'FULL';
  /** Events per subscription read (the most a subscription holds in memory); default 100. */
  readonly subscriptionBatchSize?: number;
  /**
   * Set when another process may append to the same file: subscriptions then
   * also poll. Without it they are woken by this process's commits only.
   */
  readonly externalWriters?: PollPolicy;
  /** How long a write waits for another process's write lock; default 5000 ms. */
  readonly busyTimeoutMs?: number;
}

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, recorded_at';

export class SqliteEventStore implements EventStore {
  readonly #db: Db;
  readonly #options: SqliteEventStoreOptions;
  readonly #wakeup = new Wakeup();
  readonly #subscriptions = new Set<Subscription>();
  readonly #readAllStatements = new Map<number, Statement<unknown[], EventRow>>();
  readonly #statements;
  readonly #appendTransaction;
  #closed = false;

  private constructor(db: Db, options: SqliteEventStoreOptions) {
    this.#db = db;
    this.#options = options;
    this.#statements = {
      revision: db.prepare<[string], { revision: number | null }>(
        'SELECT max(revision) AS revision FROM events WHERE stream_id = ?',
      ),
      insert: db.prepare<[string, string, number, string, string, string, string]>(
        `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      readStream: db.prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      ),
      head: db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events'),
      findIds: db.prepare<[string], StoredEventRef>(
        `SELECT event_id AS eventId, stream_id AS streamId, revision, position
         FROM events WHERE event_id IN (SELECT value FROM json_each(?))`,
      ),
    };
    this.#appendTransaction = db.transaction(
      (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult => {
        const current = this.#statements.revision.get(streamId)?.revision ?? undefined;
        assertExpectedRevision(streamId, expected, current);
        const recordedAt = new Date().toISOString();
        let revision = current ?? -1;
        let position = 0;
        for (const event of events) {
          revision++;
          const result = this.#statements.insert.run(
            event.eventId,
            streamId,
            revision,
            event.type,
            toJson(streamId, event.data),
            toJson(streamId, event.metadata ?? {}),
            recordedAt,
          );
          position = Number(result.lastInsertRowid);
        }
        return { nextExpectedRevision: revision, position };
      },
    );
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    if (options.path !== ':memory:' && options.path !== '')
      mkdirSync(dirname(options.path), { recursive: true });
    const db = new Database(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
      migrate(db);
      return new SqliteEventStore(db, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /**
   * The connection, for writers that must commit together with the log's
   * readers' state (projections + `SqliteCheckpointStore`). Do not write to
   * `events` through it.
   */
  database(): Db {
    return this.#db;
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    this.#assertOpen();
    validateAppend(streamId, events, expected);
    try {
      // IMMEDIATE takes the write lock before the revision is read, so the
      // check holds against other processes too.
      const result = this.#appendTransaction.immediate(streamId, events, expected);
      this.#wakeup.notify();
      return result;
    } catch (error) {
      // The transaction rolled back. Either this is a retry of an append that
      // did commit (same event ids), or a genuine conflict.
      if (error instanceof WrongExpectedRevisionError || isUniqueEventIdViolation(error)) {
        const stored = this.#statements.findIds.all(JSON.stringify(events.map((event) => event.eventId)));
        const retried = resolveRetriedAppend(streamId, events, expected, stored);
        if (retried) return retried;
      }
      throw error;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen();
    return this.#statements.readStream
      .all(streamId, options.fromRevision ?? 0, options.maxCount ?? -1)
      .map(toRecordedEvent);
  }

  async streamRevision(streamId: string): Promise<number | undefined> {
    this.#assertOpen();
    return this.#statements.revision.get(streamId)?.revision ?? undefined;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen();
    return this.#readAfter(
      options.after ?? 0,
      Number.MAX_SAFE_INTEGER,
      options.maxCount ?? -1,
      options.streamPrefixes,
    );
  }

  subscribeToAll(
    options: SubscribeToAllOptions,
    handler: EventHandler,
    onError?: (error: unknown) => void,
  ): Subscription {
    this.#assertOpen();
    const subscription = startCatchUpSubscription(
      {
        readBatch: async (after, limit, prefixes) => this.#readBatch(after, limit, prefixes),
        wakeup: this.#wakeup,
        batchSize: this.#options.subscriptionBatchSize ?? 100,
        poll: this.#options.externalWriters,
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
    this.#db.close();
  }

  #readBatch(after: number, limit: number, prefixes: readonly string[] | undefined): Batch {
    if (this.#closed) return { events: [], scannedTo: after };
    // Read the head first: positions commit in order (one writer), so every
    // event up to it is visible, and a short batch has seen all of them.
    const head = this.#statements.head.get()?.head ?? 0;
    const events = this.#readAfter(after, head, limit, prefixes);
    return { events, scannedTo: events.length < limit ? head : after };
  }

  #readAfter(
    after: number,
    upTo: number,
    limit: number,
    prefixes: readonly string[] | undefined,
  ): RecordedEvent[] {
    const statement = this.#readAllStatement(prefixes?.length ?? 0);
    const globs = (prefixes ?? []).map((prefix) => `${escapeGlob(prefix)}*`);
    return statement.all(after, upTo, ...globs, limit).map(toRecordedEvent);
  }

  #readAllStatement(prefixCount: number): Statement<unknown[], EventRow> {
    let statement = this.#readAllStatements.get(prefixCount);
    if (!statement) {
      const filter =
        prefixCount === 0
          ? ''
          : `AND (${Array.from({ length: prefixCount }, () => 'stream_id GLOB ?').join(' OR ')})`;
      statement = this.#db.prepare<unknown[], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? ${filter} ORDER BY position LIMIT ?`,
      );
      this.#readAllStatements.set(prefixCount, statement);
    }
    return statement;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('SqliteEventStore is closed');
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
    recordedAt: row.recorded_at,
  };
}

/** GLOB is case-sensitive and exact; only its three wildcards need escaping. */
function escapeGlob(literal: string): string {
  return literal.replace(/[[*?]/g, (c) => `[${c}]`);
}

function isUniqueEventIdViolation(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes('events.event_id')
  );
}
