// decide: given an execution's state and a command, the events that follow.
// Pure: time, ids and action lookups come in through DecideContext, and the
// same state, command and context always give the same events.
import type { DecideContext, ExecutionCommand, ReportActionResult } from './commands.js';
import type { ExecutionEvent } from './events.js';
import { conflict, notFound } from './errors.js';
import { changeDescription, deleteExecution, pause, rerun, resume, stop } from './execution/control.js';
import { Decision } from './execution/decision.js';
import type { ActionExecution, ExecutionFold } from './execution/execution-state.js';
import { expressionScope } from './execution/expression-scope.js';
import { tryEvaluateData } from './execution/evaluate.js';
import { startExecution } from './execution/start-execution.js';
import { onActionCompleted, onTimerFired } from './execution/task-lifecycle.js';
import { isTerminalState } from './states.js';

/** An ad-hoc action's `output` expressions, applied to the system action's result. */
const transformOutput = (
  d: Decision,
  action: ActionExecution,
  command: ReportActionResult,
): { state: 'SUCCESS' | 'ERROR'; output: unknown } => {
  if (command.state !== 'SUCCESS' || !action.outputTransforms) return command;
  let output = command.output;
  const functions = expressionScope(d.fold, {}, d.ctx.newId).functions ?? {};
  for (const transform of action.outputTransforms) {
    const evaluated = tryEvaluateData(transform, { data: output, functions });
    if (!evaluated.ok) return { state: 'ERROR', output: evaluated.error };
    output = evaluated.value;
  }
  return { state: 'SUCCESS', output };
};

/**
 * Decides and folds the new events into `fold` (see execution-state.ts on
 * in-place folding). Throws a SiroccoError for a command that must be
 * rejected; the caller then discards `fold`.
 */
export const decide = (
  fold: ExecutionFold,
  command: ExecutionCommand,
  ctx: DecideContext,
): ExecutionEvent[] => {
  const d = new Decision(fold, ctx);
  if (fold.deleted) {
    // A deleted execution takes nothing more; late results are simply dropped.
    if (command.type === 'ReportActionResult' || command.type === 'FireTimer') return [];
    throw notFound(`Execution ${fold.info?.id ?? ''} was deleted`);
  }
  switch (command.type) {
    case 'StartExecution':
      if (fold.info) {
        if (fold.info.id === command.executionId && fold.info.workflowId === command.workflowId) return [];
        throw conflict(`Execution ${command.executionId} already exists`);
      }
      startExecution(d, command);
      break;
    case 'ReportActionResult': {
      const action = fold.actions.get(command.actionExecutionId);
      // Unknown or already completed: a duplicate or stale delivery...
      if (!action) return [];
      if (isTerminalState(action.state)) {
        // ...unless it comes from a later delivery of the work item: the action ran again. Say so.
        const delivery = command.workDeliveries ?? 1;
        if (action.kind !== 'action' || delivery <= (action.workDeliveries ?? 1)) return [];
        d.emit({
          type: 'ActionExecutionRepeated',
          data: {
            actionExecutionId: action.id,
            taskExecutionId: action.taskExecutionId,
            workDeliveries: delivery,
            at: ctx.now,
          },
        });
        break;
      }
      const result = transformOutput(d, action, command);
      d.emit({
        type: 'ActionExecutionCompleted',
        data: {
          actionExecutionId: action.id,
          taskExecutionId: action.taskExecutionId,
          state: result.state,
          output: result.output,
          ...(result !== command ? { rawOutput: command.output } : {}),
          ...(command.workDeliveries !== undefined && command.workDeliveries > 1
            ? { workDeliveries: command.workDeliveries }
            : {}),
          at: ctx.now,
        },
      });
      const task = fold.tasks.get(action.taskExecutionId);
      if (task && !d.isFinished) onActionCompleted(d, task, action);
      break;
    }
    case 'FireTimer':
      if (!fold.info) return [];
      onTimerFired(d, command.timerId);
      break;
    case 'RerunTask':
      if (!fold.info) throw notFound('Execution not found');
      rerun(d, command);
      break;
    case 'ChangeDescription':
    case 'DeleteExecution':
      if (!fold.info) throw notFound('Execution not found');
      if (command.type === 'ChangeDescription') changeDescription(d, command);
      else deleteExecution(d, command);
      break;
    case 'PauseExecution':
    case 'ResumeExecution':
    case 'StopExecution':
      if (!fold.info) throw notFound('Execution not found');
      if (command.type === 'PauseExecution') pause(d, command);
      else if (command.type === 'ResumeExecution') resume(d, command);
      else stop(d, command);
      break;
  }
  return d.events;
};
