// WorkflowRow → Mistral's Workflow resource.
import type { WorkflowRow } from '@sirocco/projections';
import { pyJsonDumps } from '../http/python-json.js';

export const WORKFLOW_FIELDS = [
  'id',
  'name',
  'namespace',
  'input',
  'interface',
  'definition',
  'tags',
  'scope',
  'project_id',
  'created_at',
  'updated_at',
] as const;

export const WORKFLOW_FILTERS = [
  'name',
  'input',
  'definition',
  'tags',
  'scope',
  'project_id',
  'created_at',
  'updated_at',
  'namespace',
] as const;

/**
 * `interface` is a JSON string in GET answers but an object in POST/PUT
 * answers (Mistral's text/plain handlers serialise differently); `updated_at`
 * is left out of POST answers, as Mistral does.
 */
export function presentWorkflow(
  row: WorkflowRow,
  mode: 'get' | 'post' | 'put' = 'get',
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    namespace: row.namespace,
    input: row.input,
    interface: mode === 'get' ? pyJsonDumps(row.interface) : row.interface,
    definition: row.definition,
    tags: row.tags,
    scope: row.scope,
    project_id: row.projectId,
    created_at: row.createdAt,
  };
  if (mode !== 'post') body['updated_at'] = row.updatedAt;
  return body;
}
