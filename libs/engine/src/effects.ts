// Messages that follow from newly recorded events: the event log is the
// outbox. Publishing is idempotent (msgId derived from the event's ids), so
// re-publishing after a crash or a recovery scan is harmless.
import type { ActionWorkItem, MessageBus } from '@sirocco/messaging';
import { DEFAULT_ACTION_QUEUE, SUBJECTS } from '@sirocco/messaging';
import type { ActionExecution, ExecutionEvent, ExecutionFold } from '@sirocco/workflow';

export interface OutgoingMessage {
  readonly subject: string;
  readonly data: unknown;
  readonly msgId: string;
}

export const actionWorkMessage = (executionId: string, action: ActionExecution): OutgoingMessage => {
  const item: ActionWorkItem = {
    executionId,
    taskExecutionId: action.taskExecutionId,
    actionExecutionId: action.id,
    // Ad-hoc actions run the system action they are built on.
    actionName: action.run?.actionName ?? action.actionName,
    input: action.run?.input ?? action.input,
    attempt: action.attempt,
  };
  return { subject: SUBJECTS.action(action.target ?? DEFAULT_ACTION_QUEUE), data: item, msgId: action.id };
};

export const effectsOf = (executionId: string, fold: ExecutionFold, events: readonly ExecutionEvent[]): OutgoingMessage[] => {
  const out: OutgoingMessage[] = [];
  for (const e of events) {
    if (e.type !== 'ActionExecutionScheduled') continue;
    const action = fold.actions.get(e.data.actionExecutionId);
    // Completed within the same decision (never dispatched) or unknown: nothing to send.
    if (!action || action.state !== 'RUNNING') continue;
    out.push(actionWorkMessage(executionId, action));
  }
  return out;
};

/** Work that a crash may have left unsent: every action still running. */
export const pendingEffects = (fold: ExecutionFold): OutgoingMessage[] => {
  const id = fold.info?.id;
  if (!id || fold.state === 'SUCCESS' || fold.state === 'ERROR' || fold.state === 'CANCELLED') return [];
  return [...fold.actions.values()]
    .filter((a) => a.state === 'RUNNING')
    .map((a) => actionWorkMessage(id, a));
};

export const publishAll = async (bus: MessageBus, messages: readonly OutgoingMessage[]): Promise<void> => {
  await Promise.all(messages.map((m) => bus.publish(m.subject, m.data, { msgId: m.msgId })));
};
