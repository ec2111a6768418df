// Read-model changes → SQL statements (pure). The store runs them, plus the
// checkpoint, in one transaction.
import type { ColumnValue, Columns, ReadModelChange } from '../changes.js';
import { statement, type SqlDialect, type SqlStatement } from './dialect.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function names(columns: Columns): string[] {
  const keys = Object.keys(columns);
  for (const k of keys) if (!IDENTIFIER.test(k)) throw new Error(`Bad column name: ${k}`);
  return keys;
}

const values = (columns: Columns): ColumnValue[] => Object.values(columns);

// `col = NULL` matches nothing; a null key value means "is null". Plain `=`
// otherwise, so PostgreSQL can use its indexes.
function keyCondition(key: Columns): { sql: string; params: ColumnValue[] } {
  const cols = names(key);
  return {
    sql: cols.map((c) => (key[c] === null ? `${c} IS NULL` : `${c} = {}`)).join(' AND '),
    params: cols.map((c) => key[c] ?? null).filter((v) => v !== null),
  };
}

export function changeToSql(dialect: SqlDialect, change: ReadModelChange): SqlStatement {
  switch (change.kind) {
    case 'insert': {
      const cols = names(change.values);
      return statement(
        dialect,
        `INSERT INTO ${change.table} (${cols.join(', ')}) VALUES (${cols.map(() => '{}').join(', ')}) ON CONFLICT DO NOTHING`,
        values(change.values),
      );
    }
    case 'upsert': {
      const keyCols = names(change.key);
      const valueCols = names(change.values);
      const all = [...keyCols, ...valueCols];
      return statement(
        dialect,
        `INSERT INTO ${change.table} (${all.join(', ')}) VALUES (${all.map(() => '{}').join(', ')})
         ON CONFLICT (${keyCols.join(', ')}) DO UPDATE SET ${valueCols.map((c) => `${c} = excluded.${c}`).join(', ')}`,
        [...values(change.key), ...values(change.values)],
      );
    }
    case 'update': {
      const setCols = names(change.set);
      const ifNull = change.setIfNull ?? {};
      const ifNullCols = names(ifNull);
      const assignments = [
        ...setCols.map((c) => `${c} = {}`),
        ...ifNullCols.filter((c) => !setCols.includes(c)).map((c) => `${c} = COALESCE(${c}, {})`),
      ];
      const where = keyCondition(change.key);
      return statement(dialect, `UPDATE ${change.table} SET ${assignments.join(', ')} WHERE ${where.sql}`, [
        ...values(change.set),
        ...ifNullCols.filter((c) => !setCols.includes(c)).map((c) => ifNull[c] ?? null),
        ...where.params,
      ]);
    }
    case 'delete': {
      const where = keyCondition(change.key);
      return statement(dialect, `DELETE FROM ${change.table} WHERE ${where.sql}`, where.params);
    }
  }
}

export function checkpointToSql(dialect: SqlDialect, name: string, position: number): SqlStatement {
  return statement(
    dialect,
    `INSERT INTO rm_checkpoints (name, position) VALUES ({}, {})
     ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
    [name, position],
  );
}
