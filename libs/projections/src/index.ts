export type { ColumnValue, Columns, ReadModelChange, ReadModelTable } from './changes.js';
export type {
  ActionExecutionRow,
  ExecutionRow,
  JsonObject,
  TaskExecutionRow,
  TriggeredBy,
  WorkflowRow,
} from './read-model-rows.js';
export type { EnvironmentRow, WorkbookRow } from './read-model-rows.js';
export { projectCatalogEvent } from './project-catalog-event.js';
export type { ReadModelQueries, ReadModelStore } from './read-model-store.js';
export {
  FILTER_OPS,
  normaliseListQuery,
  parseFilterParam,
  type FieldFilter,
  type FilterOp,
  type ListQuery,
  type NormalisedListQuery,
  type SortDir,
} from './list-query.js';
export {
  RESOURCES,
  type FieldDef,
  type FieldKind,
  type ResourceDef,
  type ResourceName,
} from './resources.js';
export { projectEvent } from './project-event.js';
export { projectExecutionEvent } from './project-execution-event.js';
export { DEFAULT_PROJECT_ID, projectWorkflowDefinitionEvent } from './project-workflow-definition-event.js';
export { ProjectionRunner, type ProjectionRunnerOptions } from './projection-runner.js';
export { toMistralTimestamp, normaliseFilterTimestamp } from './timestamps.js';
export { pyRepr, pyStr } from './python-repr.js';
export { workflowInputSummary, workflowInterface } from './workflow-summary.js';
export { SqlReadModelStore } from './sql/sql-read-model-store.js';
export type { SqlDriver } from './sql/sql-driver.js';
export { postgresDialect, sqliteDialect, type SqlDialect, type SqlStatement } from './sql/dialect.js';
export { SqliteDriver } from './sqlite/sqlite-driver.js';
export { createSqliteReadModels } from './sqlite/create-sqlite-read-models.js';
export { PostgresDriver } from './postgres/postgres-driver.js';
export { createPostgresReadModels } from './postgres/create-postgres-read-models.js';
export { readModelAccess, type ReadModelAccess } from './read-model-access.js';
