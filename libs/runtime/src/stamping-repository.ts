// The execution repository, with event metadata taken from the current
// message context: `traceparent` on every event, and on an action's
// completion how many times its work item was delivered to executors
// (`workDeliveries` > 1 means the action ran again after a crash or a
// timeout before its result was recorded: the history shows the re-run).
import { ExecutionRepository } from '@sirocco/engine';
import type { NewEvent } from '@sirocco/eventstore';
import type { ExecutionFold } from '@sirocco/workflow';
import { activeTraceparent, currentContext, WORK_DELIVERY_HEADER } from './message-context.js';

export class StampingExecutionRepository extends ExecutionRepository {
  override append(
    executionId: string,
    fold: ExecutionFold,
    expectedRevision: number,
    events: readonly NewEvent[],
  ): Promise<{ revision: number; position: number }> {
    const ctx = currentContext();
    const traceparent = activeTraceparent();
    if (!ctx && !traceparent) return super.append(executionId, fold, expectedRevision, events);
    const deliveries = Number(ctx?.headers?.[WORK_DELIVERY_HEADER] ?? NaN);
    const stamped = events.map((e) => ({
      ...e,
      metadata: {
        ...e.metadata,
        ...(traceparent === undefined ? {} : { traceparent }),
        ...(e.type === 'ActionExecutionCompleted' && Number.isInteger(deliveries)
          ? { workDeliveries: deliveries }
          : {}),
      },
    }));
    return super.append(executionId, fold, expectedRevision, stamped);
  }
}
