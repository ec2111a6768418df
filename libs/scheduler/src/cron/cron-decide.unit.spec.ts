import { describe, expect, it } from 'vitest';
import type { CronTriggerEvent } from './cron-events.js';
import { decideDueSlot } from './cron-decide.js';
import { cronSchedule } from './cron-schedule.js';
import { emptyCronTriggerState, evolveCronTrigger, type CronTriggerState } from './cron-state.js';
import { cronExecutionId } from './derived-id.js';

const ms = (iso: string) => Date.parse(iso);

function created(
  over: Partial<Extract<CronTriggerEvent, { type: 'CronTriggerCreated' }>['data']> = {},
): CronTriggerState {
  return evolveCronTrigger(
    emptyCronTriggerState,
    {
      type: 'CronTriggerCreated',
      data: {
        triggerId: 'trig-1',
        name: 'nightly',
        pattern: '*/5 * * * *',
        workflowId: 'wf-1',
        workflowName: 'wf',
        workflowNamespace: '',
        workflowInput: { a: 1 },
        workflowParams: {},
        firstExecutionTime: null,
        scope: 'private',
        projectId: '<default-project>',
        nextExecutionTime: '2026-01-01T00:05:00.000Z',
        remainingExecutions: null,
        at: '2026-01-01T00:01:00.000Z',
        ...over,
      },
    },
    0,
    1,
  );
}

const apply = (state: CronTriggerState, events: CronTriggerEvent[]) =>
  events.reduce((s, e, i) => evolveCronTrigger(s, e, s.revision + 1, s.position + i + 1), state);

describe('cron math (croner)', () => {
  it('gives the next 5-field slot strictly after a time, in UTC by default', () => {
    const s = cronSchedule('*/5 * * * *');
    expect(s.nextAfter(ms('2026-01-01T00:05:00Z'))).toBe(ms('2026-01-01T00:10:00Z'));
    expect(s.nextAfter(ms('2026-01-01T00:04:59.999Z'))).toBe(ms('2026-01-01T00:05:00Z'));
    expect(cronSchedule('0 0 1 1 *').nextAfter(ms('2026-06-01T00:00:00Z'))).toBe(ms('2027-01-01T00:00:00Z'));
  });

  it('handles DST in a time zone: a 02:30 job on spring-forward day runs at 03:00 local, once', () => {
    const s = cronSchedule('30 2 * * *', 'Europe/Berlin');
    // 2026-03-29: clocks jump from 02:00 to 03:00 CET→CEST.
    expect(new Date(s.nextAfter(ms('2026-03-28T12:00:00Z')) ?? 0).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    expect(new Date(s.nextAfter(ms('2026-03-29T01:00:00Z')) ?? 0).toISOString()).toBe(
      '2026-03-30T00:30:00.000Z',
    );
  });

  it('rejects anything but 5 fields, bad values and unknown zones', () => {
    expect(() => cronSchedule('* * * * * *')).toThrow(/5-field/);
    expect(() => cronSchedule('61 * * * *')).toThrow(/minute/);
    expect(() => cronSchedule('* * * * *', 'Nope/Zone')).toThrow(/time zone/);
  });
});

describe('decideDueSlot', () => {
  it('does nothing before the slot', () => {
    expect(decideDueSlot(created(), { now: ms('2026-01-01T00:04:59.999Z'), policy: 'once' })).toEqual([]);
  });

  it('takes the slot with an execution id derived from (trigger, slot) and moves to the next slot', () => {
    const events = decideDueSlot(created(), { now: ms('2026-01-01T00:05:00.020Z'), policy: 'once' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'CronTriggerFired',
      data: {
        scheduledFor: '2026-01-01T00:05:00.000Z',
        executionId: cronExecutionId('trig-1', '2026-01-01T00:05:00.000Z'),
        nextExecutionTime: '2026-01-01T00:10:00.000Z',
        remainingExecutions: null,
        workflowInput: { a: 1 },
      },
    });
    expect(cronExecutionId('trig-1', '2026-01-01T00:05:00.000Z')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(cronExecutionId('trig-1', '2026-01-01T00:10:00.000Z')).not.toBe(
      cronExecutionId('trig-1', '2026-01-01T00:05:00.000Z'),
    );
  });

  it('counts remaining executions down and deletes the trigger after the last', () => {
    let state = created({ remainingExecutions: 2 });
    const first = decideDueSlot(state, { now: ms('2026-01-01T00:05:00Z'), policy: 'once' });
    expect(first.map((e) => e.type)).toEqual(['CronTriggerFired']);
    state = apply(state, first);
    expect(state.active).toMatchObject({
      remainingExecutions: 1,
      nextExecutionTime: '2026-01-01T00:10:00.000Z',
      updatedAt: '2026-01-01T00:05:00.000Z',
    });
    const last = decideDueSlot(state, { now: ms('2026-01-01T00:10:00Z'), policy: 'once' });
    expect(last.map((e) => e.type)).toEqual(['CronTriggerFired', 'CronTriggerDeleted']);
    expect(last[0]?.data).toMatchObject({ remainingExecutions: 0, nextExecutionTime: null });
    expect(last[1]?.data).toMatchObject({ reason: 'exhausted' });
    state = apply(state, last);
    expect(state.active).toBeUndefined();
    expect(state.lastFire?.scheduledFor).toBe('2026-01-01T00:10:00.000Z');
  });

  it("catch-up 'once': after downtime, one run for the whole missed window, then the next slot after now", () => {
    const now = ms('2026-01-01T03:02:00Z'); // 3 hours of slots missed
    const events = decideDueSlot(created({ remainingExecutions: 10 }), { now, policy: 'once' });
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({
      scheduledFor: '2026-01-01T00:05:00.000Z',
      nextExecutionTime: '2026-01-01T03:05:00.000Z',
      remainingExecutions: 9,
    });
  });

  it("catch-up 'skip': runs nothing for a missed window, does not count it, continues after now", () => {
    const now = ms('2026-01-01T03:02:00Z');
    const events = decideDueSlot(created({ remainingExecutions: 10 }), { now, policy: 'skip' });
    expect(events).toEqual([
      {
        type: 'CronTriggerSkipped',
        data: {
          triggerId: 'trig-1',
          missedFrom: '2026-01-01T00:05:00.000Z',
          nextExecutionTime: '2026-01-01T03:05:00.000Z',
          at: '2026-01-01T03:02:00.000Z',
        },
      },
    ]);
    expect(apply(created({ remainingExecutions: 10 }), events).active).toMatchObject({
      remainingExecutions: 10,
    });
    // Within the grace period a late slot still runs.
    const late = decideDueSlot(created(), { now: ms('2026-01-01T00:05:30Z'), policy: 'skip' });
    expect(late[0]?.type).toBe('CronTriggerFired');
  });

  it("a one-shot trigger runs once at first_execution_time; under 'skip' a missed one is deleted", () => {
    const oneShot = created({
      pattern: null,
      remainingExecutions: 1,
      firstExecutionTime: '2026-01-01T00:05:00.000Z',
    });
    expect(
      decideDueSlot(oneShot, { now: ms('2026-01-01T00:05:00Z'), policy: 'once' }).map((e) => e.type),
    ).toEqual(['CronTriggerFired', 'CronTriggerDeleted']);
    const skipped = decideDueSlot(oneShot, { now: ms('2026-01-02T00:00:00Z'), policy: 'skip' });
    expect(skipped.map((e) => e.type)).toEqual(['CronTriggerSkipped', 'CronTriggerDeleted']);
    expect(skipped[1]?.data).toMatchObject({ reason: 'missed' });
  });
});
