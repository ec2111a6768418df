import { describe, expect, it } from 'vitest';
import { InMemoryEventStore } from './in-memory/in-memory-event-store.js';
import { iterateAll, iterateStream } from './paging.js';
import { newEvents } from './testing/event-store-contract.js';

describe('paging', () => {
  it('iterates a stream and the log page by page', async () => {
    const store = new InMemoryEventStore();
    await store.append('a', newEvents(25), 'no_stream');
    await store.append('b', newEvents(5), 'no_stream');
    const revisions: number[] = [];
    for await (const event of iterateStream(store, 'a', { pageSize: 10, fromRevision: 3 }))
      revisions.push(event.revision);
    expect(revisions).toEqual(Array.from({ length: 22 }, (_, i) => i + 3));

    const all = [];
    for await (const event of iterateAll(store, { pageSize: 7 })) all.push(event);
    expect(all.map((e) => e.eventId)).toEqual((await store.readAll()).map((e) => e.eventId));

    const onlyB = [];
    for await (const event of iterateAll(store, { pageSize: 2, streamPrefixes: ['b'] })) onlyB.push(event);
    expect(onlyB.length).toBe(5);
    await store.close();
  });
});
