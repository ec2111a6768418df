import { describe, expect, it, vi } from 'vitest';
import { InMemoryEventStore } from '@sirocco/eventstore';
import { ManualClock } from '@sirocco/messaging';
import { RecordingExecutionService, testWorkflows } from '../testing/cron-fixtures.js';
import type { CatchUpPolicy } from './catch-up-policy.js';
import { cronTriggerStreamId } from './cron-events.js';
import { CronScheduler } from './cron-scheduler.js';
import { CronTriggerIndex } from './cron-trigger-index.js';
import { CronTriggerService } from './cron-trigger-service.js';
import { cronExecutionId } from './derived-id.js';

const T0 = Date.parse('2026-01-01T00:00:30Z');

function setup(policy: CatchUpPolicy = 'once') {
  const clock = new ManualClock(T0);
  const eventStore = new InMemoryEventStore();
  const executions = new RecordingExecutionService();
  const makeScheduler = () => {
    const index = new CronTriggerIndex(eventStore);
    return { index, scheduler: new CronScheduler({ eventStore, index, executions, clock, policy }) };
  };
  const apiIndex = new CronTriggerIndex(eventStore);
  const triggers = new CronTriggerService({
    eventStore,
    index: apiIndex,
    workflows: testWorkflows,
    now: () => clock.now(),
  });
  return { clock, eventStore, executions, makeScheduler, apiIndex, triggers };
}

const firedSlots = async (store: InMemoryEventStore, name: string) =>
  (await store.readStream(cronTriggerStreamId(name)))
    .filter((e) => e.type === 'CronTriggerFired')
    .map((e) => (e.data as { scheduledFor: string }).scheduledFor);

