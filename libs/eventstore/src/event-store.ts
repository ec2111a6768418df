// The event store port. Every adapter (embedded SQLite, PostgreSQL,
// EventStoreDB/KurrentDB, in-memory) implements exactly this and must pass
// the contract suite in `./testing/event-store-contract.ts`.

/** A JSON-serialisable event payload. */
export type EventData = unknown;

export interface EventMetadata {
  /** The id of the first message of the chain (e.g. the API request). */
  readonly correlationId?: string;
  /** The id of the message or event that caused this one. */
  readonly causationId?: string;
  /** W3C trace context, so a trace spans the apps that touched the event. */
  readonly traceparent?: string;
  readonly tracestate?: string;
}

export interface NewEvent {
  /** Unique id (uuid); adapters use it for idempotent appends where they can. */
  readonly eventId: string;
  readonly type: string;
  readonly data: EventData;
  readonly metadata?: EventMetadata;
}

export interface RecordedEvent {
  readonly eventId: string;
  readonly streamId: string;
  /** 0-based position of the event within its stream. */
  readonly revision: number;
  /** Position in the store-wide log: strictly increasing, may have gaps. */
  readonly position: number;
  readonly type: string;
  readonly data: EventData;
  readonly metadata: EventMetadata;
  /** When the store recorded it (ISO 8601). Domain time lives in `data`. */
  readonly recordedAt: string;
}

/**
 * What the writer believes about the stream before its append:
 * - `'no_stream'`: the stream must not exist yet;
 * - `'stream_exists'`: it must exist;
 * - `'any'`: no check (use sparingly: principle 2 wants expected revisions);
 * - a number: the revision of the stream's last event.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export interface AppendResult {
  /** Revision of the last event written. */
  readonly nextExpectedRevision: number;
  /** Global position of the last event written. */
  readonly position: number;
}

export interface ReadStreamOptions {
  /** First revision to read (inclusive); default 0. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events with a position strictly greater than this; default: from the start. */
  readonly after?: number;
  readonly maxCount?: number;
  /** Only streams whose id starts with one of these prefixes. */
  readonly streamPrefixes?: readonly string[];
}

export interface SubscribeToAllOptions {
  /** Checkpoint: deliver events with a position strictly greater than this. */
  readonly after?: number;
  readonly streamPrefixes?: readonly string[];
}

/** A live, catch-up subscription. The handler sees each event once, in order. */
export interface Subscription {
  /** Stops delivery; resolves when the handler is no longer running. */
  close(): Promise<void>;
  /** Resolves once the subscription has delivered every event that existed when it started. */
  readonly caughtUp: Promise<void>;
}

export type EventHandler = (event: RecordedEvent) => Promise<void> | void;

export interface EventStore {
  /** Appends atomically; throws `WrongExpectedRevisionError` when the expectation fails. */
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream in revision order; an empty list when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Revision of the stream's last event, or undefined when it does not exist. */
  streamRevision(streamId: string): Promise<number | undefined>;
  /** Events of all streams in position order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Catches up from the checkpoint, then follows new events. If the handler
   * throws, the subscription stops and `onError` is called: the caller
   * decides whether to restart from its last stored checkpoint.
   */
  subscribeToAll(
    options: SubscribeToAllOptions,
    handler: EventHandler,
    onError?: (error: unknown) => void,
  ): Subscription;
  close(): Promise<void>;
}

export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | undefined,
  ) {
    super(
      `Stream '${streamId}': expected revision ${String(expected)}, but it is ${actual === undefined ? 'absent' : String(actual)}`,
    );
  }
}

/**
 * An event id is already stored, and the append is not a retry of the append
 * that stored it (same ids, same stream, consecutive revisions, at a place the
 * expectation allows). A retry of such an append returns the original result.
 */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(`Stream '${streamId}': event id(s) already stored elsewhere: ${eventIds.join(', ')}`);
  }
}
