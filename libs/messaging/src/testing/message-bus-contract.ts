// The behaviour every MessageBus adapter must show (JetStream semantics).
// Each test uses its own stream and subjects, so adapters may share a server.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BusMessage, ConsumerConfig, ConsumerHandle, MessageBus, StreamConfig } from '../message-bus.js';

export interface MessageBusFixture {
  readonly bus: MessageBus;
  cleanup(): Promise<void>;
}

export type MessageBusFactory = () => Promise<MessageBusFixture>;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function eventually(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}

export function describeMessageBusContract(name: string, factory: MessageBusFactory): void {
  describe(`MessageBus contract: ${name}`, () => {
    let fixture: MessageBusFixture;
    let bus: MessageBus;
    let handles: ConsumerHandle[];
    /** Unique per test: `t<id>`, used as the subject root and (upper-cased) stream name. */
    let root: string;

    beforeEach(async () => {
      fixture = await factory();
      bus = fixture.bus;
      handles = [];
      root = `t${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    });

    afterEach(async () => {
      await Promise.all(handles.map((handle) => handle.stop()));
      await fixture.cleanup();
    });

    async function stream(
      retention: StreamConfig['retention'] = 'workqueue',
      extra: Partial<StreamConfig> = {},
    ) {
      const config: StreamConfig = { name: root.toUpperCase(), subjects: [`${root}.>`], retention, ...extra };
      await bus.ensureStream(config);
      return config;
    }

    function consumerConfig(extra: Partial<ConsumerConfig> = {}): ConsumerConfig {
      return { stream: root.toUpperCase(), durableName: 'worker', ackWaitMs: 2_000, maxDeliver: 5, ...extra };
    }

    /** Consumes, recording every delivery; `onMessage` decides what to do (default: ack). */
    async function consume<T = unknown>(
      config: ConsumerConfig,
      onMessage: (message: BusMessage<T>) => Promise<void> = (message) => message.ack(),
      onExhausted?: (message: BusMessage<T>, lastError: unknown) => Promise<void>,
    ) {
      const deliveries: BusMessage<T>[] = [];
      const handle = await bus.consume<T>(
        config,
        async (message) => {
          deliveries.push(message);
          await onMessage(message);
        },
        onExhausted,
      );
      handles.push(handle);
      return { deliveries, handle };
    }

    describe('publish', () => {
      it('stores messages with increasing sequence numbers; ensureStream is idempotent', async () => {
        const config = await stream();
        await bus.ensureStream(config);
        const first = await bus.publish(`${root}.a`, { n: 1 });
        const second = await bus.publish(`${root}.b`, { n: 2 });
        expect(first).toEqual({ stream: config.name, seq: expect.any(Number), duplicate: false });
        expect(second.seq).toBeGreaterThan(first.seq);
      });

      it('rejects a subject no stream captures', async () => {
        await stream();
        await expect(bus.publish(`other${root}.x`, 1)).rejects.toThrow();
      });

      it('drops a second publish with the same msgId within the window', async () => {
        await stream();
        const first = await bus.publish(`${root}.a`, { n: 1 }, { msgId: 'm-1' });
        const again = await bus.publish(`${root}.a`, { n: 2 }, { msgId: 'm-1' });
        expect(again).toEqual({ stream: first.stream, seq: first.seq, duplicate: true });
        const { deliveries } = await consume(consumerConfig());
        await eventually(() => deliveries.length === 1);
        await sleep(100);
        expect(deliveries.map((m) => [m.data, m.msgId])).toEqual([[{ n: 1 }, 'm-1']]);
      });

      it('accepts the msgId again once the duplicate window has passed', async () => {
        await stream('limits', { duplicateWindowMs: 300 });
        await bus.publish(`${root}.a`, 1, { msgId: 'm-1' });
        await sleep(1_200);
        expect((await bus.publish(`${root}.a`, 2, { msgId: 'm-1' })).duplicate).toBe(false);
      });

      it('reads the newest message on a subject directly, or undefined', async () => {
        const config = await stream('limits');
        expect(await bus.lastBySubject(config.name, `${root}.done.a`)).toBeUndefined();
        await bus.publish(`${root}.done.a`, { v: 1 });
        const second = await bus.publish(`${root}.done.a`, { v: 2 });
        await bus.publish(`${root}.done.b`, { v: 3 });
        const last = await bus.lastBySubject<{ v: number }>(config.name, `${root}.done.a`);
        expect(last).toMatchObject({ subject: `${root}.done.a`, data: { v: 2 }, seq: second.seq });
        expect(Math.abs((last?.publishedAt ?? 0) - Date.now())).toBeLessThan(10_000);
        expect(await bus.lastBySubject(config.name, `${root}.done.c`)).toBeUndefined();
      });

      it('drops messages older than maxAgeMs', async () => {
        const config = await stream('limits', { maxAgeMs: 1_000, duplicateWindowMs: 1_000 });
        await bus.publish(`${root}.old`, 1);
        await sleep(2_500);
        expect(await bus.lastBySubject(config.name, `${root}.old`)).toBeUndefined();
      });

      it('delivers data, headers, subject and msgId as published', async () => {
        await stream();
        const data = { text: 'Grüße 🚀', list: [1, { b: 2, a: 1 }], nothing: null };
        const headers = {
          traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
          'x-kind': 'test',
        };
        await bus.publish(`${root}.deep.subject`, data, { msgId: 'id-1', headers });
        const { deliveries } = await consume(consumerConfig());
        await eventually(() => deliveries.length === 1);
        const [message] = deliveries;
        expect(message!.subject).toBe(`${root}.deep.subject`);
        expect(message!.data).toEqual(data);
        expect(JSON.stringify(message!.data)).toBe(JSON.stringify(data));
        expect(message!.headers).toMatchObject(headers);
        expect(message!.msgId).toBe('id-1');
        expect(message!.deliveryCount).toBe(1);
      });
    });

    describe('consumers', () => {
      it('delivers messages published before and after the consumer started, in order', async () => {
        await stream();
        await bus.publish(`${root}.a`, 1);
        await bus.publish(`${root}.a`, 2);
        const { deliveries } = await consume(consumerConfig({ maxAckPending: 1 }));
        await bus.publish(`${root}.a`, 3);
        await eventually(() => deliveries.length === 3);
        expect(deliveries.map((m) => m.data)).toEqual([1, 2, 3]);
      });

      it('filters by subject with * and > wildcards', async () => {
        await stream('limits');
        for (const subject of ['a.x', 'a.y', 'a.x.deep', 'b.x'])
          await bus.publish(`${root}.${subject}`, subject);
        const star = await consume(consumerConfig({ durableName: 'star', filterSubject: `${root}.a.*` }));
        const rest = await consume(consumerConfig({ durableName: 'rest', filterSubject: `${root}.a.>` }));
        await eventually(() => star.deliveries.length === 2 && rest.deliveries.length === 3);
        await sleep(100);
        expect(star.deliveries.map((m) => m.data)).toEqual(['a.x', 'a.y']);
        expect(rest.deliveries.map((m) => m.data)).toEqual(['a.x', 'a.y', 'a.x.deep']);
      });

      it('shares a durable between subscribers: each message goes to one of them', async () => {
        await stream();
        const slowAck = async (message: BusMessage) => {
          await sleep(20);
          await message.ack();
        };
        const one = await consume(consumerConfig({ maxAckPending: 1 }), slowAck);
        const two = await consume(consumerConfig({ maxAckPending: 1 }), slowAck);
        for (let n = 0; n < 20; n++) await bus.publish(`${root}.a`, n);
        await eventually(() => one.deliveries.length + two.deliveries.length === 20);
        await sleep(200);
        const all = [...one.deliveries, ...two.deliveries].map((m) => m.data as number);
        expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => n));
        expect(one.deliveries.length).toBeGreaterThan(0);
        expect(two.deliveries.length).toBeGreaterThan(0);
      });

      it('limits retention: every durable gets every message', async () => {
        await stream('limits');
        for (let n = 0; n < 3; n++) await bus.publish(`${root}.a`, n);
        const one = await consume(consumerConfig({ durableName: 'one' }));
        const two = await consume(consumerConfig({ durableName: 'two' }));
        await eventually(() => one.deliveries.length === 3 && two.deliveries.length === 3);
      });

      it('workqueue retention: an acked message is gone, also for a restarted durable', async () => {
        await stream();
        await bus.publish(`${root}.a`, 'first');
        const first = await consume(consumerConfig({ ackWaitMs: 300 }));
        await eventually(() => first.deliveries.length === 1);
        await first.handle.stop();
        await bus.publish(`${root}.a`, 'second');
        const second = await consume(consumerConfig({ ackWaitMs: 300 }));
        await eventually(() => second.deliveries.length === 1);
        await sleep(600);
        expect(second.deliveries.map((m) => m.data)).toEqual(['second']);
      });

      it('limits in-flight messages per subscriber to maxAckPending', async () => {
        await stream();
        let inFlight = 0;
        let peak = 0;
        const { deliveries } = await consume(consumerConfig({ maxAckPending: 2 }), async (message) => {
          peak = Math.max(peak, ++inFlight);
          await sleep(30);
          inFlight--;
          await message.ack();
        });
        for (let n = 0; n < 8; n++) await bus.publish(`${root}.a`, n);
        await eventually(() => deliveries.length === 8);
        expect(peak).toBe(2);
      });

      it('stop waits for running handlers and then delivers no more', async () => {
        await stream();
        let finished = false;
        const { deliveries, handle } = await consume(consumerConfig(), async (message) => {
          await sleep(200);
          finished = true;
          await message.ack();
        });
        await bus.publish(`${root}.a`, 1);
        await eventually(() => deliveries.length === 1);
        await handle.stop();
        expect(finished).toBe(true);
        await bus.publish(`${root}.a`, 2);
        await sleep(300);
        expect(deliveries.length).toBe(1);
      });
    });

    describe('stopping from inside a handler', () => {
      it('does not deadlock, and the handler can still ack', async () => {
        await stream();
        let stopped = false;
        const own: { handle?: ConsumerHandle } = {};
        const seen: unknown[] = [];
        const handle = await bus.consume(consumerConfig({ maxAckPending: 1 }), async (message) => {
          seen.push(message.data);
          await own.handle?.stop();
          await message.ack();
          stopped = true;
        });
        own.handle = handle;
        handles.push(handle);
        await bus.publish(`${root}.a`, 1);
        await bus.publish(`${root}.a`, 2);
        await eventually(() => stopped);
        await handle.stop();
        await sleep(300);
        expect(seen).toEqual([1]);
        const rest = await consume(consumerConfig());
        await eventually(() => rest.deliveries.length === 1);
        expect(rest.deliveries[0]!.data).toBe(2);
      });
    });

    describe('acknowledgement and redelivery', () => {
      it('redelivers a message not acked within ackWait, counting deliveries', async () => {
        await stream();
        const { deliveries } = await consume(consumerConfig({ ackWaitMs: 300 }), async (message) => {
          if (message.deliveryCount >= 2) await message.ack();
        });
        const start = Date.now();
        await bus.publish(`${root}.a`, 'x');
        await eventually(() => deliveries.length === 2);
        expect(Date.now() - start).toBeGreaterThanOrEqual(250);
        expect(deliveries.map((m) => m.deliveryCount)).toEqual([1, 2]);
        await sleep(500);
        expect(deliveries.length).toBe(2);
      });

      it('does not redeliver an acked message', async () => {
        await stream();
        const { deliveries } = await consume(consumerConfig({ ackWaitMs: 200 }));
        await bus.publish(`${root}.a`, 'x');
        await sleep(600);
        expect(deliveries.length).toBe(1);
      });

      it('nak with a delay redelivers after the delay', async () => {
        await stream();
        const times: number[] = [];
        const { deliveries } = await consume(consumerConfig(), async (message) => {
          times.push(Date.now());
          if (message.deliveryCount === 1) message.nak(400);
          else await message.ack();
        });
        await bus.publish(`${root}.a`, 'x');
        await eventually(() => deliveries.length === 2);
        expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(350);
      });

      it('nak without a delay redelivers promptly when there is no backoff', async () => {
        await stream();
        const { deliveries } = await consume(consumerConfig({ ackWaitMs: 5_000 }), async (message) => {
          if (message.deliveryCount === 1) message.nak();
          else await message.ack();
        });
        await bus.publish(`${root}.a`, 'x');
        await eventually(() => deliveries.length === 2, 2_000);
      });

      it('a failing handler is retried with backoff, then handed to onExhausted with the last error', async () => {
        await stream();
        const times: number[] = [];
        const exhausted: [BusMessage, unknown][] = [];
        const { deliveries } = await consume(
          consumerConfig({ maxDeliver: 3, backoffMs: [200, 400] }),
          async (message) => {
            times.push(Date.now());
            throw new Error(`attempt ${message.deliveryCount}`);
          },
          async (message, error) => {
            exhausted.push([message, error]);
          },
        );
        await bus.publish(`${root}.a`, 'poison', { msgId: 'p-1' });
        await eventually(() => exhausted.length === 1);
        await sleep(700);
        expect(deliveries.map((m) => m.deliveryCount)).toEqual([1, 2, 3]);
        expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(150);
        expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(350);
        expect(exhausted[0]![0].data).toBe('poison');
        expect(exhausted[0]![0].msgId).toBe('p-1');
        expect((exhausted[0]![1] as Error).message).toBe('attempt 3');
      });

      it('hands a message that keeps timing out to onExhausted after maxDeliver deliveries', async () => {
        await stream();
        const exhausted: BusMessage[] = [];
        const { deliveries } = await consume(
          consumerConfig({ ackWaitMs: 200, maxDeliver: 2 }),
          async () => undefined, // never acks
          async (message) => {
            exhausted.push(message);
          },
        );
        await bus.publish(`${root}.a`, 'slow');
        await eventually(() => exhausted.length === 1);
        await sleep(600);
        expect(deliveries.length).toBe(2);
        expect(exhausted[0]!.data).toBe('slow');
        expect(exhausted[0]!.deliveryCount).toBeGreaterThanOrEqual(2);
      });

      it('term stops delivery without calling onExhausted', async () => {
        await stream();
        const exhausted: BusMessage[] = [];
        const { deliveries } = await consume(
          consumerConfig({ ackWaitMs: 200 }),
          async (message) => message.term('bad payload'),
          async (message) => {
            exhausted.push(message);
          },
        );
        await bus.publish(`${root}.a`, 'bad');
        await sleep(700);
        expect(deliveries.length).toBe(1);
        expect(exhausted).toEqual([]);
      });

      it('working() extends the ack deadline', async () => {
        await stream();
        const { deliveries } = await consume(consumerConfig({ ackWaitMs: 400 }), async (message) => {
          for (let i = 0; i < 5; i++) {
            await sleep(150);
            message.working();
          }
          await message.ack();
        });
        await bus.publish(`${root}.a`, 'long');
        await eventually(() => deliveries.length === 1);
        await sleep(1_200);
        expect(deliveries.map((m) => m.deliveryCount)).toEqual([1]);
      });

      it('a message left unacked by a stopped subscriber goes to another one', async () => {
        await stream();
        const first = await consume(consumerConfig({ ackWaitMs: 500 }), async () => undefined);
        await bus.publish(`${root}.a`, 'handover');
        await eventually(() => first.deliveries.length === 1);
        await first.handle.stop();
        const second = await consume(consumerConfig({ ackWaitMs: 500 }));
        await eventually(() => second.deliveries.length === 1, 3_000);
        expect(second.deliveries[0]!.data).toBe('handover');
        // Not exact: nats-server 2.9 un-counts a delivery made to a pull request that was abandoned.
        expect(second.deliveries[0]!.deliveryCount).toBeGreaterThanOrEqual(1);
      });
    });
  });
}
