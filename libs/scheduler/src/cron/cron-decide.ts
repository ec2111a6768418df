// Pure decision: given a trigger's state and the time, which events take
// (or skip) its due slot. Appended with the stream's expected revision.
import type { CatchUpPolicy } from './catch-up-policy.js';
import type { CronTriggerEvent } from './cron-events.js';
import { cronSchedule } from './cron-schedule.js';
import type { CronTriggerState } from './cron-state.js';
import { cronExecutionId } from './derived-id.js';

export interface FireContext {
  readonly now: number;
  readonly policy: CatchUpPolicy;
  /** A slot later than this is missed (policy applies); default 60 s. */
  readonly graceMs?: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function decideDueSlot(state: CronTriggerState, ctx: FireContext): CronTriggerEvent[] {
  const trigger = state.active;
  if (!trigger) return [];
  const slot = Date.parse(trigger.nextExecutionTime);
  if (slot > ctx.now) return [];
  const schedule = trigger.pattern === null ? undefined : cronSchedule(trigger.pattern, trigger.timezone);
  const at = iso(ctx.now);
  const { triggerId } = trigger;

  if (ctx.policy === 'skip' && ctx.now - slot > (ctx.graceMs ?? 60_000)) {
    const next = schedule?.nextAfter(ctx.now);
    return [
      {
        type: 'CronTriggerSkipped',
        data: {
          triggerId,
          missedFrom: trigger.nextExecutionTime,
          nextExecutionTime: next === undefined ? null : iso(next),
          at,
        },
      },
      ...(next === undefined
        ? [{ type: 'CronTriggerDeleted' as const, data: { triggerId, reason: 'missed' as const, at } }]
        : []),
    ];
  }

  const remaining = trigger.remainingExecutions === null ? null : trigger.remainingExecutions - 1;
  // After a late run, continue from now: one run for the whole missed window.
  const next = remaining === 0 ? undefined : schedule?.nextAfter(Math.max(ctx.now, slot));
  const scheduledFor = trigger.nextExecutionTime;
  return [
    {
      type: 'CronTriggerFired',
      data: {
        triggerId,
        triggerName: trigger.name,
        scheduledFor,
        executionId: cronExecutionId(triggerId, scheduledFor),
        workflowId: trigger.workflowId,
        workflowNamespace: trigger.workflowNamespace,
        workflowInput: trigger.workflowInput,
        workflowParams: trigger.workflowParams,
        nextExecutionTime: next === undefined ? null : iso(next),
        remainingExecutions: remaining,
        at,
      },
    },
    ...(next === undefined
      ? [{ type: 'CronTriggerDeleted' as const, data: { triggerId, reason: 'exhausted' as const, at } }]
      : []),
  ];
}
