// What an execution event means for the set of pending timers. Pure, so the
// in-memory set and the persisted table are both folds of the same changes.
import type { RecordedEvent } from '@sirocco/eventstore';
import { EXECUTION_STREAM_PREFIX, type TimerScheduledData } from '@sirocco/workflow';

export interface PendingTimer {
  readonly timerId: string;
  readonly executionId: string;
  /** Epoch milliseconds. */
  readonly fireAt: number;
}

export type TimerChange =
  | { readonly kind: 'scheduled'; readonly timer: PendingTimer }
  /** Fired or cancelled: no longer pending. */
  | { readonly kind: 'settled'; readonly timerId: string }
  /** The execution ended: none of its timers can matter any more. */
  | { readonly kind: 'execution-ended'; readonly executionId: string };

export function timerChangesOf(event: RecordedEvent): TimerChange[] {
  if (!event.streamId.startsWith(EXECUTION_STREAM_PREFIX)) return [];
  const executionId = event.streamId.slice(EXECUTION_STREAM_PREFIX.length);
  switch (event.type) {
    case 'TimerScheduled': {
      const data = event.data as TimerScheduledData;
      const fireAt = Date.parse(data.fireAt);
      if (!Number.isFinite(fireAt)) return [];
      return [{ kind: 'scheduled', timer: { timerId: data.timerId, executionId, fireAt } }];
    }
    case 'TimerFired':
    case 'TimerCancelled':
      return [{ kind: 'settled', timerId: (event.data as { timerId: string }).timerId }];
    case 'ExecutionCompleted':
      return [{ kind: 'execution-ended', executionId }];
    default:
      return [];
  }
}
