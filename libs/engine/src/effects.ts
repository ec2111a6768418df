// Messages that follow from newly recorded events: the event log is the
// outbox. Publishing is idempotent (msgId derived from the event's ids), so
// re-publishing after a crash or a recovery scan is harmless.
import type {
  ActionResultReported,
  ActionWorkItem,
  ControlExecution,
  MessageBus,
  StartSubworkflow,
} from '@sirocco/messaging';
import { DEFAULT_ACTION_QUEUE, SUBJECTS } from '@sirocco/messaging';
import type { ActionExecution, ExecutionEvent, ExecutionFold } from '@sirocco/workflow';

export interface OutgoingMessage {
  readonly subject: string;
  readonly data: unknown;
  readonly msgId: string;
}

const isFinished = (fold: ExecutionFold): boolean =>
  fold.state === 'SUCCESS' || fold.state === 'ERROR' || fold.state === 'CANCELLED';

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

const startSubworkflowMessage = (
  fold: ExecutionFold,
  child: ActionExecution,
  namespace: string,
  params: unknown,
): OutgoingMessage | undefined => {
  const info = fold.info;
  if (!info) return undefined;
  const message: StartSubworkflow = {
    kind: 'StartSubworkflow',
    executionId: child.id,
    parentExecutionId: info.id,
    parentTaskExecutionId: child.taskExecutionId,
    rootExecutionId: info.rootExecutionId,
    workflowName: child.actionName,
    workflowNamespace: namespace,
    input: child.input,
    params: (params ?? { env: info.env, evaluate_env: false }) as Record<string, unknown>,
  };
  return { subject: SUBJECTS.engine(child.id), data: message, msgId: `start-${child.id}` };
};

/** A finished child execution's result, for its parent. */
export const childResultMessage = (fold: ExecutionFold): OutgoingMessage | undefined => {
  const info = fold.info;
  if (!info?.parentExecutionId || !isFinished(fold)) return undefined;
  const message: ActionResultReported = {
    kind: 'ActionResultReported',
    executionId: info.parentExecutionId,
    actionExecutionId: info.id,
    state: fold.state === 'SUCCESS' ? 'SUCCESS' : 'ERROR',
    output:
      fold.state === 'SUCCESS'
        ? (fold.output ?? {})
        : (fold.stateInfo ?? `Subworkflow ended in ${fold.state}`),
  };
  return { subject: SUBJECTS.engine(info.parentExecutionId), data: message, msgId: `result-${info.id}` };
};

/** Pause, resume and cancel reach the execution's running children. */
const controlChildren = (
  fold: ExecutionFold,
  command: ControlExecution['command'],
  at: string,
): OutgoingMessage[] =>
  [...fold.actions.values()]
    .filter((a) => a.kind === 'workflow' && a.state === 'RUNNING')
    .map((child) => {
      const message: ControlExecution = {
        kind: 'ControlExecution',
        executionId: child.id,
        command,
        ...(fold.stateInfo !== undefined ? { stateInfo: fold.stateInfo } : {}),
      };
      return { subject: SUBJECTS.engine(child.id), data: message, msgId: `${command}-${child.id}-${at}` };
    });

export const effectsOf = (
  executionId: string,
  fold: ExecutionFold,
  events: readonly ExecutionEvent[],
): OutgoingMessage[] => {
  const out: OutgoingMessage[] = [];
  for (const e of events) {
    if (e.type === 'ActionExecutionScheduled' || e.type === 'SubworkflowScheduled') {
      const action = fold.actions.get(e.data.actionExecutionId);
      // Completed within the same decision (never dispatched) or unknown: nothing to send.
      if (!action || action.state !== 'RUNNING') continue;
      const message =
        e.type === 'ActionExecutionScheduled'
          ? actionWorkMessage(executionId, action)
          : startSubworkflowMessage(fold, action, e.data.workflowNamespace, e.data.params);
      if (message) out.push(message);
    } else if (e.type === 'ExecutionCompleted') {
      const message = childResultMessage(fold);
      if (message) out.push(message);
      if (e.data.state === 'CANCELLED') out.push(...controlChildren(fold, 'cancel', e.data.at));
    } else if (e.type === 'ExecutionStateChanged') {
      out.push(...controlChildren(fold, e.data.state === 'PAUSED' ? 'pause' : 'resume', e.data.at));
    }
  }
  return out;
};

/**
 * For executors: an action's result is recorded. A work item redelivered
 * after that (its executor died between reporting and acking) is acked
 * without running the action again. Best effort: a lost marker only means
 * such a redelivery runs the action again, visibly (`workDeliveries`).
 */
export const doneMarkersOf = (fold: ExecutionFold, events: readonly ExecutionEvent[]): OutgoingMessage[] => {
  const out: OutgoingMessage[] = [];
  for (const e of events) {
    if (e.type !== 'ActionExecutionCompleted') continue;
    const action = fold.actions.get(e.data.actionExecutionId);
    if (!action || action.kind !== 'action') continue;
    out.push({
      subject: SUBJECTS.actionDone(action.id),
      data: { actionExecutionId: action.id, state: e.data.state },
      msgId: `done-${action.id}`,
    });
  }
  return out;
};

/** Work that a crash may have left unsent: every action or child still running. */
export const pendingEffects = (fold: ExecutionFold): OutgoingMessage[] => {
  const id = fold.info?.id;
  if (!id) return [];
  if (isFinished(fold)) {
    const result = childResultMessage(fold);
    return result ? [result] : [];
  }
  return [...fold.actions.values()]
    .filter((a) => a.state === 'RUNNING')
    .flatMap((a) => {
      const m =
        a.kind === 'workflow'
          ? startSubworkflowMessage(fold, a, fold.info?.workflowNamespace ?? '', undefined)
          : actionWorkMessage(id, a);
      return m ? [m] : [];
    });
};

export const publishAll = async (bus: MessageBus, messages: readonly OutgoingMessage[]): Promise<void> => {
  await Promise.all(messages.map((m) => bus.publish(m.subject, m.data, { msgId: m.msgId })));
};
