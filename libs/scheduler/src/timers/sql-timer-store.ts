// The timer table and checkpoint over the read models' SQL driver (SQLite in
// standalone mode, PostgreSQL in distributed mode). Same SQL for both.
import type { SqlDriver, SqlStatement } from '@sirocco/projections';
import type { PendingTimer, TimerChange } from './timer-changes.js';
import type { StoredTimers, TimerStore } from './timer-store.js';

export class SqlTimerStore implements TimerStore {
  constructor(private readonly driver: SqlDriver) {}

  async migrate(): Promise<void> {
    // Concurrent first starts of two schedulers would race on CREATE in PostgreSQL.
    const lock = this.driver.dialect.name === 'postgres' ? ['SELECT pg_advisory_xact_lock(7230116)'] : [];
    await this.driver.executeAtomically(
      [
        ...lock,
        `CREATE TABLE IF NOT EXISTS scheduler_timers (
         timer_id TEXT PRIMARY KEY,
         execution_id TEXT NOT NULL,
         fire_at BIGINT NOT NULL)`,
        'CREATE INDEX IF NOT EXISTS scheduler_timers_execution ON scheduler_timers (execution_id)',
        `CREATE TABLE IF NOT EXISTS scheduler_checkpoints (
         name TEXT PRIMARY KEY,
         position BIGINT NOT NULL)`,
      ].map((sql) => ({ sql, params: [] })),
    );
  }

  async load(name: string): Promise<StoredTimers> {
    const rows = await this.driver.query<{
      timer_id: string;
      execution_id: string;
      fire_at: number | string;
    }>({
      sql: 'SELECT timer_id, execution_id, fire_at FROM scheduler_timers',
      params: [],
    });
    const checkpoint = await this.driver.query<{ position: number | string }>(
      this.#sql('SELECT position FROM scheduler_checkpoints WHERE name = {}', [name]),
    );
    const timers: PendingTimer[] = rows.map((r) => ({
      timerId: r.timer_id,
      executionId: r.execution_id,
      fireAt: Number(r.fire_at),
    }));
    return { timers, checkpoint: checkpoint[0] ? Number(checkpoint[0].position) : undefined };
  }

  async apply(name: string, changes: readonly TimerChange[], position: number): Promise<void> {
    await this.driver.executeAtomically([
      ...changes.map((c) => this.#changeSql(c)),
      this.#sql(
        `INSERT INTO scheduler_checkpoints (name, position) VALUES ({}, {})
         ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
        [name, position],
      ),
    ]);
  }

  #changeSql(change: TimerChange): SqlStatement {
    switch (change.kind) {
      case 'scheduled':
        return this.#sql(
          `INSERT INTO scheduler_timers (timer_id, execution_id, fire_at) VALUES ({}, {}, {})
           ON CONFLICT (timer_id) DO NOTHING`,
          [change.timer.timerId, change.timer.executionId, change.timer.fireAt],
        );
      case 'settled':
        return this.#sql('DELETE FROM scheduler_timers WHERE timer_id = {}', [change.timerId]);
      case 'execution-ended':
        return this.#sql('DELETE FROM scheduler_timers WHERE execution_id = {}', [change.executionId]);
    }
  }

  #sql(template: string, params: readonly (string | number)[]): SqlStatement {
    let n = 0;
    return { sql: template.replace(/\{\}/g, () => this.driver.dialect.placeholder(++n)), params };
  }
}
