// What a projection asks the store to do for one event: plain data, no SQL,
// so the same projection code feeds SQLite and PostgreSQL. Values are
// already column values (JSON fields serialised to text).

export type ColumnValue = string | number | null;
export type Columns = Readonly<Record<string, ColumnValue>>;

export type ReadModelTable =
  | 'rm_workflows'
  | 'rm_executions'
  | 'rm_execution_task_specs'
  | 'rm_task_executions'
  | 'rm_action_executions'
  | 'rm_workbooks'
  | 'rm_environments';

export type ReadModelChange =
  /** Inserts a row; a row with the same key is left as it is (replays are harmless). */
  | { readonly kind: 'insert'; readonly table: ReadModelTable; readonly values: Columns }
  /** Inserts or replaces the whole row. */
  | {
      readonly kind: 'upsert';
      readonly table: ReadModelTable;
      readonly key: Columns;
      readonly values: Columns;
    }
  /**
   * Updates the row with `key`: `set` always, `setIfNull` only where the
   * column is still null (first start time, for example).
   */
  | {
      readonly kind: 'update';
      readonly table: ReadModelTable;
      readonly key: Columns;
      readonly set: Columns;
      readonly setIfNull?: Columns;
    }
  | { readonly kind: 'delete'; readonly table: ReadModelTable; readonly key: Columns };
