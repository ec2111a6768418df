// Page-by-page reads on top of any EventStore, for streams or logs too long
// to hold in memory at once: `for await (const event of iterateStream(store, id))`.
import type { EventStore, RecordedEvent } from './event-store.js';

export interface IterateStreamOptions {
  readonly fromRevision?: number;
  /** Events per read; default 500. */
  readonly pageSize?: number;
}

export async function* iterateStream(
  store: EventStore,
  streamId: string,
  options: IterateStreamOptions = {},
): AsyncGenerator<RecordedEvent> {
  const pageSize = options.pageSize ?? 500;
  let fromRevision = options.fromRevision ?? 0;
  for (;;) {
    const page = await store.readStream(streamId, { fromRevision, maxCount: pageSize });
    yield* page;
    if (page.length < pageSize) return;
    fromRevision = page[page.length - 1]!.revision + 1;
  }
}

export interface IterateAllOptions {
  readonly after?: number;
  readonly streamPrefixes?: readonly string[];
  /** Events per read; default 500. */
  readonly pageSize?: number;
}

/** The log as it is now, in position order; unlike `subscribeToAll` it ends at the current head. */
export async function* iterateAll(
  store: EventStore,
  options: IterateAllOptions = {},
): AsyncGenerator<RecordedEvent> {
  const pageSize = options.pageSize ?? 500;
  let after = options.after ?? 0;
  for (;;) {
    const page = await store.readAll({
      after,
      maxCount: pageSize,
      ...(options.streamPrefixes ? { streamPrefixes: options.streamPrefixes } : {}),
    });
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.position;
  }
}
