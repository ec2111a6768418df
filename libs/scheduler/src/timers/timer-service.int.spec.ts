// Real SQLite store, real clock: firing latency and the memory cost of a
// large number of pending timers, measured once each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqliteEventStore } from '@sirocco/eventstore';
import { InProcessMessageBus } from '@sirocco/messaging';
import { SqliteDriver } from '@sirocco/projections';
import { scheduleTimer, startFakeTimerEngine } from '../testing/timer-fixtures.js';
import { PendingTimers } from './pending-timers.js';
import { SqlTimerStore } from './sql-timer-store.js';
import { TimerService } from './timer-service.js';

describe('TimerService on SQLite with a real clock', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sirocco-timers-'));
    store = SqliteEventStore.open({ path: join(dir, 'sirocco.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fires within 100 ms of the deadline, and a restart knows the pending timers', async () => {
    const bus = new InProcessMessageBus();
    const timerStore = new SqlTimerStore(new SqliteDriver(store.database()));
    const engine = await startFakeTimerEngine(store, bus);
    const service = new TimerService({ eventStore: store, bus, timerStore });
    await service.start();
    const deadlines = new Map<string, number>();
    const base = Date.now() + 150;
    for (let i = 0; i < 5; i++) {
      deadlines.set(`t${i}`, base + i * 40);
      await scheduleTimer(store, `e${i}`, `t${i}`, base + i * 40);
    }
    await scheduleTimer(store, 'later', 'later', Date.now() + 3_600_000);
    await vi.waitFor(() => expect(engine.fired).toHaveLength(5), { timeout: 2_000 });
    const lateness = [...deadlines].map(([id, at]) => (engine.firedAt.get(id) ?? Infinity) - at);
    console.log(`timer firing lateness (ms, deadline to TimerFired appended): ${lateness.join(', ')}`);
    for (const ms of lateness) {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThan(100);
    }
    await vi.waitFor(() => expect(service.stats().pending).toBe(1));
    await service.stop();

    const restarted = new TimerService({ eventStore: store, bus, timerStore });
    const loaded = await timerStore.load('timers');
    expect(loaded.timers.map((t) => t.timerId)).toEqual(['later']);
    await restarted.start();
    expect(restarted.stats().pending).toBe(1);
    await restarted.stop();
    await engine.stop();
  });

  it('holds 10,000 pending timers in a few MB and takes the due one without scanning', () => {
    const before = process.memoryUsage().heapUsed;
    const pending = new PendingTimers();
    const now = Date.now();
    for (let i = 0; i < 10_000; i++) {
      pending.add({
        timerId: `timer-${i}-${'x'.repeat(20)}`,
        executionId: `exec-${i % 2_500}`,
        fireAt: now + 1_000 + i * 7,
      });
    }
    const after = process.memoryUsage().heapUsed;
    const mb = (after - before) / 1024 / 1024;
    console.log(`10,000 pending timers: about ${mb.toFixed(1)} MB of heap`);
    expect(mb).toBeLessThan(20);

    // Take one due timer: O(log n); time 1,000 takes against the 10k set.
    const started = process.hrtime.bigint();
    for (let i = 0; i < 1_000; i++) pending.takeDue(now + 1_000 + i * 7, now + 10_000_000);
    const perTakeUs = Number(process.hrtime.bigint() - started) / 1_000 / 1_000;
    console.log(`take one due timer among 10,000: ${perTakeUs.toFixed(2)} µs`);
    expect(perTakeUs).toBeLessThan(200);
  });
});
