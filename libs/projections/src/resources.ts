// Which API fields of each resource can be filtered and sorted, and the SQL
// behind them. Field names are Mistral's; the SQL reads the views and tables
// of ./sql/schema.ts.

export type FieldKind = 'text' | 'int' | 'bool' | 'time';

export interface FieldDef {
  /** SQL expression for filters. */
  readonly column: string;
  readonly kind: FieldKind;
  readonly filterable: boolean;
  readonly sortable: boolean;
  /** SQL expression for ORDER BY and markers, when not `column` (never null). */
  readonly sortExpr?: string;
}

export interface ResourceDef {
  /** Table or view with one row per resource. */
  readonly source: string;
  /** Mistral's text when a marker (or id) names no row. */
  readonly notFoundMessage: (id: string) => string;
  readonly fields: Readonly<Record<string, FieldDef>>;
}

const text = (column: string, nullable = false): FieldDef => ({
  column,
  kind: 'text',
  filterable: true,
  sortable: true,
  ...(nullable ? { sortExpr: `COALESCE(${column}, '')` } : {}),
});
const json = (column: string): FieldDef => ({ column, kind: 'text', filterable: true, sortable: false });
const bool = (column: string): FieldDef => ({ column, kind: 'bool', filterable: true, sortable: true });
const int = (column: string): FieldDef => ({
  column,
  kind: 'int',
  filterable: true,
  sortable: true,
  sortExpr: `COALESCE(${column}, -1)`,
});
// Sorting by a time uses the position of the event behind it: same-second rows keep their order.
const time = (column: string, positionColumn: string): FieldDef => ({
  column,
  kind: 'time',
  filterable: true,
  sortable: true,
  sortExpr: `COALESCE(${positionColumn}, -1)`,
});

const RESOURCE_DEFS = {
  workflows: {
    source: 'rm_workflows',
    notFoundMessage: (id) => `Workflow not found [workflow_id=${id}]`,
    fields: {
      id: text('id'),
      name: text('name'),
      namespace: text('namespace'),
      input: text('input'),
      definition: text('definition'),
      tags: json('tags'),
      scope: text('scope'),
      project_id: text('project_id'),
      created_at: time('created_at', 'created_pos'),
      updated_at: time('updated_at', 'updated_pos'),
    },
  },
  executions: {
    source: 'rm_executions',
    notFoundMessage: (id) => `WorkflowExecution not found [id=${id}]`,
    fields: {
      id: text('id'),
      workflow_id: text('workflow_id'),
      workflow_name: text('workflow_name'),
      workflow_namespace: text('workflow_namespace'),
      description: text('description'),
      tags: json('tags'),
      params: json('params'),
      input: json('input'),
      output: json('output'),
      state: text('state'),
      state_info: text('state_info', true),
      task_execution_id: text('task_execution_id', true),
      root_execution_id: text('root_execution_id', true),
      project_id: text('project_id'),
      created_at: time('created_at', 'created_pos'),
      updated_at: time('updated_at', 'updated_pos'),
    },
  },
  tasks: {
    source: 'rm_tasks_view',
    notFoundMessage: (id) => `Task execution not found [id=${id}]`,
    fields: {
      id: text('id'),
      name: text('name'),
      type: text('type'),
      workflow_name: text('workflow_name'),
      workflow_namespace: text('workflow_namespace'),
      workflow_id: text('workflow_id'),
      workflow_execution_id: text('workflow_execution_id'),
      state: text('state'),
      state_info: text('state_info', true),
      published: json('published'),
      processed: bool('processed'),
      project_id: text('project_id'),
      created_at: time('created_at', 'created_pos'),
      updated_at: time('updated_at', 'updated_pos'),
      started_at: text('started_at', true),
      finished_at: text('finished_at', true),
    },
  },
  action_executions: {
    source: 'rm_action_executions_view',
    notFoundMessage: (id) => `ActionExecution not found [id=${id}]`,
    fields: {
      id: text('id'),
      name: text('name'),
      workflow_name: text('workflow_name'),
      workflow_namespace: text('workflow_namespace'),
      task_name: text('task_name'),
      task_execution_id: text('task_execution_id'),
      state: text('state'),
      state_info: text('state_info', true),
      input: json('input'),
      output: json('output'),
      accepted: bool('accepted'),
      item_index: int('item_index'),
      project_id: text('project_id'),
      created_at: time('created_at', 'created_pos'),
      updated_at: time('updated_at', 'updated_pos'),
    },
  },
  workbooks: {
    source: 'rm_workbooks',
    notFoundMessage: (id) => `Workbook not found [id=${id}]`,
    fields: {
      id: text('id'),
      name: text('name'),
      namespace: text('namespace'),
      definition: text('definition'),
      tags: json('tags'),
      scope: text('scope'),
      project_id: text('project_id'),
      created_at: time('created_at', 'created_pos'),
      updated_at: time('updated_at', 'updated_pos'),
    },
  },
  environments: {
    source: 'rm_environments',
    notFoundMessage: (id) => `Environment not found [id=${id}]`,
    fields: {
      id: text('id'),
      name: text('name'),
      description: text('description', true),
      variables: json('variables'),
      scope: text('scope'),
      project_id: text('project_id'),
      created_at: time('created_at', 'created_pos'),
      updated_at: time('updated_at', 'updated_pos'),
    },
  },
} satisfies Record<string, ResourceDef>;

export type ResourceName = keyof typeof RESOURCE_DEFS;
export const RESOURCES: Readonly<Record<ResourceName, ResourceDef>> = RESOURCE_DEFS;
