// Every execution in the store, found from the event log itself (not the
// read models: an execution the projections missed is still replayed).
import type { EventStore } from '@sirocco/eventstore';
import { EXECUTION_STREAM_PREFIX } from '@sirocco/workflow';

const PAGE = 10_000;

export async function allExecutionIds(store: Pick<EventStore, 'readAll'>): Promise<string[]> {
  const ids = new Set<string>();
  let after: number | undefined;
  for (;;) {
    const page = await store.readAll({
      ...(after !== undefined ? { after } : {}),
      maxCount: PAGE,
      streamPrefixes: [EXECUTION_STREAM_PREFIX],
    });
    for (const e of page) ids.add(e.streamId.slice(EXECUTION_STREAM_PREFIX.length));
    if (page.length < PAGE) return [...ids];
    after = page[page.length - 1]!.position;
  }
}
