// ExecutionRow → Mistral's Execution resource (input, output, params as JSON text).
import type { ExecutionRow } from '@sirocco/projections';
import { pyJsonDumps } from '../http/python-json.js';

export const EXECUTION_FIELDS = [
  'id',
  'workflow_id',
  'workflow_name',
  'workflow_namespace',
  'description',
  'tags',
  'params',
  'task_execution_id',
  'root_execution_id',
  'source_execution_id',
  'state',
  'state_info',
  'input',
  'output',
  'created_at',
  'updated_at',
  'project_id',
  'published_global',
] as const;

export const EXECUTION_FILTERS = [
  'created_at',
  'workflow_name',
  'workflow_id',
  'tags',
  'params',
  'task_execution_id',
  'state',
  'state_info',
  'input',
  'output',
  'updated_at',
  'description',
  'project_id',
  'root_execution_id',
] as const;

export interface ExecutionPresentation {
  /** Lists leave `output` out unless `include_output=true`. */
  readonly withOutput: boolean;
  /** Only GET /v2/executions/{id} shows `published_global`. */
  readonly withPublishedGlobal: boolean;
}

export function presentExecution(row: ExecutionRow, how: ExecutionPresentation): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: row.id,
    workflow_id: row.workflowId,
    workflow_name: row.workflowName,
    workflow_namespace: row.workflowNamespace,
    description: row.description,
    tags: row.tags,
    params: pyJsonDumps(row.params),
    task_execution_id: row.taskExecutionId,
    root_execution_id: row.rootExecutionId,
    state: row.state,
    state_info: row.stateInfo,
    input: pyJsonDumps(row.input),
  };
  if (how.withOutput) body['output'] = pyJsonDumps(row.output);
  body['created_at'] = row.createdAt;
  body['updated_at'] = row.updatedAt;
  body['project_id'] = row.projectId;
  if (how.withPublishedGlobal) body['published_global'] = pyJsonDumps(row.publishedGlobal ?? {});
  return body;
}
