// TaskExecutionRow → Mistral's Task resource.
import type { TaskExecutionRow } from '@sirocco/projections';
import { pyJsonDumps } from '../http/python-json.js';

export const TASK_FIELDS = [
  'id',
  'name',
  'type',
  'workflow_name',
  'workflow_namespace',
  'workflow_id',
  'workflow_execution_id',
  'tags',
  'state',
  'state_info',
  'project_id',
  'runtime_context',
  'result',
  'published',
  'published_global',
  'processed',
  'created_at',
  'updated_at',
  'started_at',
  'finished_at',
  'reset',
  'env',
] as const;

export const TASK_FILTERS = [
  'created_at',
  'workflow_name',
  'workflow_id',
  'state',
  'state_info',
  'updated_at',
  'name',
  'workflow_execution_id',
  'published',
  'processed',
] as const;

/** `result` only for GET /v2/tasks/{id} (lists leave it out, as Mistral does). */
export function presentTask(
  row: TaskExecutionRow,
  result?: { readonly value: unknown },
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    type: row.type,
    workflow_name: row.workflowName,
    workflow_namespace: row.workflowNamespace,
    workflow_id: row.workflowId,
    workflow_execution_id: row.workflowExecutionId,
    tags: [],
    state: row.state,
    state_info: row.stateInfo,
    project_id: row.projectId,
    runtime_context: pyJsonDumps(row.runtimeContext),
  };
  if (result) body['result'] = pyJsonDumps(result.value);
  body['published'] = pyJsonDumps(row.published);
  if (result && row.publishedGlobal && Object.keys(row.publishedGlobal).length > 0) {
    body['published_global'] = pyJsonDumps(row.publishedGlobal);
  }
  body['processed'] = row.processed;
  body['created_at'] = row.createdAt;
  body['updated_at'] = row.updatedAt;
  body['started_at'] = row.startedAt;
  body['finished_at'] = row.finishedAt;
  return body;
}