describe('CronScheduler', () => {
  it('starts the workflow at each slot with a derived execution id, counts down and deletes at zero', async () => {
    const { clock, eventStore, executions, makeScheduler, apiIndex, triggers } = setup();
    await apiIndex.start();
    const { scheduler } = makeScheduler();
    await scheduler.start();
    const created = await triggers.create({
      name: 'every-minute',
      pattern: '* * * * *',
      workflowName: 'ct_wf',
      workflowInput: { who: 'x' },
      remainingExecutions: 3,
    });
    expect(created.nextExecutionTime).toBe('2026-01-01T00:01:00.000Z');

    await clock.advance(29_999);
    expect(executions.started.size).toBe(0);
    for (let i = 0; i < 5; i++) await clock.advance(60_000);
    await vi.waitFor(() => expect(executions.started.size).toBe(3));

    expect(await firedSlots(eventStore, 'every-minute')).toEqual([
      '2026-01-01T00:01:00.000Z',
      '2026-01-01T00:02:00.000Z',
      '2026-01-01T00:03:00.000Z',
    ]);
    const id = cronExecutionId(created.triggerId, '2026-01-01T00:01:00.000Z');
    expect(executions.started.get(id)).toMatchObject({
      workflowId: created.workflowId,
      input: { who: 'x' },
      executionId: id,
    });
    expect(JSON.parse(executions.started.get(id)?.description ?? '{}')).toMatchObject({
      triggered_by: { type: 'cron_trigger', name: 'every-minute' },
    });
    await vi.waitFor(() => expect(() => triggers.get('every-minute')).toThrow(/not found/));
    await scheduler.stop();
  });

  it("after downtime, catch-up 'once' runs one execution for the missed window, not a burst", async () => {
    const { clock, eventStore, executions, makeScheduler, apiIndex, triggers } = setup('once');
    await apiIndex.start();
    await triggers.create({ name: 'five', pattern: '*/5 * * * *', workflowName: 'ct_wf' });
    await clock.advance(3 * 3_600_000); // no scheduler running for 3 hours
    const { scheduler } = makeScheduler();
    await scheduler.start();
    await clock.advance(0);
    await vi.waitFor(() => expect(executions.started.size).toBe(1));
    expect(await firedSlots(eventStore, 'five')).toEqual(['2026-01-01T00:05:00.000Z']);
    expect(triggers.get('five').nextExecutionTime).toBe('2026-01-01T03:05:00.000Z');
    await clock.advance(5 * 60_000);
    await vi.waitFor(() => expect(executions.started.size).toBe(2));
    await scheduler.stop();
  });

  it("after downtime, catch-up 'skip' runs nothing for the missed window", async () => {
    const { clock, eventStore, executions, makeScheduler, apiIndex, triggers } = setup('skip');
    await apiIndex.start();
    await triggers.create({ name: 'five', pattern: '*/5 * * * *', workflowName: 'ct_wf' });
    await clock.advance(3 * 3_600_000);
    const { scheduler } = makeScheduler();
    await scheduler.start();
    await clock.advance(0);
    await vi.waitFor(async () =>
      expect(triggers.get('five').nextExecutionTime).toBe('2026-01-01T03:05:00.000Z'),
    );
    expect(executions.started.size).toBe(0);
    await clock.advance(5 * 60_000);
    await vi.waitFor(() => expect(executions.started.size).toBe(1));
    expect(await firedSlots(eventStore, 'five')).toEqual(['2026-01-01T03:05:00.000Z']);
    await scheduler.stop();
  });

  it('two schedulers: every slot is taken once, and a slot survives the death of its taker', async () => {
    const { clock, eventStore, executions, makeScheduler, apiIndex, triggers } = setup();
    await apiIndex.start();
    const a = makeScheduler();
    const b = makeScheduler();
    await Promise.all([a.scheduler.start(), b.scheduler.start()]);
    await triggers.create({ name: 'm1', pattern: '* * * * *', workflowName: 'ct_wf' });
    await triggers.create({ name: 'm2', pattern: '*/2 * * * *', workflowName: 'ct_wf' });
    for (let i = 0; i < 4; i++) await clock.advance(60_000);
    await vi.waitFor(() => expect(executions.started.size).toBe(6));
    await a.scheduler.stop({ abrupt: true });
    for (let i = 0; i < 4; i++) await clock.advance(60_000);
    await vi.waitFor(() => expect(executions.started.size).toBe(12));
    const m1 = await firedSlots(eventStore, 'm1');
    expect(m1).toHaveLength(8);
    expect(new Set(m1).size).toBe(8);
    expect(await firedSlots(eventStore, 'm2')).toHaveLength(4);
    await b.scheduler.stop();
  });

  it('two schedulers racing for the same slot: one append wins, the other loses on the expected revision', async () => {
    let now = T0;
    const inert = { now: () => now, schedule: () => () => undefined }; // alarms never fire: the test drives
    const eventStore = new InMemoryEventStore();
    const executions = new RecordingExecutionService();
    const apiIndex = new CronTriggerIndex(eventStore);
    await apiIndex.start();
    const triggers = new CronTriggerService({
      eventStore,
      index: apiIndex,
      workflows: testWorkflows,
      now: () => now,
    });
    await triggers.create({ name: 'm1', pattern: '* * * * *', workflowName: 'ct_wf' });
    const make = () =>
      new CronScheduler({ eventStore, index: new CronTriggerIndex(eventStore), executions, clock: inert });
    const [a, b] = [make(), make()];
    await Promise.all([a.start(), b.start()]);
    for (let minute = 1; minute <= 5; minute++) {
      now = T0 + minute * 60_000;
      await Promise.all([a.runDue(), b.runDue()]);
      await apiIndex.waitForPosition(minute + 1);
    }
    expect(await firedSlots(eventStore, 'm1')).toHaveLength(5);
    expect(a.stats().slotsTaken + b.stats().slotsTaken).toBe(5);
    expect(a.stats().lostRaces + b.stats().lostRaces).toBe(5);
    await vi.waitFor(() => expect(executions.started.size).toBe(5));
    expect(executions.calls).toBe(10); // both instances start each slot's execution; the second is a no-op
    await Promise.all([a.stop(), b.stop()]);
  });

  it('an instance that sees a slot taken by another starts its execution (the taker died after its append)', async () => {
    const { eventStore, executions, makeScheduler, apiIndex, triggers } = setup();
    await apiIndex.start();
    const created = await triggers.create({ name: 'm1', pattern: '* * * * *', workflowName: 'ct_wf' });
    const b = makeScheduler();
    await b.scheduler.start();
    // What a dying instance leaves behind: the slot taken, no execution started.
    const slot = '2026-01-01T00:01:00.000Z';
    await eventStore.append(
      cronTriggerStreamId('m1'),
      [
        {
          eventId: 'x1',
          type: 'CronTriggerFired',
          data: {
            triggerId: created.triggerId,
            triggerName: 'm1',
            scheduledFor: slot,
            executionId: cronExecutionId(created.triggerId, slot),
            workflowId: created.workflowId,
            workflowNamespace: '',
            workflowInput: {},
            workflowParams: {},
            nextExecutionTime: '2026-01-01T00:02:00.000Z',
            remainingExecutions: null,
            at: slot,
          },
        },
      ],
      0,
    );
    await vi.waitFor(() =>
      expect([...executions.started.keys()]).toEqual([cronExecutionId(created.triggerId, slot)]),
    );
    await b.scheduler.stop();
  });
});

