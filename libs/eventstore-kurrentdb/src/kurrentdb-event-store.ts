// The EventStore port on KurrentDB (EventStoreDB) with @kurrent/kurrentdb-client
// 1.3.1, server >= 22.6 (event positions in reads; see mapping.ts), tested
// against 24.10/25.0 images when a container runtime is available.
//
// What KurrentDB gives natively: atomic appends per stream with an expected
// state (NO_STREAM, STREAM_EXISTS, ANY or a revision), idempotent retries of
// the same event ids at the same place, $all reads and catch-up
// subscriptions with a server-side stream-name prefix filter.
// What it does not: rejecting an event id reused in another stream (ids are
// unique per stream write only), so DuplicateEventIdError is raised for ids
// repeated within one append but not across streams (see README.md).
import {
  ANY,
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  streamNameFilter,
  type AppendStreamState,
} from '@kurrent/kurrentdb-client';
import {
  DuplicateEventIdError,
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
} from '@sirocco/eventstore';
import { fromNumber, toJsonEvent, toNumber, toRecorded, type KurrentRecorded } from './mapping.js';
import { followAll } from './subscription.js';

export interface KurrentDbEventStoreOptions {
  /** e.g. `kurrentdb://127.0.0.1:2113?tls=false` (also `esdb://`, `+discover`). */
  readonly connectionString: string;
  /**
   * Prefix of every stream this store writes and reads (default none), so
   * several stores (tests, tenants) can share one server without seeing
   * each other's events.
   */
  readonly namespace?: string;
}

const streamState = (expected: ExpectedRevision): AppendStreamState =>
  expected === 'no_stream'
    ? NO_STREAM
    : expected === 'stream_exists'
      ? STREAM_EXISTS
      : expected === 'any'
        ? ANY
        : BigInt(expected);

/** Only user streams (ours never start with `$`, the server's system streams do), in the namespace. */
export const filterFor = (namespace: string, prefixes: readonly string[] | undefined) =>
  prefixes && prefixes.length > 0
    ? streamNameFilter({ prefixes: prefixes.map((p) => namespace + p) })
    : namespace
      ? streamNameFilter({ prefixes: [namespace] })
      : streamNameFilter({ regex: '^[^$]' });

export class KurrentDbEventStore implements EventStore {
  readonly #subscriptions = new Set<Subscription>();

  private constructor(
    private readonly client: KurrentDBClient,
    readonly namespace: string,
  ) {}

  #name(streamId: string): string {
    return this.namespace + streamId;
  }

  /** A recorded event with the namespace taken off its stream id. */
  recorded(event: KurrentRecorded): RecordedEvent {
    const e = toRecorded(event);
    return this.namespace ? { ...e, streamId: e.streamId.slice(this.namespace.length) } : e;
  }

  filter(prefixes: readonly string[] | undefined) {
    return filterFor(this.namespace, prefixes);
  }

  static async connect(options: KurrentDbEventStoreOptions): Promise<KurrentDbEventStore> {
    const client = KurrentDBClient.connectionString(options.connectionString);
    // Fail at start, not at the first append, when the server is unreachable.
    await client.readAll({ maxCount: 1, fromPosition: END, direction: BACKWARDS }).next();
    return new KurrentDbEventStore(client, options.namespace ?? '');
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new TypeError(`Append to '${streamId}' with no events`);
    const ids = events.map((e) => e.eventId);
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (repeated.length > 0) throw new DuplicateEventIdError(streamId, repeated);
    const data = events.map((e) => jsonEvent(toJsonEvent(e)));
    try {
      const result = await this.client.appendToStream(this.#name(streamId), data, {
        streamState: streamState(expected),
      });
      return {
        nextExpectedRevision: Number(result.nextExpectedRevision),
        position: toNumber(result.position),
      };
    } catch (e) {
      if (e instanceof WrongExpectedVersionError) {
        const actual = typeof e.actualState === 'bigint' ? Number(e.actualState) : undefined;
        throw new WrongExpectedRevisionError(streamId, expected, actual);
      }
      throw e;
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      const events = this.client.readStream(this.#name(streamId), {
        direction: FORWARDS,
        fromRevision: options.fromRevision ? BigInt(options.fromRevision) : START,
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      });
      for await (const resolved of events)
        if (resolved.event) out.push(this.recorded(resolved.event as KurrentRecorded));
    } catch (e) {
      if (e instanceof StreamNotFoundError) return [];
      throw e;
    }
    return out;
  }

  async streamRevision(streamId: string): Promise<number | undefined> {
    try {
      for await (const resolved of this.client.readStream(this.#name(streamId), {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        if (resolved.event) return Number(resolved.event.revision);
      }
    } catch (e) {
      if (e instanceof StreamNotFoundError) return undefined;
      throw e;
    }
    return undefined;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    const after = options.after;
    // fromPosition is inclusive for reads: one more, and skip the checkpoint itself.
    const events = this.client.readAll({
      direction: FORWARDS,
      fromPosition: after === undefined ? START : fromNumber(after),
      filter: this.filter(options.streamPrefixes),
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount + 1 }),
    });
    for await (const resolved of events) {
      if (!resolved.event) continue;
      const event = this.recorded(resolved.event as KurrentRecorded);
      if (after !== undefined && event.position <= after) continue;
      out.push(event);
      if (options.maxCount !== undefined && out.length >= options.maxCount) break;
    }
    return out;
  }

  subscribeToAll(
    options: SubscribeToAllOptions,
    handler: EventHandler,
    onError?: (error: unknown) => void,
  ): Subscription {
    const subscription = followAll(this, this.client, options, handler, onError, () =>
      this.#subscriptions.delete(subscription),
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  /** Position of the last user event (matching the prefixes), for `caughtUp`. */
  async headPosition(prefixes: readonly string[] | undefined): Promise<number | undefined> {
    for await (const resolved of this.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      maxCount: 1,
      filter: this.filter(prefixes),
    })) {
      if (resolved.event) return toNumber(resolved.event.position);
    }
    return undefined;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }
}
