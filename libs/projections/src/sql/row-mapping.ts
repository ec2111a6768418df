// SQL rows (column names as in ./schema.ts) → read-model rows.
import type {
  ActionExecutionRow,
  EnvironmentRow,
  ExecutionRow,
  JsonObject,
  TaskExecutionRow,
  TriggeredBy,
  WorkbookRow,
  WorkflowRow,
} from '../read-model-rows.js';

export type SqlRow = Record<string, unknown>;

const str = (row: SqlRow, column: string): string => String(row[column] ?? '');
const nullableStr = (row: SqlRow, column: string): string | null =>
  row[column] === null || row[column] === undefined ? null : String(row[column]);
const parsed = <T>(row: SqlRow, column: string, fallback: T): T => {
  const raw = row[column];
  return typeof raw === 'string' ? (JSON.parse(raw) as T) : fallback;
};
const flag = (row: SqlRow, column: string): boolean => Number(row[column]) === 1;

export function toWorkflowRow(row: SqlRow): WorkflowRow {
  return {
    id: str(row, 'id'),
    name: str(row, 'name'),
    namespace: str(row, 'namespace'),
    input: str(row, 'input'),
    interface: parsed(row, 'interface', { input: [], output: [] }),
    definition: str(row, 'definition'),
    tags: parsed(row, 'tags', []),
    scope: str(row, 'scope') === 'public' ? 'public' : 'private',
    projectId: str(row, 'project_id'),
    createdAt: str(row, 'created_at'),
    updatedAt: nullableStr(row, 'updated_at'),
  };
}

export function toExecutionRow(row: SqlRow): ExecutionRow {
  return {
    id: str(row, 'id'),
    workflowId: str(row, 'workflow_id'),
    workflowName: str(row, 'workflow_name'),
    workflowNamespace: str(row, 'workflow_namespace'),
    description: str(row, 'description'),
    tags: parsed(row, 'tags', []),
    params: parsed<JsonObject>(row, 'params', {}),
    input: parsed<JsonObject>(row, 'input', {}),
    output: parsed<JsonObject>(row, 'output', {}),
    state: str(row, 'state'),
    stateInfo: nullableStr(row, 'state_info'),
    taskExecutionId: nullableStr(row, 'task_execution_id'),
    rootExecutionId: nullableStr(row, 'root_execution_id'),
    projectId: str(row, 'project_id'),
    createdAt: str(row, 'created_at'),
    updatedAt: str(row, 'updated_at'),
  };
}

/** A task that triggered others: how it completed and which clause led where. */
export interface TriggeringTask {
  readonly state: string;
  readonly nextTasks: readonly (readonly [string, string])[];
}

/** `triggeredBy` needs the triggering tasks to name the clause (on-success, on-error, on-complete). */
export function toTaskExecutionRow(
  row: SqlRow,
  triggering: ReadonlyMap<string, TriggeringTask>,
): TaskExecutionRow {
  const name = str(row, 'name');
  const triggeredBy = parsed<string[]>(row, 'triggered_by', []);
  const eventOf = (id: string): string => {
    const t = triggering.get(id);
    if (!t) return 'on-complete';
    return t.nextTasks.find(([next]) => next === name)?.[1] ?? triggerEventFor(t.state);
  };
  const runtimeContext: { triggered_by?: TriggeredBy[] } =
    triggeredBy.length > 0
      ? { triggered_by: triggeredBy.map((id) => ({ task_id: id, event: eventOf(id) })) }
      : {};
  return {
    id: str(row, 'id'),
    name,
    type: str(row, 'type') === 'WORKFLOW' ? 'WORKFLOW' : 'ACTION',
    workflowName: str(row, 'workflow_name'),
    workflowNamespace: str(row, 'workflow_namespace'),
    workflowId: str(row, 'workflow_id'),
    workflowExecutionId: str(row, 'workflow_execution_id'),
    state: str(row, 'state'),
    stateInfo: nullableStr(row, 'state_info'),
    runtimeContext,
    published: parsed<JsonObject>(row, 'published', {}),
    publishedGlobal: parsed<JsonObject | null>(row, 'published_global', null),
    processed: flag(row, 'processed'),
    projectId: str(row, 'project_id'),
    createdAt: str(row, 'created_at'),
    updatedAt: str(row, 'updated_at'),
    startedAt: nullableStr(row, 'started_at'),
    finishedAt: nullableStr(row, 'finished_at'),
  };
}

export function toActionExecutionRow(row: SqlRow): ActionExecutionRow {
  const itemIndex = row['item_index'];
  return {
    id: str(row, 'id'),
    name: str(row, 'name'),
    workflowName: str(row, 'workflow_name'),
    workflowNamespace: str(row, 'workflow_namespace'),
    workflowExecutionId: str(row, 'workflow_execution_id'),
    taskName: str(row, 'task_name'),
    taskExecutionId: str(row, 'task_execution_id'),
    state: str(row, 'state'),
    stateInfo: nullableStr(row, 'state_info'),
    input: parsed<JsonObject>(row, 'input', {}),
    output: parsed<{ value: unknown } | undefined>(row, 'output', undefined),
    accepted: flag(row, 'accepted'),
    itemIndex: itemIndex === null || itemIndex === undefined ? null : Number(itemIndex),
    attempt: Number(row['attempt'] ?? 1),
    projectId: str(row, 'project_id'),
    createdAt: str(row, 'created_at'),
    updatedAt: str(row, 'updated_at'),
  };
}

/** Mistral names the transition by the outcome of the task that took it. */
export function triggerEventFor(state: string): string {
  if (state === 'SUCCESS') return 'on-success';
  if (state === 'ERROR') return 'on-error';
  return 'on-complete';
}

export function toWorkbookRow(row: SqlRow): WorkbookRow {
  return {
    id: str(row, 'id'),
    name: str(row, 'name'),
    namespace: str(row, 'namespace'),
    definition: str(row, 'definition'),
    tags: parsed(row, 'tags', []),
    scope: str(row, 'scope') === 'public' ? 'public' : 'private',
    projectId: str(row, 'project_id'),
    createdAt: str(row, 'created_at'),
    updatedAt: nullableStr(row, 'updated_at'),
  };
}

export function toEnvironmentRow(row: SqlRow): EnvironmentRow {
  return {
    id: str(row, 'id'),
    name: str(row, 'name'),
    description: nullableStr(row, 'description'),
    variables: parsed<JsonObject | null>(row, 'variables', null),
    scope: str(row, 'scope') === 'public' ? 'public' : 'private',
    projectId: str(row, 'project_id'),
    createdAt: str(row, 'created_at'),
    updatedAt: nullableStr(row, 'updated_at'),
  };
}
