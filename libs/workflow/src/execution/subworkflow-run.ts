// A workflow task's child execution: its (possibly dynamic) workflow name,
// its input, and the params it inherits (the root execution's env, as
// Mistral passes it down). The child is started by the engine: the decider
// only records the request.
import type { Decision } from './decision.js';
import type { Context, TaskExecution } from './execution-state.js';
import { expressionScope } from './expression-scope.js';
import { asRecord, tryEvaluateData, type Evaluated } from './evaluate.js';

export interface PreparedSubworkflowRun {
  readonly workflowName: string;
  readonly workflowNamespace: string;
  readonly input: Context;
  readonly params: Context;
}

export const prepareSubworkflowRun = (
  d: Decision,
  task: TaskExecution,
  itemValues: Readonly<Record<string, unknown>> | undefined,
): Evaluated<PreparedSubworkflowRun> => {
  const spec = task.spec;
  const scope = expressionScope(d.fold, { task, ...(itemValues ? { extra: itemValues } : {}) }, d.ctx.newId);
  const name = tryEvaluateData(spec.workflow ?? '', scope);
  if (!name.ok) return name;
  if (typeof name.value !== 'string' || name.value === '') {
    return { ok: false, error: `Invalid workflow name for task '${task.name}': ${JSON.stringify(name.value)}` };
  }
  const rawInput = spec.inputExpression !== undefined ? spec.inputExpression : spec.input;
  const input = tryEvaluateData(rawInput, scope);
  if (!input.ok) return input;
  return {
    ok: true,
    value: {
      workflowName: name.value,
      workflowNamespace: d.info.workflowNamespace,
      input: asRecord(input.value),
      // The env was evaluated once at the root: children take it as it is.
      params: { env: d.info.env, evaluate_env: false },
    },
  };
};
