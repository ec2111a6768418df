// Read-model tables and the views the queries read. Plain SQL that SQLite
// and PostgreSQL both accept: JSON is kept as text (the API returns it as
// text anyway), booleans as 0/1, times in Mistral's sortable text form.
// `*_pos` columns hold the global position of the event that created or
// last changed a row: sorting by `created_at` uses it, so rows made in the
// same second keep the order they happened in.

import type { SqlDialect } from './dialect.js';

export function readModelSchema(dialect: SqlDialect): string[] {
  // SQLite has no CREATE OR REPLACE VIEW; PostgreSQL has no CREATE VIEW IF NOT EXISTS.
  const createView = dialect.name === 'sqlite' ? 'CREATE VIEW IF NOT EXISTS' : 'CREATE OR REPLACE VIEW';
  // Concurrent first starts of several processes would race on CREATE in PostgreSQL.
  const lock = dialect.name === 'postgres' ? ['SELECT pg_advisory_xact_lock(7230115)'] : [];
  return [
    ...lock,
    `CREATE TABLE IF NOT EXISTS rm_checkpoints (
     name TEXT PRIMARY KEY,
     position BIGINT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS rm_workflows (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     namespace TEXT NOT NULL,
     input TEXT NOT NULL,
     interface TEXT NOT NULL,
     definition TEXT NOT NULL,
     tags TEXT NOT NULL,
     scope TEXT NOT NULL,
     project_id TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT,
     created_pos BIGINT NOT NULL,
     updated_pos BIGINT)`,
    `CREATE INDEX IF NOT EXISTS rm_workflows_name ON rm_workflows (namespace, name)`,
    `CREATE TABLE IF NOT EXISTS rm_executions (
     id TEXT PRIMARY KEY,
     workflow_id TEXT NOT NULL,
     workflow_name TEXT NOT NULL,
     workflow_namespace TEXT NOT NULL,
     description TEXT NOT NULL,
     tags TEXT NOT NULL,
     params TEXT NOT NULL,
     input TEXT NOT NULL,
     output TEXT NOT NULL,
     state TEXT NOT NULL,
     state_info TEXT,
     task_execution_id TEXT,
     root_execution_id TEXT,
     project_id TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     created_pos BIGINT NOT NULL,
     updated_pos BIGINT NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS rm_executions_created ON rm_executions (created_pos)`,
    `CREATE INDEX IF NOT EXISTS rm_executions_parent_task ON rm_executions (task_execution_id)`,
    `CREATE TABLE IF NOT EXISTS rm_execution_task_specs (
     execution_id TEXT NOT NULL,
     task_name TEXT NOT NULL,
     type TEXT NOT NULL,
     with_items INTEGER NOT NULL,
     PRIMARY KEY (execution_id, task_name))`,
    `CREATE TABLE IF NOT EXISTS rm_task_executions (
     id TEXT PRIMARY KEY,
     execution_id TEXT NOT NULL,
     name TEXT NOT NULL,
     state TEXT NOT NULL,
     state_info TEXT,
     published TEXT NOT NULL,
     published_global TEXT,
     triggered_by TEXT NOT NULL,
     next_tasks TEXT,
     result_discarded INTEGER NOT NULL,
     processed INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     started_at TEXT,
     finished_at TEXT,
     created_pos BIGINT NOT NULL,
     updated_pos BIGINT NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS rm_task_executions_execution ON rm_task_executions (execution_id, created_pos)`,
    `CREATE TABLE IF NOT EXISTS rm_action_executions (
     id TEXT PRIMARY KEY,
     task_execution_id TEXT NOT NULL,
     execution_id TEXT NOT NULL,
     name TEXT NOT NULL,
     state TEXT NOT NULL,
     state_info TEXT,
     input TEXT NOT NULL,
     output TEXT,
     item_index INTEGER,
     attempt INTEGER NOT NULL,
     accepted INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     created_pos BIGINT NOT NULL,
     updated_pos BIGINT NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS rm_action_executions_task ON rm_action_executions (task_execution_id, item_index)`,
    // Workbooks and environments (the catalog's read models).
    `CREATE TABLE IF NOT EXISTS rm_workbooks (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     namespace TEXT NOT NULL,
     definition TEXT NOT NULL,
     tags TEXT NOT NULL,
     scope TEXT NOT NULL,
     project_id TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT,
     created_pos BIGINT NOT NULL,
     updated_pos BIGINT)`,
    `CREATE INDEX IF NOT EXISTS rm_workbooks_name ON rm_workbooks (namespace, name)`,
    `CREATE TABLE IF NOT EXISTS rm_environments (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     description TEXT,
     variables TEXT,
     scope TEXT NOT NULL,
     project_id TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT,
     created_pos BIGINT NOT NULL,
     updated_pos BIGINT)`,
    `CREATE INDEX IF NOT EXISTS rm_environments_name ON rm_environments (name)`,
    // Views: one row per API resource, columns named like the API's fields.
    `${createView} rm_tasks_view AS
     SELECT t.id, t.name, COALESCE(s.type, 'ACTION') AS type, COALESCE(s.with_items, 0) AS with_items,
            e.workflow_name, e.workflow_namespace, e.workflow_id, t.execution_id AS workflow_execution_id,
            t.state, t.state_info, t.published, t.published_global, t.triggered_by, t.result_discarded,
            t.processed, e.project_id,
            t.created_at, t.updated_at, t.started_at, t.finished_at, t.created_pos, t.updated_pos
       FROM rm_task_executions t
       JOIN rm_executions e ON e.id = t.execution_id
       LEFT JOIN rm_execution_task_specs s ON s.execution_id = t.execution_id AND s.task_name = t.name`,
    `${createView} rm_action_executions_view AS
     SELECT a.id, a.name, e.workflow_name, e.workflow_namespace, a.execution_id AS workflow_execution_id,
            t.name AS task_name, a.task_execution_id, a.state, a.state_info, a.input, a.output,
            a.accepted, a.item_index, a.attempt, e.project_id,
            a.created_at, a.updated_at, a.created_pos, a.updated_pos
       FROM rm_action_executions a
       JOIN rm_task_executions t ON t.id = a.task_execution_id
       JOIN rm_executions e ON e.id = a.execution_id`,
  ];
}

/** Everything the schema holds, children first, for a rebuild from zero. */
export const READ_MODEL_TABLES: readonly string[] = [
  'rm_action_executions',
  'rm_task_executions',
  'rm_execution_task_specs',
  'rm_executions',
  'rm_workflows',
  'rm_workbooks',
  'rm_environments',
  'rm_checkpoints',
];
