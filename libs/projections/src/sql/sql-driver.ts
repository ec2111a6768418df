// What the SQL read-model store needs from a database client.
import type { SqlDialect, SqlStatement } from './dialect.js';

export interface SqlDriver {
  readonly dialect: SqlDialect;
  query<Row>(statement: SqlStatement): Promise<Row[]>;
  /** Runs the statements in one transaction: all commit or none. */
  executeAtomically(statements: readonly SqlStatement[]): Promise<void>;
}
