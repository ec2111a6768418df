// better-sqlite3 behind the SqlDriver port. Pass the event store's own
// handle (`SqliteEventStore.database()`): read-model writes and the
// checkpoint then commit in one synchronous transaction in the same file,
// and nothing else can run on the handle in the middle of it.
import type { Database, Statement } from 'better-sqlite3';
import { sqliteDialect, type SqlStatement } from '../sql/dialect.js';
import type { SqlDriver } from '../sql/sql-driver.js';

export class SqliteDriver implements SqlDriver {
  readonly dialect = sqliteDialect;
  readonly #runAll: (statements: readonly SqlStatement[]) => void;
  // Prepared statements by SQL text; bounded because IN lists make many shapes.
  readonly #prepared = new Map<string, Statement>();

  constructor(private readonly db: Database) {
    this.#runAll = db.transaction((statements: readonly SqlStatement[]) => {
      for (const s of statements) {
        if (s.params.length === 0) db.exec(s.sql);
        else this.prepare(s.sql).run(...s.params);
      }
    });
  }

  async query<Row>(s: SqlStatement): Promise<Row[]> {
    return this.prepare(s.sql).all(...s.params) as Row[];
  }

  private prepare(sql: string): Statement {
    let prepared = this.#prepared.get(sql);
    if (!prepared) {
      if (this.#prepared.size >= 500) this.#prepared.clear();
      prepared = this.db.prepare(sql);
      this.#prepared.set(sql, prepared);
    }
    return prepared;
  }

  async executeAtomically(statements: readonly SqlStatement[]): Promise<void> {
    this.#runAll(statements);
  }
}
