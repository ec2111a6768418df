// The read-model store over any SQL driver (SQLite, PostgreSQL): the same
// schema, projection changes and queries for both.
import { notFound } from '@sirocco/workflow';
import type { ReadModelChange } from '../changes.js';
import { normaliseListQuery, type ListQuery } from '../list-query.js';
import type { ReadModelStore } from '../read-model-store.js';
import type { ActionExecutionRow, ExecutionRow, TaskExecutionRow, WorkflowRow } from '../read-model-rows.js';
import type { EnvironmentRow, WorkbookRow } from '../read-model-rows.js';
import { RESOURCES, type ResourceName } from '../resources.js';
import { changeToSql, checkpointToSql } from './changes-to-sql.js';
import { statement } from './dialect.js';
import { listSql, markerValuesSql } from './query-to-sql.js';
import {
  toActionExecutionRow,
  toEnvironmentRow,
  toExecutionRow,
  toTaskExecutionRow,
  toWorkbookRow,
  toWorkflowRow,
  type SqlRow,
  type TriggeringTask,
} from './row-mapping.js';
import { READ_MODEL_TABLES, readModelSchema } from './schema.js';
import type { SqlDriver } from './sql-driver.js';

export class SqlReadModelStore implements ReadModelStore {
  constructor(private readonly driver: SqlDriver) {}

  async migrate(): Promise<void> {
    await this.driver.executeAtomically(
      readModelSchema(this.driver.dialect).map((sql) => ({ sql, params: [] })),
    );
  }

  async apply(projection: string, changes: readonly ReadModelChange[], position: number): Promise<void> {
    const d = this.driver.dialect;
    await this.driver.executeAtomically([
      ...changes.map((c) => changeToSql(d, c)),
      checkpointToSql(d, projection, position),
    ]);
  }

  async checkpoint(projection: string): Promise<number | undefined> {
    const rows = await this.query('SELECT position FROM rm_checkpoints WHERE name = {}', [projection]);
    return rows[0] ? Number(rows[0]['position']) : undefined;
  }

  async reset(): Promise<void> {
    await this.driver.executeAtomically(
      READ_MODEL_TABLES.map((t) => ({ sql: `DELETE FROM ${t}`, params: [] })),
    );
  }

  async listWorkflows(query: ListQuery): Promise<WorkflowRow[]> {
    return (await this.list('workflows', query)).map(toWorkflowRow);
  }

  async getWorkflow(id: string): Promise<WorkflowRow | undefined> {
    const row = await this.byId('workflows', id);
    return row && toWorkflowRow(row);
  }

  async findWorkflowByName(namespace: string, name: string): Promise<WorkflowRow | undefined> {
    const rows = await this.query('SELECT * FROM rm_workflows WHERE namespace = {} AND name = {}', [
      namespace,
      name,
    ]);
    return rows[0] && toWorkflowRow(rows[0]);
  }

  async listExecutions(query: ListQuery): Promise<ExecutionRow[]> {
    return (await this.list('executions', query)).map(toExecutionRow);
  }

  async getExecution(id: string): Promise<ExecutionRow | undefined> {
    const row = await this.byId('executions', id);
    if (!row) return undefined;
    const published = await this.query(
      'SELECT published_global FROM rm_task_executions WHERE execution_id = {} AND published_global IS NOT NULL ORDER BY updated_pos',
      [id],
    );
    const publishedGlobal: Record<string, unknown> = {};
    for (const p of published) Object.assign(publishedGlobal, JSON.parse(String(p['published_global'])));
    return { ...toExecutionRow(row), publishedGlobal };
  }

  async listTasks(query: ListQuery): Promise<TaskExecutionRow[]> {
    return this.withTriggerEvents(await this.list('tasks', query));
  }

  async getTask(id: string): Promise<TaskExecutionRow | undefined> {
    const row = await this.byId('tasks', id);
    return row && (await this.withTriggerEvents([row]))[0];
  }

