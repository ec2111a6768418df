import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event-store.js';
import { startCatchUpSubscription, type ReadBatch } from './catch-up-subscription.js';
import { Wakeup } from './wakeup.js';

const event = (position: number): RecordedEvent => ({
  eventId: `e${position}`,
  streamId: 's',
  revision: position - 1,
  position,
  type: 'T',
  data: null,
  metadata: {},
  recordedAt: new Date(0).toISOString(),
});

describe('catch-up subscription', () => {
  it('retries a failed read, then delivers', async () => {
    let failures = 2;
    const readBatch: ReadBatch = async (after) => {
      if (failures-- > 0) throw new Error('connection reset');
      return { events: after === 0 ? [event(1)] : [], scannedTo: 1 };
    };
    const seen: number[] = [];
    const errors: unknown[] = [];
    const subscription = startCatchUpSubscription(
      { readBatch, wakeup: new Wakeup(), batchSize: 10 },
      {},
      (e) => {
        seen.push(e.position);
      },
      (error) => errors.push(error),
      () => undefined,
    );
    await subscription.caughtUp;
    expect(seen).toEqual([1]);
    expect(errors).toEqual([]);
    await subscription.close();
  });

  it('gives up after repeated read failures and reports the error', async () => {
    const failure = new Error('schema missing');
    const errors: unknown[] = [];
    const subscription = startCatchUpSubscription(
      { readBatch: () => Promise.reject(failure), wakeup: new Wakeup(), batchSize: 10 },
      {},
      () => undefined,
      (error) => errors.push(error),
      () => undefined,
    );
    await expect(subscription.caughtUp).rejects.toBe(failure);
    expect(errors).toEqual([failure]);
  }, 10_000);

  it('close interrupts the retry wait', async () => {
    const subscription = startCatchUpSubscription(
      { readBatch: () => Promise.reject(new Error('down')), wakeup: new Wakeup(), batchSize: 10 },
      {},
      () => undefined,
      () => undefined,
      () => undefined,
    );
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await subscription.close();
    expect(Date.now() - started).toBeLessThan(500);
  });
});
