// node-postgres behind the SqlDriver port (distributed mode). The read
// models may live in the event store's database or another one; the
// checkpoint is always in the same transaction as the rows.
import type { Pool, PoolClient } from 'pg';
import { postgresDialect, type SqlStatement } from '../sql/dialect.js';
import type { SqlDriver } from '../sql/sql-driver.js';

export class PostgresDriver implements SqlDriver {
  readonly dialect = postgresDialect;

  constructor(private readonly pool: Pool) {}

  async query<Row>(s: SqlStatement): Promise<Row[]> {
    const result = await this.pool.query(s.sql, [...s.params]);
    return result.rows as Row[];
  }

  async executeAtomically(statements: readonly SqlStatement[]): Promise<void> {
    const client: PoolClient = await this.pool.connect();
    try {
      await client.query('BEGIN');
      for (const s of statements) await client.query(s.sql, [...s.params]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
