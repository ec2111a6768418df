// The data and functions an expression sees, after Mistral's ContextView:
// the current task, its inbound context, the env, the workflow context
// (`__execution`, vars, globals), then the workflow input; earlier layers win.
import type { ExpressionContext, ExpressionFunctions } from '@sirocco/expressions';
import type { Context, ExecutionFold, TaskExecution } from './execution-state.js';
import { latestTaskExecution } from './execution-state.js';
import { taskResult } from './task-result.js';
import { toMistralTime } from '../time.js';

const taskView = (fold: ExecutionFold, task: TaskExecution): Record<string, unknown> => ({
  id: task.id,
  name: task.name,
  spec: task.spec,
  state: task.state,
  state_info: task.stateInfo ?? null,
  result: taskResult(fold, task),
  published: task.published,
  type: task.spec.type === 'workflow' ? 'WORKFLOW' : 'ACTION',
  workflow_execution_id: fold.info?.id ?? null,
  created_at: toMistralTime(task.createdAt),
  updated_at: toMistralTime(task.updatedAt),
});

export interface ScopeOptions {
  /** The task being evaluated for (`task()` and `__task_execution`). */
  readonly task?: TaskExecution;
  /** Data layer above everything else (e.g. with-items variables). */
  readonly extra?: Context;
  /** Replaces the task's inbound context (e.g. the final context for workflow output). */
  readonly inContext?: Context;
}

/** `newId` backs `uuid()`: ids come from the decision's context, never from randomness in the core. */
export const expressionScope = (
  fold: ExecutionFold,
  options: ScopeOptions = {},
  newId?: () => string,
): ExpressionContext => {
  const info = fold.info;
  const env = info?.env ?? {};
  const current = options.task;
  const data: Record<string, unknown> = {
    ...(info?.input ?? {}),
    ...fold.context,
    __env: env,
    ...(options.inContext ?? current?.inContext ?? {}),
    ...(current ? { __task_execution: { id: current.id, name: current.name } } : {}),
    ...(options.extra ?? {}),
  };
  const functions: ExpressionFunctions = {
    task: (name?: string) => {
      const t = current && (name === undefined || name === null || name === current.name)
        ? current
        : name !== undefined && name !== null
          ? latestTaskExecution(fold, name)
          : undefined;
      return t ? taskView(fold, t) : null;
    },
    tasks: () => [...fold.tasks.values()].map((t) => taskView(fold, t)),
    execution: () =>
      info
        ? {
            id: info.id,
            name: info.workflowName,
            spec: info.spec,
            input: info.input,
            params: info.params,
            created_at: toMistralTime(info.createdAt),
            updated_at: toMistralTime(fold.updatedAt ?? info.createdAt),
            root_execution_id: info.parentExecutionId ? info.rootExecutionId : null,
          }
        : null,
    env: () => env,
    global: (name: string) => fold.context[name] ?? null,
    ...(newId ? { uuid: newId } : {}),
  };
  return { data, functions };
};