describe('first_execution_time', () => {
  it('parses Mistral minutes and optional seconds as UTC, and rejects what is not a time', async () => {
    const { parseFirstExecutionTime } = await import('./cron-trigger-service.js');
    expect(parseFirstExecutionTime('2026-01-01 00:05')).toBe(Date.parse('2026-01-01T00:05:00Z'));
    expect(parseFirstExecutionTime('2026-01-01 00:05:07')).toBe(Date.parse('2026-01-01T00:05:07Z'));
    for (const bad of ['2026-02-30 00:05', '2026-01-01 24:00', '2026-01-01 00:05:60', '2026-01-01T00:05'])
      expect(() => parseFirstExecutionTime(bad)).toThrow(/does not match format/);
  });

  it("must be 60 s ahead by default (Mistral's rule); a shorter lead is configurable and fires on time", async () => {
    const { clock, eventStore, executions, makeScheduler, apiIndex, triggers } = setup();
    await apiIndex.start();
    const at = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
    await expect(
      triggers.create({
        name: 'f1',
        pattern: '* * * * *',
        workflowName: 'ct_wf',
        firstExecutionTime: at(T0 + 10_000),
      }),
    ).rejects.toThrow('first_execution_time must be at least 1 minute in the future.');

    const eager = new CronTriggerService({
      eventStore,
      index: apiIndex,
      workflows: testWorkflows,
      now: () => clock.now(),
      minFirstExecutionLeadMs: 5_000,
    });
    await expect(
      eager.create({
        name: 'f0',
        pattern: '* * * * *',
        workflowName: 'ct_wf',
        firstExecutionTime: at(T0 + 2_000),
      }),
    ).rejects.toThrow('first_execution_time must be at least 5 seconds in the future.');
    const created = await eager.create({
      name: 'f1',
      pattern: '* * * * *',
      workflowName: 'ct_wf',
      firstExecutionTime: at(T0 + 10_000),
      remainingExecutions: 2,
    });
    expect(created.nextExecutionTime).toBe('2026-01-01T00:00:40.000Z');
    const { scheduler } = makeScheduler();
    await scheduler.start();
    await clock.advance(9_000);
    expect(executions.started.size).toBe(0);
    await clock.advance(1_000); // 00:00:40, the first time
    await vi.waitFor(() => expect(executions.started.size).toBe(1));
    await clock.advance(20_000); // 00:01:00, the pattern's next slot, the last run
    await vi.waitFor(() => expect(executions.started.size).toBe(2));
    expect(await firedSlots(eventStore, 'f1')).toEqual([
      '2026-01-01T00:00:40.000Z',
      '2026-01-01T00:01:00.000Z',
    ]);
    await vi.waitFor(() => expect(apiIndex.find('f1')).toBeUndefined());
    await scheduler.stop();
  });
});
