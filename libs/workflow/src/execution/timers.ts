// Durable timers from inside a decision: the deadline is computed from the
// decision's time, never from a clock, and recorded as an event the
// scheduler follows.
import type { TimerPurpose } from '../events.js';
import type { Decision } from './decision.js';

export const addSeconds = (iso: string, seconds: number): string =>
  new Date(Date.parse(iso) + Math.round(seconds * 1000)).toISOString();

export const scheduleTimer = (
  d: Decision,
  purpose: TimerPurpose,
  seconds: number,
  taskExecutionId: string,
  extra: { actionExecutionId?: string; itemIndex?: number } = {},
): void => {
  d.emit({
    type: 'TimerScheduled',
    data: {
      timerId: d.ctx.newId(),
      fireAt: addSeconds(d.now, seconds),
      purpose,
      taskExecutionId,
      ...extra,
      at: d.now,
    },
  });
};

/** Timers of a task that no longer matter once it ended. */
export const cancelTaskTimers = (d: Decision, taskExecutionId: string): void => {
  for (const timer of [...d.fold.timers.values()]) {
    if (timer.taskExecutionId !== taskExecutionId) continue;
    d.emit({ type: 'TimerCancelled', data: { timerId: timer.id, at: d.now } });
  }
};
