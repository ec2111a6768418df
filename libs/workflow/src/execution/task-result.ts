// A task's `result` as Mistral computes it (data_flow.get_task_execution_result):
// the accepted action outputs in item order; a single value unless the task
// iterates with with-items.
import type { ExecutionFold, TaskExecution } from './execution-state.js';

export const taskResult = (fold: ExecutionFold, task: TaskExecution): unknown => {
  if (task.resultDiscarded) return task.spec.withItems ? [] : null;
  const outputs = task.actionExecutionIds
    .map((id) => fold.actions.get(id))
    .filter((a) => a !== undefined && a.accepted && a.state !== 'RUNNING')
    .sort((a, b) => (a?.itemIndex ?? 0) - (b?.itemIndex ?? 0))
    .map((a) => (a?.output === undefined ? null : a.output));
  if (task.spec.withItems) return outputs;
  if (outputs.length === 1) return outputs[0];
  return outputs;
};
