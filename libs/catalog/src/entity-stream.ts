// Reading and writing the small "one entity per stream" streams of the
// catalog (ad-hoc actions, workbooks, environments): the current state is the
// data of the last save, unless a deletion came after it.
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
} from '@sirocco/eventstore';
import type { SiroccoError } from '@sirocco/workflow';

export interface EntityStreamState<T> {
  /** The live entity, or undefined when the stream is absent or ends with a deletion. */
  readonly current: T | undefined;
  /** Revision of the last event, undefined when the stream does not exist. */
  readonly revision: number | undefined;
}

export async function readEntityStream<T>(
  store: EventStore,
  streamId: string,
  deletedType: string,
): Promise<EntityStreamState<T>> {
  const events = await store.readStream(streamId);
  let current: T | undefined;
  for (const e of events) current = e.type === deletedType ? undefined : (e.data as T);
  return { current, revision: events[events.length - 1]?.revision };
}

/** What to expect before creating: a deleted entity's stream lives on and is continued. */
export const expectedForCreate = (state: EntityStreamState<unknown>): ExpectedRevision =>
  state.revision === undefined ? 'no_stream' : state.revision;

/**
 * Appends one event; a lost race (another writer appended first) becomes
 * the error `onConflict` builds, so callers answer in Mistral's words.
 */
export async function appendOne(
  store: EventStore,
  streamId: string,
  event: { readonly eventId: string; readonly type: string; readonly data: unknown },
  expected: ExpectedRevision,
  onConflict: () => SiroccoError,
): Promise<AppendResult> {
  try {
    return await store.append(streamId, [event], expected);
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) throw onConflict();
    throw error;
  }
}
