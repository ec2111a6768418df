import { describe, expect, it } from 'vitest';
import { changeToSql } from './changes-to-sql.js';
import { postgresDialect, sqliteDialect } from './dialect.js';

describe('changeToSql', () => {
  it('updates with set-if-null columns and numbered PostgreSQL placeholders', () => {
    const s = changeToSql(postgresDialect, {
      kind: 'update',
      table: 'rm_task_executions',
      key: { id: 't1' },
      set: { state: 'SUCCESS' },
      setIfNull: { started_at: '2026-01-01 00:00:00' },
    });
    expect(s.sql).toBe(
      'UPDATE rm_task_executions SET state = $1, started_at = COALESCE(started_at, $2) WHERE id = $3',
    );
    expect(s.params).toEqual(['SUCCESS', '2026-01-01 00:00:00', 't1']);
  });

  it('matches a null key value with IS NULL', () => {
    const s = changeToSql(sqliteDialect, {
      kind: 'update',
      table: 'rm_action_executions',
      key: { task_execution_id: 't1', item_index: null },
      set: { accepted: 0 },
    });
    expect(s.sql).toBe(
      'UPDATE rm_action_executions SET accepted = ? WHERE task_execution_id = ? AND item_index IS NULL',
    );
    expect(s.params).toEqual([0, 't1']);
  });

  it('inserts idempotently', () => {
    const s = changeToSql(sqliteDialect, {
      kind: 'insert',
      table: 'rm_workflows',
      values: { id: 'w', name: 'n' },
    });
    expect(s.sql).toBe('INSERT INTO rm_workflows (id, name) VALUES (?, ?) ON CONFLICT DO NOTHING');
  });

  it('refuses column names that are not identifiers', () => {
    expect(() =>
      changeToSql(sqliteDialect, { kind: 'delete', table: 'rm_workflows', key: { 'id; drop': 1 } }),
    ).toThrow();
  });
});
