// High availability against a real PostgreSQL: two scheduler instances share
// one event log and one timer table; one is killed midway (stopped without
// cleanup, like a crashed process). Nothing is lost, nothing is doubled.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PostgresEventStore } from '@sirocco/eventstore/postgres';
import { createTestDatabase, postgresSkipped, type TestPostgresDatabase } from '@sirocco/eventstore/testing';
import { InProcessMessageBus } from '@sirocco/messaging';
import { PostgresDriver } from '@sirocco/projections';
import { CronScheduler } from './cron/cron-scheduler.js';
import { CronTriggerIndex } from './cron/cron-trigger-index.js';
import { CronTriggerService } from './cron/cron-trigger-service.js';
import { cronTriggerStreamId } from './cron/cron-events.js';
import { RecordingExecutionService, testWorkflows } from './testing/cron-fixtures.js';
import { scheduleTimer, startFakeTimerEngine } from './testing/timer-fixtures.js';
import { SqlTimerStore } from './timers/sql-timer-store.js';
import { TimerService } from './timers/timer-service.js';

describe.skipIf(postgresSkipped())('two scheduler instances on PostgreSQL, one killed', () => {
  let db: TestPostgresDatabase;
  const stores: PostgresEventStore[] = [];
  const open = async () => {
    const store = await PostgresEventStore.open({ connectionString: db.connectionString, maxConnections: 4 });
    stores.push(store);
    return store;
  };
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close().catch(() => undefined)));
    await db?.drop();
  });

  it('timers: every timer fires exactly once', async () => {
    const [storeA, storeB, storeEngine] = [await open(), await open(), await open()];
    const bus = new InProcessMessageBus(); // stands for the shared NATS server (msgId dedupe)
    const engine = await startFakeTimerEngine(storeEngine, bus);
    const make = (store: PostgresEventStore) =>
      new TimerService({
        eventStore: store,
        bus,
        timerStore: new SqlTimerStore(new PostgresDriver(store.pool())),
      });
    const a = make(storeA);
    const b = make(storeB);
    await Promise.all([a.start(), b.start()]);
    const base = Date.now() + 300;
    const ids = Array.from({ length: 30 }, (_, i) => `t${i}`);
    for (const [i, id] of ids.entries()) await scheduleTimer(storeEngine, `e${i % 5}`, id, base + i * 40);
    await vi.waitFor(() => expect(engine.fired.length).toBeGreaterThanOrEqual(10), { timeout: 5_000 });
    await a.stop({ flush: false }); // killed
    await vi.waitFor(() => expect(engine.fired).toHaveLength(30), { timeout: 5_000 });
    const fired = (await storeEngine.readAll({ streamPrefixes: ['execution-'] })).filter(
      (e) => e.type === 'TimerFired',
    );
    expect(fired.map((e) => (e.data as { timerId: string }).timerId).sort()).toEqual([...ids].sort());

    // A fresh instance starts from the shared table: nothing left pending.
    await vi.waitFor(() => expect(b.stats().pending).toBe(0));
    const c = make(storeA);
    await c.start();
    expect(c.stats().pending).toBe(0);
    await Promise.all([b.stop(), c.stop(), engine.stop()]);
  });

  it('cron: every slot is taken once and started once', async () => {
    const [storeA, storeB, storeApi] = [await open(), await open(), await open()];
    let now = Date.parse('2026-01-01T00:00:30Z');
    const clock = { now: () => now, schedule: () => () => undefined }; // the test drives time
    const executions = new RecordingExecutionService();
    const apiIndex = new CronTriggerIndex(storeApi);
    await apiIndex.start();
    const triggers = new CronTriggerService({
      eventStore: storeApi,
      index: apiIndex,
      workflows: testWorkflows,
      now: () => now,
    });
    await triggers.create({ name: 'every-minute', pattern: '* * * * *', workflowName: 'ct_wf' });
    await triggers.create({
      name: 'every-2',
      pattern: '*/2 * * * *',
      workflowName: 'ct_wf',
      remainingExecutions: 4,
    });
    const make = (store: PostgresEventStore) =>
      new CronScheduler({ eventStore: store, index: new CronTriggerIndex(store), executions, clock });
    const a = make(storeA);
    const b = make(storeB);
    await Promise.all([a.start(), b.start()]);
    const slots = async (name: string) =>
      (await storeApi.readStream(cronTriggerStreamId(name)))
        .filter((e) => e.type === 'CronTriggerFired')
        .map((e) => (e.data as { scheduledFor: string }).scheduledFor);
    for (let minute = 1; minute <= 10; minute++) {
      now += 60_000;
      if (minute === 5) await a.stop({ abrupt: true }); // killed
      // What the alarms do: look again until the slot is taken (a loser retries once its index caught up).
      await vi.waitFor(
        async () => {
          await Promise.all(minute < 5 ? [a.runDue(), b.runDue()] : [b.runDue()]);
          expect(await slots('every-minute')).toHaveLength(minute);
        },
        { timeout: 5_000, interval: 50 },
      );
    }
    const everyMinute = await slots('every-minute');
    expect(everyMinute).toHaveLength(10);
    expect(new Set(everyMinute).size).toBe(10);
    expect(await slots('every-2')).toHaveLength(4);
    await vi.waitFor(() => expect(executions.started.size).toBe(14));
    expect(a.stats().lostRaces + b.stats().lostRaces).toBeGreaterThan(0);
    await b.stop();
    await apiIndex.stop();
  });
});
