// ActionExecutionRow → Mistral's ActionExecution resource. Mistral keeps an
// action's outcome as `{"result": ...}`, for errors too.
import type { ActionExecutionRow } from '@sirocco/projections';
import { pyJsonDumps } from '../http/python-json.js';

export const ACTION_EXECUTION_FIELDS = [
  'id',
  'workflow_name',
  'workflow_namespace',
  'task_name',
  'task_execution_id',
  'state',
  'state_info',
  'tags',
  'name',
  'description',
  'project_id',
  'accepted',
  'input',
  'output',
  'created_at',
  'updated_at',
  'params',
] as const;

export const ACTION_EXECUTION_FILTERS = [
  'created_at',
  'name',
  'state',
  'state_info',
  'updated_at',
  'input',
  'output',
  'task_name',
  'workflow_name',
  'task_execution_id',
  'accepted',
] as const;

/** `output` only for GET /v2/action_executions/{id}. */
export function presentActionExecution(
  row: ActionExecutionRow,
  withOutput: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: row.id,
    workflow_name: row.workflowName,
    workflow_namespace: row.workflowNamespace,
    task_name: row.taskName,
    task_execution_id: row.taskExecutionId,
    state: row.state,
    state_info: row.stateInfo,
    tags: null,
    name: row.name,
    description: '',
    project_id: row.projectId,
    accepted: row.accepted,
    input: pyJsonDumps(row.input),
  };
  if (withOutput) body['output'] = row.output ? pyJsonDumps({ result: row.output.value }) : '{}';
  body['created_at'] = row.createdAt;
  body['updated_at'] = row.updatedAt;
  return body;
}
