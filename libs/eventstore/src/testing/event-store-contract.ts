// The behaviour every EventStore adapter must show. An adapter's spec calls
// `describeEventStoreContract` with a factory that returns a fresh, empty store.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type Subscription,
} from '../event-store.js';

export interface EventStoreFixture {
  readonly store: EventStore;
  cleanup(): Promise<void>;
}

export type EventStoreFactory = () => Promise<EventStoreFixture>;

export function newEvent(
  type = 'Something',
  data: unknown = { n: 1 },
  metadata?: NewEvent['metadata'],
): NewEvent {
  return metadata === undefined
    ? { eventId: randomUUID(), type, data }
    : { eventId: randomUUID(), type, data, metadata };
}

export function newEvents(count: number, type = 'Something'): NewEvent[] {
  return Array.from({ length: count }, (_, n) => newEvent(type, { n }));
}

/** Polls until `predicate` holds; subscriptions deliver asynchronously. */
export async function eventually(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function describeEventStoreContract(name: string, factory: EventStoreFactory): void {
  describe(`EventStore contract: ${name}`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;
    const subscriptions: Subscription[] = [];

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
    });

    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.close()));
      await fixture.cleanup();
    });

    /** Subscribes and records what it delivers. */
    function collect(
      options: Parameters<EventStore['subscribeToAll']>[0] = {},
      onEvent?: (e: RecordedEvent) => Promise<void>,
    ) {
      const seen: RecordedEvent[] = [];
      const errors: unknown[] = [];
      const subscription = store.subscribeToAll(
        options,
        async (event) => {
          seen.push(event);
          await onEvent?.(event);
        },
        (error) => errors.push(error),
      );
      subscriptions.push(subscription);
      return { seen, errors, subscription };
    }

    async function expectConflict(promise: Promise<unknown>, actual: number | undefined): Promise<void> {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect((error as WrongExpectedRevisionError).actual).toBe(actual);
    }

    describe('append and readStream', () => {
      it('reads a stream back in order with revisions from 0', async () => {
        const events = [newEvent('A', { a: 1 }), newEvent('B', { b: 2 }), newEvent('C', { c: 3 })];
        const result = await store.append('order-1', events, 'no_stream');
        const read = await store.readStream('order-1');

        expect(read.map((e) => [e.eventId, e.type, e.revision, e.streamId])).toEqual(
          events.map((e, i) => [e.eventId, e.type, i, 'order-1']),
        );
        expect(read.map((e) => e.data)).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
        expect(result).toEqual({ nextExpectedRevision: 2, position: read[2]!.position });
        expect(read[0]!.position).toBeGreaterThan(0);
        expect(read[1]!.position).toBeGreaterThan(read[0]!.position);
        expect(read[2]!.position).toBeGreaterThan(read[1]!.position);
        expect(new Date(read[0]!.recordedAt).toISOString()).toBe(read[0]!.recordedAt);
      });

      it('continues revisions across appends', async () => {
        await store.append('s', newEvents(2), 'no_stream');
        const result = await store.append('s', newEvents(3), 1);
        expect(result.nextExpectedRevision).toBe(4);
        expect((await store.readStream('s')).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
        expect(await store.streamRevision('s')).toBe(4);
      });

      it('reads an absent stream as empty', async () => {
        expect(await store.readStream('absent')).toEqual([]);
        expect(await store.streamRevision('absent')).toBeUndefined();
      });

      it('keeps streams apart', async () => {
        await store.append('a', newEvents(2), 'no_stream');
        await store.append('b', newEvents(1), 'no_stream');
        expect((await store.readStream('a')).length).toBe(2);
        expect((await store.readStream('b')).map((e) => e.revision)).toEqual([0]);
      });

      it('reads from a revision with a maximum count', async () => {
        await store.append('s', newEvents(10), 'no_stream');
        const page = await store.readStream('s', { fromRevision: 3, maxCount: 4 });
        expect(page.map((e) => e.revision)).toEqual([3, 4, 5, 6]);
        expect((await store.readStream('s', { fromRevision: 8 })).map((e) => e.revision)).toEqual([8, 9]);
        expect(await store.readStream('s', { fromRevision: 10 })).toEqual([]);
        expect((await store.readStream('s', { maxCount: 2 })).map((e) => e.revision)).toEqual([0, 1]);
      });

      it('rejects an empty append', async () => {
        await expect(store.append('s', [], 'any')).rejects.toThrow(TypeError);
      });
    });

    describe('expected revision', () => {
      it('no_stream: succeeds on a new stream, conflicts on an existing one', async () => {
        await store.append('s', newEvents(1), 'no_stream');
        await expectConflict(store.append('s', newEvents(1), 'no_stream'), 0);
        expect((await store.readStream('s')).length).toBe(1);
      });

      it('stream_exists: conflicts on a new stream, succeeds on an existing one', async () => {
        await expectConflict(store.append('s', newEvents(1), 'stream_exists'), undefined);
        expect(await store.readStream('s')).toEqual([]);
        await store.append('s', newEvents(1), 'any');
        expect((await store.append('s', newEvents(1), 'stream_exists')).nextExpectedRevision).toBe(1);
      });

      it('any: succeeds whether or not the stream exists', async () => {
        expect((await store.append('s', newEvents(1), 'any')).nextExpectedRevision).toBe(0);
        expect((await store.append('s', newEvents(1), 'any')).nextExpectedRevision).toBe(1);
      });

      it('exact: succeeds on the current revision, conflicts on any other', async () => {
        await expectConflict(store.append('s', newEvents(1), 0), undefined);
        await store.append('s', newEvents(2), 'no_stream');
        await expectConflict(store.append('s', newEvents(1), 0), 1);
        await expectConflict(store.append('s', newEvents(1), 2), 1);
        expect((await store.append('s', newEvents(1), 1)).nextExpectedRevision).toBe(2);
      });

      it('a conflict writes nothing, in the stream or the log', async () => {
        await store.append('s', newEvents(1), 'no_stream');
        const before = await store.readAll();
        const error = await store.append('s', newEvents(5), 7).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: 's', expected: 7, actual: 0 });
        expect(await store.readAll()).toEqual(before);
      });

      it('concurrent appenders on one stream: exactly one wins', async () => {
        await store.append('s', newEvents(1), 'no_stream');
        const attempts = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            store.append('s', [newEvent('Try', { i }), newEvent('Try', { i })], 0),
          ),
        );
        const winners = attempts.filter((a) => a.status === 'fulfilled');
        const losers = attempts.filter((a) => a.status === 'rejected');
        expect(winners.length).toBe(1);
        for (const loser of losers) expect(loser.reason).toBeInstanceOf(WrongExpectedRevisionError);
        const stream = await store.readStream('s');
        expect(stream.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(new Set(stream.slice(1).map((e) => (e.data as { i: number }).i)).size).toBe(1);
      });

      it('concurrent appenders with any: all land, revisions stay contiguous', async () => {
        await Promise.all(Array.from({ length: 8 }, () => store.append('s', newEvents(3), 'any')));
        const stream = await store.readStream('s');
        expect(stream.map((e) => e.revision)).toEqual(Array.from({ length: 24 }, (_, i) => i));
      });
    });

    describe('idempotent retries (event ids)', () => {
      it('a retry of a committed append returns its result and writes nothing', async () => {
        await store.append('s', newEvents(2), 'no_stream');
        const events = newEvents(3);
        const first = await store.append('s', events, 1);
        await store.append('s', newEvents(1), 4); // someone else appends afterwards
        expect(await store.append('s', events, 1)).toEqual(first);
        expect((await store.readStream('s')).length).toBe(6);
      });

      it('a retry of a stream creation is recognised', async () => {
        const events = newEvents(2);
        const first = await store.append('s', events, 'no_stream');
        expect(await store.append('s', events, 'no_stream')).toEqual(first);
        expect(await store.append('s', events, 'any')).toEqual(first);
        expect((await store.readAll()).length).toBe(2);
      });

      it('a stored event id reused elsewhere is a DuplicateEventIdError', async () => {
        const [event] = newEvents(1);
        await store.append('s', [event!], 'no_stream');
        await expect(store.append('other', [event!], 'any')).rejects.toBeInstanceOf(DuplicateEventIdError);
        await expect(store.append('s', [newEvent(), event!], 'any')).rejects.toBeInstanceOf(
          DuplicateEventIdError,
        );
        expect((await store.readAll()).length).toBe(1);
      });

      it('the same id twice in one append is rejected and writes nothing', async () => {
        const event = newEvent();
        await expect(store.append('s', [event, newEvent(), event], 'any')).rejects.toBeInstanceOf(
          DuplicateEventIdError,
        );
        expect(await store.readAll()).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('reads every stream in position order, after a position, up to a count', async () => {
        await store.append('a', newEvents(2), 'no_stream');
        await store.append('b', newEvents(2), 'no_stream');
        await store.append('a', newEvents(1), 1);
        const all = await store.readAll();
        expect(all.map((e) => [e.streamId, e.revision])).toEqual([
          ['a', 0],
          ['a', 1],
          ['b', 0],
          ['b', 1],
          ['a', 2],
        ]);
        for (let i = 1; i < all.length; i++) expect(all[i]!.position).toBeGreaterThan(all[i - 1]!.position);
        const tail = await store.readAll({ after: all[1]!.position });
        expect(tail.map((e) => e.eventId)).toEqual(all.slice(2).map((e) => e.eventId));
        const page = await store.readAll({ after: all[0]!.position, maxCount: 2 });
        expect(page.map((e) => e.eventId)).toEqual(all.slice(1, 3).map((e) => e.eventId));
        expect(await store.readAll({ after: all[4]!.position })).toEqual([]);
      });

      it('filters by stream prefixes, taken literally', async () => {
        for (const id of [
          'execution-1',
          'execution-2',
          'workflow-1',
          'exec%_*?[x]-1',
          'execX',
          'Execution-3',
        ]) {
          await store.append(id, newEvents(1), 'no_stream');
        }
        const ids = async (prefixes: string[]) =>
          (await store.readAll({ streamPrefixes: prefixes })).map((e) => e.streamId);
        expect(await ids(['execution-'])).toEqual(['execution-1', 'execution-2']);
        expect(await ids(['workflow-', 'execution-2'])).toEqual(['execution-2', 'workflow-1']);
        expect(await ids(['exec%_*?[x]'])).toEqual(['exec%_*?[x]-1']);
        expect(await ids(['exec_'])).toEqual([]);
        expect(await ids(['nothing'])).toEqual([]);
        expect(
          (await store.readAll({ streamPrefixes: ['exec'], maxCount: 2 })).map((e) => e.streamId),
        ).toEqual(['execution-1', 'execution-2']);
      });
    });

    describe('data fidelity', () => {
      it('keeps unicode and the key order of JSON data', async () => {
        const data = {
          zeta: 'Grüße, 世界, 🚀, \u0000 nul, \u2028 sep, "quotes" \\ backslash',
          alpha: { second: 2, first: 1, nested: [{ z: true, a: null }] },
          middle: [3, 1, 2],
          number: 1.5e-7,
          empty: {},
        };
        await store.append('s', [newEvent('Unicode', data)], 'no_stream');
        const [read] = await store.readStream('s');
        expect(JSON.stringify(read!.data)).toBe(JSON.stringify(data));
        expect(Object.keys(read!.data as object)).toEqual(['zeta', 'alpha', 'middle', 'number', 'empty']);
      });

      it('round-trips metadata, and gives {} when there was none', async () => {
        const metadata = {
          correlationId: 'corr-1',
          causationId: 'cause-1',
          traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
          tracestate: 'congo=t61rcWkgMzE',
        };
        await store.append('s', [newEvent('WithMeta', 1, metadata), newEvent('NoMeta', 'x')], 'no_stream');
        const [withMeta, without] = await store.readStream('s');
        expect(withMeta!.metadata).toEqual(metadata);
        expect(without!.metadata).toEqual({});
        expect([withMeta!.data, without!.data]).toEqual([1, 'x']);
      });

      it('stores and delivers a 5 MB event', async () => {
        const big = { blob: 'x'.repeat(5 * 1024 * 1024), tail: 'ü' };
        await store.append('big', [newEvent('Big', big)], 'no_stream');
        const [read] = await store.readStream('big');
        expect((read!.data as typeof big).blob.length).toBe(big.blob.length);
        expect((read!.data as typeof big).tail).toBe('ü');
        const { seen, subscription } = collect();
        await subscription.caughtUp;
        expect((seen[0]!.data as typeof big).blob.length).toBe(big.blob.length);
      });

      it('gives readers copies: mutating a read event does not change the store', async () => {
        await store.append('s', [newEvent('A', { list: [1] })], 'no_stream');
        const [first] = await store.readStream('s');
        (first!.data as { list: number[] }).list.push(2);
        const [again] = await store.readStream('s');
        expect(again!.data).toEqual({ list: [1] });
      });
    });

    describe('subscribeToAll', () => {
      it('delivers existing events, resolves caughtUp, then follows new ones', async () => {
        await store.append('a', newEvents(3), 'no_stream');
        const { seen, subscription } = collect();
        await subscription.caughtUp;
        expect(seen.length).toBe(3);
        await store.append('b', newEvents(2), 'no_stream');
        await eventually(() => seen.length === 5);
        expect(seen.map((e) => e.streamId)).toEqual(['a', 'a', 'a', 'b', 'b']);
      });

      it('resolves caughtUp on an empty store and still delivers later events', async () => {
        const { seen, subscription } = collect();
        await subscription.caughtUp;
        expect(seen).toEqual([]);
        await store.append('a', newEvents(1), 'no_stream');
        await eventually(() => seen.length === 1);
      });

      it('starts after a checkpoint: exactly the later events', async () => {
        await store.append('a', newEvents(5), 'no_stream');
        const all = await store.readAll();
        const { seen, subscription } = collect({ after: all[2]!.position });
        await subscription.caughtUp;
        expect(seen.map((e) => e.eventId)).toEqual(all.slice(3).map((e) => e.eventId));
      });

      it('catches up through many batches with events appended during catch-up, none twice, none missed', async () => {
        for (let i = 0; i < 25; i++) await store.append(`s-${i % 5}`, newEvents(10), 'any');
        let appendedDuringCatchUp = false;
        const { seen, subscription, errors } = collect({}, async (event) => {
          if (!appendedDuringCatchUp && seen.length === 10) {
            appendedDuringCatchUp = true;
            await store.append('late', newEvents(7), 'no_stream');
          }
          if (event.revision % 50 === 0) await sleep(1);
        });
        await subscription.caughtUp;
        for (let i = 0; i < 5; i++) await store.append('later', newEvents(3), 'any');
        await eventually(() => seen.length === 250 + 7 + 15);
        await sleep(50);
        expect(errors).toEqual([]);
        const all = await store.readAll();
        expect(seen.map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
      });

      it('resumes from a stored checkpoint without gaps or repeats', async () => {
        await store.append('a', newEvents(4), 'no_stream');
        const first = collect();
        await first.subscription.caughtUp;
        await first.subscription.close();
        const checkpoint = first.seen[first.seen.length - 1]!.position;
        await store.append('a', newEvents(3), 3);
        const second = collect({ after: checkpoint });
        await second.subscription.caughtUp;
        await store.append('b', newEvents(2), 'no_stream');
        await eventually(() => second.seen.length === 5);
        const all = await store.readAll();
        expect([...first.seen, ...second.seen].map((e) => e.eventId)).toEqual(all.map((e) => e.eventId));
      });

      it('filters by stream prefixes, in catch-up and live', async () => {
        await store.append('execution-1', newEvents(2), 'no_stream');
        await store.append('workflow-1', newEvents(2), 'no_stream');
        const { seen, subscription } = collect({ streamPrefixes: ['execution-'] });
        await subscription.caughtUp;
        await store.append('workflow-2', newEvents(3), 'no_stream');
        await store.append('execution-2', newEvents(1), 'no_stream');
        await eventually(() => seen.length === 3);
        await sleep(30);
        expect(seen.map((e) => e.streamId)).toEqual(['execution-1', 'execution-1', 'execution-2']);
      });

      it('several subscriptions receive the same events independently', async () => {
        const one = collect();
        const two = collect({ streamPrefixes: ['a'] });
        await store.append('a', newEvents(2), 'no_stream');
        await store.append('b', newEvents(2), 'no_stream');
        await eventually(() => one.seen.length === 4 && two.seen.length === 2);
      });

      it('runs the handler sequentially', async () => {
        let running = 0;
        let overlapped = false;
        const { seen } = collect({}, async () => {
          running++;
          if (running > 1) overlapped = true;
          await sleep(2);
          running--;
        });
        await Promise.all([store.append('a', newEvents(5), 'any'), store.append('b', newEvents(5), 'any')]);
        await eventually(() => seen.length === 10);
        expect(overlapped).toBe(false);
      });

      it('close waits for the running handler and stops delivery', async () => {
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let finished = false;
        const { seen, subscription } = collect({}, async () => {
          await gate;
          finished = true;
        });
        await store.append('a', newEvents(2), 'no_stream');
        await eventually(() => seen.length === 1);
        const closing = subscription.close();
        release();
        await closing;
        expect(finished).toBe(true);
        await store.append('a', newEvents(2), 1);
        await sleep(50);
        expect(seen.length).toBe(1);
      });

      it('close from inside the handler stops delivery without deadlocking', async () => {
        await store.append('a', newEvents(3), 'no_stream');
        const seen: RecordedEvent[] = [];
        let closed = false;
        const subscription: Subscription = store.subscribeToAll({}, async (event) => {
          seen.push(event);
          await subscription.close();
          closed = true;
        });
        subscriptions.push(subscription);
        await eventually(() => closed);
        await subscription.close();
        await sleep(30);
        expect(seen.length).toBe(1);
      });

      it('stops and reports when the handler throws', async () => {
        await store.append('a', newEvents(3), 'no_stream');
        const boom = new Error('handler failed');
        const { seen, errors } = collect({}, async (event) => {
          if (event.revision === 1) throw boom;
        });
        await eventually(() => errors.length === 1);
        expect(errors[0]).toBe(boom);
        await store.append('a', newEvents(1), 2);
        await sleep(50);
        expect(seen.map((e) => e.revision)).toEqual([0, 1]);
      });
    });
  });
}
