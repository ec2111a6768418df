// Timing rules checked deterministically with a ManualClock.
import { describe, expect, it } from 'vitest';
import type { BusMessage } from '../message-bus.js';
import { ManualClock } from './clock.js';
import { InProcessMessageBus } from './in-process-message-bus.js';

async function setup() {
  const clock = new ManualClock();
  const bus = new InProcessMessageBus({ clock });
  await bus.ensureStream({ name: 'S', subjects: ['s.>'], retention: 'workqueue', duplicateWindowMs: 1_000 });
  return { clock, bus };
}

describe('InProcessMessageBus timing (manual clock)', () => {
  it('redelivers exactly at the ack wait and backs off per attempt', async () => {
    const { clock, bus } = await setup();
    const seen: [number, number][] = [];
    await bus.consume(
      { stream: 'S', durableName: 'w', ackWaitMs: 1_000, maxDeliver: 4, backoffMs: [100, 500] },
      async (message) => {
        seen.push([clock.now(), message.deliveryCount]);
        if (message.deliveryCount === 1) return; // times out
        message.nak(); // backoff
      },
    );
    await bus.publish('s.a', 1);
    await clock.advance(999);
    expect(seen).toEqual([[0, 1]]);
    await clock.advance(1);
    expect(seen).toEqual([
      [0, 1],
      [1_000, 2],
    ]);
    await clock.advance(2_000);
    // delivery 2 nakked -> backoff[1] = 500; delivery 3 nakked -> last value repeats.
    expect(seen).toEqual([
      [0, 1],
      [1_000, 2],
      [1_500, 3],
      [2_000, 4],
    ]);
    expect(bus.streamSize('S')).toBe(0); // exhausted without onExhausted: dropped
    await bus.close();
  });

  it('forgets msgIds after the duplicate window', async () => {
    const { clock, bus } = await setup();
    expect((await bus.publish('s.a', 1, { msgId: 'x' })).duplicate).toBe(false);
    await clock.advance(999);
    expect((await bus.publish('s.a', 1, { msgId: 'x' })).duplicate).toBe(true);
    await clock.advance(1);
    expect((await bus.publish('s.a', 1, { msgId: 'x' })).duplicate).toBe(false);
    await bus.close();
  });

  it('retries onExhausted after the ack wait when it fails', async () => {
    const { clock, bus } = await setup();
    let calls = 0;
    await bus.consume(
      { stream: 'S', durableName: 'w', ackWaitMs: 100, maxDeliver: 1 },
      async () => {
        throw new Error('boom');
      },
      async (_message: BusMessage, error) => {
        calls++;
        expect((error as Error).message).toBe('boom');
        if (calls === 1) throw new Error('db down');
      },
    );
    await bus.publish('s.a', 1);
    await clock.advance(0);
    expect(calls).toBe(1);
    await clock.advance(100);
    expect(calls).toBe(2);
    expect(bus.streamSize('S')).toBe(0);
    await bus.close();
  });

  it('rejects a second overlapping durable on a workqueue stream', async () => {
    const { bus } = await setup();
    const config = { stream: 'S', ackWaitMs: 100, maxDeliver: 1 };
    await bus.consume({ ...config, durableName: 'a', filterSubject: 's.a.*' }, async () => undefined);
    await expect(
      bus.consume({ ...config, durableName: 'b', filterSubject: 's.>' }, async () => undefined),
    ).rejects.toThrow(/overlaps/);
    await bus.consume({ ...config, durableName: 'c', filterSubject: 's.b.*' }, async () => undefined);
    await bus.close();
  });
});
