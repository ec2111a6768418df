// EnvironmentRow → Mistral's Environment resource: `variables` as JSON text;
// fields never given are left out, as WSME leaves out unset attributes.
import type { EnvironmentRow } from '@sirocco/projections';
import { pyJsonDumps } from '../http/python-json.js';

export const ENVIRONMENT_FIELDS = [
  'id',
  'name',
  'description',
  'variables',
  'scope',
  'project_id',
  'created_at',
  'updated_at',
] as const;

export const ENVIRONMENT_FILTERS = [
  'name',
  'description',
  'variables',
  'scope',
  'created_at',
  'updated_at',
] as const;

/**
 * @param mode POST answers have no `updated_at`
 * @param keepNulls with `fields=`, Mistral shows a selected unset field as null
 */
export function presentEnvironment(
  row: EnvironmentRow,
  mode: 'get' | 'post' | 'put' = 'get',
  keepNulls = false,
): Record<string, unknown> {
  const body: Record<string, unknown> = { id: row.id, name: row.name };
  if (row.description !== null || keepNulls) body['description'] = row.description;
  if (row.variables !== null || keepNulls)
    body['variables'] = row.variables === null ? null : pyJsonDumps(row.variables);
  body['scope'] = row.scope;
  body['project_id'] = row.projectId;
  body['created_at'] = row.createdAt;
  if (mode !== 'post') body['updated_at'] = row.updatedAt;
  return body;
}