  async getTaskResult(id: string): Promise<{ readonly value: unknown } | undefined> {
    const task = await this.byId('tasks', id);
    if (!task) return undefined;
    if (task['type'] === 'WORKFLOW') {
      const children = await this.query(
        'SELECT output, state FROM rm_executions WHERE task_execution_id = {} ORDER BY created_pos',
        [id],
      );
      const last = children[children.length - 1];
      return { value: last ? JSON.parse(String(last['output'])) : null };
    }
    const withItems = Number(task['with_items']) === 1;
    if (Number(task['result_discarded']) === 1) return { value: withItems ? [] : null };
    // Like the engine's taskResult(): accepted, finished attempts in item order.
    const outputs = (
      await this.query(
        `SELECT * FROM rm_action_executions WHERE task_execution_id = {} AND accepted = 1 AND state <> 'RUNNING'
          ORDER BY COALESCE(item_index, 0), created_pos`,
        [id],
      )
    ).map((row) => toActionExecutionRow(row).output?.value ?? null);
    if (withItems) return { value: outputs };
    return { value: outputs.length === 1 ? outputs[0] : outputs };
  }

  async listActionExecutions(query: ListQuery): Promise<ActionExecutionRow[]> {
    return (await this.list('action_executions', query)).map(toActionExecutionRow);
  }

  async getActionExecution(id: string): Promise<ActionExecutionRow | undefined> {
    const row = await this.byId('action_executions', id);
    return row && toActionExecutionRow(row);
  }

  async listWorkbooks(query: ListQuery): Promise<WorkbookRow[]> {
    return (await this.list('workbooks', query)).map(toWorkbookRow);
  }

  async findWorkbookByName(namespace: string, name: string): Promise<WorkbookRow | undefined> {
    const rows = await this.query('SELECT * FROM rm_workbooks WHERE namespace = {} AND name = {}', [
      namespace,
      name,
    ]);
    return rows[0] && toWorkbookRow(rows[0]);
  }

  async listEnvironments(query: ListQuery): Promise<EnvironmentRow[]> {
    return (await this.list('environments', query)).map(toEnvironmentRow);
  }

  async findEnvironmentByName(name: string): Promise<EnvironmentRow | undefined> {
    const rows = await this.query('SELECT * FROM rm_environments WHERE name = {}', [name]);
    return rows[0] && toEnvironmentRow(rows[0]);
  }

  private async list(resource: ResourceName, query: ListQuery): Promise<SqlRow[]> {
    const def = RESOURCES[resource];
    const normalised = normaliseListQuery(resource, query);
    let markerValues: (string | number | null)[] | undefined;
    if (normalised.marker !== undefined) {
      const rows = await this.driver.query<SqlRow>(
        markerValuesSql(this.driver.dialect, def, normalised, normalised.marker),
      );
      const row = rows[0];
      if (!row) throw notFound(def.notFoundMessage(normalised.marker));
      markerValues = normalised.sortKeys.map((_, i) => row[`k${i}`] as string | number | null);
    }
    return this.driver.query<SqlRow>(listSql(this.driver.dialect, def, normalised, markerValues));
  }

  private async byId(resource: ResourceName, id: string): Promise<SqlRow | undefined> {
    const rows = await this.query(`SELECT * FROM ${RESOURCES[resource].source} WHERE id = {}`, [id]);
    return rows[0];
  }

  private async withTriggerEvents(rows: SqlRow[]): Promise<TaskExecutionRow[]> {
    const triggerIds = new Set<string>();
    for (const row of rows)
      for (const id of JSON.parse(String(row['triggered_by'] ?? '[]')) as string[]) triggerIds.add(id);
    const triggering = new Map<string, TriggeringTask>();
    if (triggerIds.size > 0) {
      const ids = [...triggerIds];
      const found = await this.query(
        `SELECT id, state, next_tasks FROM rm_task_executions WHERE id IN (${ids.map(() => '{}').join(', ')})`,
        ids,
      );
      for (const t of found) {
        triggering.set(String(t['id']), {
          state: String(t['state']),
          nextTasks: t['next_tasks'] ? (JSON.parse(String(t['next_tasks'])) as [string, string][]) : [],
        });
      }
    }
    return rows.map((row) => toTaskExecutionRow(row, triggering));
  }

  private query(template: string, params: readonly (string | number | null)[]): Promise<SqlRow[]> {
    return this.driver.query<SqlRow>(statement(this.driver.dialect, template, params));
  }
}
