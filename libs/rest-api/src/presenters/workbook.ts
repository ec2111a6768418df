// WorkbookRow → Mistral's Workbook resource.
import type { WorkbookRow } from '@sirocco/projections';

export const WORKBOOK_FIELDS = [
  'id',
  'name',
  'namespace',
  'definition',
  'tags',
  'scope',
  'project_id',
  'created_at',
  'updated_at',
] as const;

export const WORKBOOK_FILTERS = [
  'created_at',
  'definition',
  'name',
  'scope',
  'tags',
  'updated_at',
  'namespace',
] as const;

/** POST answers have no `updated_at` (Mistral's text/plain handlers). */
export function presentWorkbook(
  row: WorkbookRow,
  mode: 'get' | 'post' | 'put' = 'get',
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: row.id,
    name: row.name,
    namespace: row.namespace,
    definition: row.definition,
    tags: row.tags,
    scope: row.scope,
    project_id: row.projectId,
    created_at: row.createdAt,
  };
  if (mode !== 'post') body['updated_at'] = row.updatedAt;
  return body;
}
