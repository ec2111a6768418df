// The port the API reads through and the projection runner writes through.
// Adapters: SQL over SQLite (embedded mode) and PostgreSQL (distributed).
import type { ReadModelChange } from './changes.js';
import type { ListQuery } from './list-query.js';
import type { ActionExecutionRow, ExecutionRow, TaskExecutionRow, WorkflowRow } from './read-model-rows.js';
import type { EnvironmentRow, WorkbookRow } from './read-model-rows.js';

export interface ReadModelQueries {
  listWorkflows(query: ListQuery): Promise<WorkflowRow[]>;
  getWorkflow(id: string): Promise<WorkflowRow | undefined>;
  findWorkflowByName(namespace: string, name: string): Promise<WorkflowRow | undefined>;
  listExecutions(query: ListQuery): Promise<ExecutionRow[]>;
  getExecution(id: string): Promise<ExecutionRow | undefined>;
  listTasks(query: ListQuery): Promise<TaskExecutionRow[]>;
  getTask(id: string): Promise<TaskExecutionRow | undefined>;
  /**
   * A task's `result`: its action's output; for with-items tasks the list of
   * item results in item order; for subworkflow tasks the child's output.
   * Undefined when the task does not exist.
   */
  getTaskResult(id: string): Promise<{ readonly value: unknown } | undefined>;
  listActionExecutions(query: ListQuery): Promise<ActionExecutionRow[]>;
  getActionExecution(id: string): Promise<ActionExecutionRow | undefined>;
  listWorkbooks(query: ListQuery): Promise<WorkbookRow[]>;
  findWorkbookByName(namespace: string, name: string): Promise<WorkbookRow | undefined>;
  listEnvironments(query: ListQuery): Promise<EnvironmentRow[]>;
  findEnvironmentByName(name: string): Promise<EnvironmentRow | undefined>;
}

export interface ReadModelStore extends ReadModelQueries {
  /** Creates the tables and views when missing. */
  migrate(): Promise<void>;
  /** Applies one event's changes and moves the checkpoint to `position`, atomically. */
  apply(projection: string, changes: readonly ReadModelChange[], position: number): Promise<void>;
  checkpoint(projection: string): Promise<number | undefined>;
  /** Deletes every row and checkpoint, for a rebuild from zero. */
  reset(): Promise<void>;
}
