// The event store for unit tests of other libraries: same semantics as the
// durable adapters (it passes the same contract suite), nothing survives the
// process. Data goes through JSON like in a real store, so a test cannot rely
// on object identity or on values JSON drops.
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
import { expectationHolds, resolveRetriedAppend, toJson, validateAppend } from '../internal/append-rules.js';
import { startCatchUpSubscription, type Batch } from '../internal/catch-up-subscription.js';
import { matchesPrefixes } from '../internal/stream-prefix.js';
import { Wakeup } from '../internal/wakeup.js';

export interface InMemoryEventStoreOptions {
  /** Events per subscription read; small values exercise batching in tests. */
  readonly subscriptionBatchSize?: number;
}

export class InMemoryEventStore implements EventStore {
  /** Position p is at index p - 1. */
  readonly #log: RecordedEvent[] = [];
  readonly #streams = new Map<string, RecordedEvent[]>();
  readonly #byEventId = new Map<string, RecordedEvent>();
  readonly #wakeup = new Wakeup();
  readonly #subscriptions = new Set<Subscription>();
  readonly #batchSize: number;
  #closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.#batchSize = options.subscriptionBatchSize ?? 100;
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    this.#assertOpen();
    validateAppend(streamId, events, expected);
    const stream = this.#streams.get(streamId) ?? [];
    const current = stream.length === 0 ? undefined : stream.length - 1;
    const stored = events.flatMap((event) => this.#byEventId.get(event.eventId) ?? []);
    const retried = resolveRetriedAppend(streamId, events, expected, stored);
    if (retried) return retried;
    if (!expectationHolds(expected, current))
      throw new WrongExpectedRevisionError(streamId, expected, current);

    // Serialise everything before touching state, so a bad payload writes nothing.
    const recordedAt = new Date().toISOString();
    const rows = events.map((event, i) => ({
      eventId: event.eventId,
      streamId,
      revision: (current ?? -1) + 1 + i,
      position: this.#log.length + 1 + i,
      type: event.type,
      data: JSON.parse(toJson(streamId, event.data)) as unknown,
      metadata: JSON.parse(toJson(streamId, event.metadata ?? {})) as RecordedEvent['metadata'],
      recordedAt,
    }));
    for (const row of rows) {
      this.#log.push(row);
      stream.push(row);
      this.#byEventId.set(row.eventId, row);
    }
    this.#streams.set(streamId, stream);
    this.#wakeup.notify();
    const last = rows[rows.length - 1]!;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen();
    const stream = this.#streams.get(streamId) ?? [];
    const from = options.fromRevision ?? 0;
    return stream.slice(from, options.maxCount === undefined ? undefined : from + options.maxCount).map(copy);
  }

  async streamRevision(streamId: string): Promise<number | undefined> {
    this.#assertOpen();
    const length = this.#streams.get(streamId)?.length ?? 0;
    return length === 0 ? undefined : length - 1;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.#assertOpen();
    return this.#scan(options.after ?? 0, options.maxCount ?? Infinity, options.streamPrefixes).events.map(
      copy,
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
        readBatch: async (after, limit, prefixes) => {
          const batch = this.#scan(after, limit, prefixes);
          return { events: batch.events.map(copy), scannedTo: batch.scannedTo };
        },
        wakeup: this.#wakeup,
        batchSize: this.#batchSize,
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
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()));
  }

  #scan(after: number, limit: number, prefixes: readonly string[] | undefined): Batch {
    const events: RecordedEvent[] = [];
    const head = this.#log.length;
    let position = after;
    while (position < head && events.length < limit) {
      const event = this.#log[position]!; // index `position` holds position + 1
      position++;
      if (matchesPrefixes(event.streamId, prefixes)) events.push(event);
    }
    return { events, scannedTo: position };
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('InMemoryEventStore is closed');
  }
}

/** Callers may mutate what they read; the log must stay as written. */
function copy(event: RecordedEvent): RecordedEvent {
  return structuredClone(event);
}
