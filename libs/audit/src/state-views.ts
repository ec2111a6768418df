// The parts of an execution that replay compares, taken from two sources
// in the same shape: the fold of the events (the truth) and the read model.
import type { ExecutionRow, ReadModelQueries, TaskExecutionRow } from '@sirocco/projections';
import { normaliseListQuery } from '@sirocco/projections';
import { taskResult, type ExecutionFold } from '@sirocco/workflow';

export interface TaskView {
  readonly name: string;
  readonly state: string;
  readonly state_info: string | null;
  readonly published: unknown;
  readonly result: unknown;
}

export interface ExecutionView {
  readonly execution: {
    readonly state: string;
    readonly state_info: string | null;
    readonly output: unknown;
  };
  /** By task execution id, in creation order. */
  readonly tasks: ReadonlyMap<string, TaskView>;
}

export type ReadModelReader = Pick<ReadModelQueries, 'getExecution' | 'listTasks' | 'getTaskResult'>;

export function viewOfFold(fold: ExecutionFold): ExecutionView {
  const tasks = new Map<string, TaskView>();
  for (const t of fold.tasks.values()) {
    tasks.set(t.id, {
      name: t.name,
      state: t.state,
      state_info: t.stateInfo ?? null,
      published: t.published,
      result: taskResult(fold, t),
    });
  }
  return {
    // The read model shows `{}` until the execution completes, as Mistral does.
    execution: { state: fold.state, state_info: fold.stateInfo ?? null, output: fold.output ?? {} },
    tasks,
  };
}

export async function viewOfReadModel(
  readModels: ReadModelReader,
  executionId: string,
): Promise<ExecutionView | undefined> {
  const row: ExecutionRow | undefined = await readModels.getExecution(executionId);
  if (!row) return undefined;
  const rows: TaskExecutionRow[] = await readModels.listTasks(
    normaliseListQuery('tasks', {
      filters: [{ field: 'workflow_execution_id', op: 'eq', value: executionId }],
    }),
  );
  const tasks = new Map<string, TaskView>();
  for (const t of rows) {
    const result = await readModels.getTaskResult(t.id);
    tasks.set(t.id, {
      name: t.name,
      state: t.state,
      state_info: t.stateInfo,
      published: t.published,
      result: result?.value,
    });
  }
  return { execution: { state: row.state, state_info: row.stateInfo, output: row.output }, tasks };
}
