// Workbook and environment events → rows of rm_workbooks / rm_environments.
// The event types belong to @sirocco/catalog, which this library may not
// depend on: the fields read here are declared as this projection needs
// them (the REST API tests check both ends together).
import type { RecordedEvent } from '@sirocco/eventstore';
import type { ReadModelChange } from './changes.js';
import { DEFAULT_PROJECT_ID } from './project-workflow-definition-event.js';
import { toMistralTimestamp } from './timestamps.js';

interface WorkbookSaved {
  readonly workbookId: string;
  readonly name: string;
  readonly namespace: string;
  readonly definition: string;
  readonly tags: readonly string[];
  readonly scope: string;
  readonly at: string;
}

interface EnvironmentSaved {
  readonly environmentId: string;
  readonly name: string;
  readonly description: string | null;
  readonly variables: Readonly<Record<string, unknown>> | null;
  readonly scope: string;
  readonly at: string;
}

export const CATALOG_EVENT_TYPES: ReadonlySet<string> = new Set([
  'WorkbookCreated',
  'WorkbookUpdated',
  'WorkbookDeleted',
  'EnvironmentCreated',
  'EnvironmentUpdated',
  'EnvironmentDeleted',
]);

/** Changes for a workbook or environment event; nothing for other events. */
export function projectCatalogEvent(event: RecordedEvent): ReadModelChange[] {
  const position = event.position;
  switch (event.type) {
    case 'WorkbookCreated':
    case 'WorkbookUpdated': {
      const d = event.data as WorkbookSaved;
      const content = {
        name: d.name,
        namespace: d.namespace,
        definition: d.definition,
        tags: JSON.stringify(d.tags),
        scope: d.scope,
      };
      return [saved('rm_workbooks', d.workbookId, content, event.type === 'WorkbookCreated', d.at, position)];
    }
    case 'WorkbookDeleted':
      return [
        { kind: 'delete', table: 'rm_workbooks', key: { id: (event.data as WorkbookSaved).workbookId } },
      ];
    case 'EnvironmentCreated':
    case 'EnvironmentUpdated': {
      const d = event.data as EnvironmentSaved;
      const content = {
        name: d.name,
        description: d.description,
        variables: d.variables === null ? null : JSON.stringify(d.variables),
        scope: d.scope,
      };
      return [
        saved(
          'rm_environments',
          d.environmentId,
          content,
          event.type === 'EnvironmentCreated',
          d.at,
          position,
        ),
      ];
    }
    case 'EnvironmentDeleted':
      return [
        {
          kind: 'delete',
          table: 'rm_environments',
          key: { id: (event.data as EnvironmentSaved).environmentId },
        },
      ];
    default:
      return [];
  }
}

function saved(
  table: 'rm_workbooks' | 'rm_environments',
  id: string,
  content: Readonly<Record<string, string | null>>,
  created: boolean,
  at: string,
  position: number,
): ReadModelChange {
  const time = toMistralTimestamp(at);
  if (created) {
    return {
      kind: 'upsert',
      table,
      key: { id },
      values: {
        ...content,
        project_id: DEFAULT_PROJECT_ID,
        created_at: time,
        updated_at: null,
        created_pos: position,
        updated_pos: null,
      },
    };
  }
  return { kind: 'update', table, key: { id }, set: { ...content, updated_at: time, updated_pos: position } };
}
