// Rules every adapter applies the same way: argument checks, the
// expected-revision check, and how a retried append is recognised.
import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
} from '../event-store.js';

export function validateAppend(
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): void {
  if (streamId.length === 0) throw new TypeError('streamId must not be empty');
  if (events.length === 0) throw new TypeError(`Stream '${streamId}': append needs at least one event`);
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new TypeError(`Stream '${streamId}': expected revision must be an integer >= 0, got ${expected}`);
  }
  const ids = new Set<string>();
  for (const event of events) {
    if (!event.eventId) throw new TypeError(`Stream '${streamId}': every event needs an eventId`);
    if (!event.type) throw new TypeError(`Stream '${streamId}': every event needs a type`);
    if (ids.has(event.eventId)) throw new DuplicateEventIdError(streamId, [event.eventId]);
    ids.add(event.eventId);
  }
}

export function expectationHolds(expected: ExpectedRevision, current: number | undefined): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === undefined;
    case 'stream_exists':
      return current !== undefined;
    default:
      return current === expected;
  }
}

export function assertExpectedRevision(
  streamId: string,
  expected: ExpectedRevision,
  current: number | undefined,
): void {
  if (!expectationHolds(expected, current)) throw new WrongExpectedRevisionError(streamId, expected, current);
}

/** Where an already stored event id sits. */
export interface StoredEventRef {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
}

/**
 * Idempotent appends. After an unknown outcome (timeout, lost connection) a
 * writer retries the same append with the same event ids. It is a retry when
 * every id is stored, in this stream, at consecutive revisions in the given
 * order, starting where `expected` allowed the original append to start. Then
 * the original result is returned and nothing is written. Any other reuse of a
 * stored id is a `DuplicateEventIdError`.
 *
 * Returns undefined when none of the ids is stored.
 */
export function resolveRetriedAppend(
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  stored: readonly StoredEventRef[],
): AppendResult | undefined {
  if (stored.length === 0) return undefined;
  const byId = new Map(stored.map((ref) => [ref.eventId, ref]));
  const refs = events.map((event) => byId.get(event.eventId));
  const first = refs[0];
  const isRetry =
    first !== undefined &&
    refs.every(
      (ref, i) => ref !== undefined && ref.streamId === streamId && ref.revision === first.revision + i,
    ) &&
    startAllowed(expected, first.revision);
  const last = refs[refs.length - 1];
  if (!isRetry || last === undefined) {
    throw new DuplicateEventIdError(
      streamId,
      stored.map((ref) => ref.eventId),
    );
  }
  return { nextExpectedRevision: last.revision, position: last.position };
}

function startAllowed(expected: ExpectedRevision, firstRevision: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return firstRevision === 0;
    case 'stream_exists':
      return firstRevision > 0;
    default:
      return firstRevision === expected + 1;
  }
}

/** Events are stored as JSON text: reject what would not survive the round trip. */
export function toJson(streamId: string, value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`Stream '${streamId}': event data must be JSON-serialisable`);
  return json;
}
