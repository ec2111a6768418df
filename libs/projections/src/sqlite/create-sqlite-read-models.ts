// Embedded mode in one call: read models in the event store's SQLite file.
import type { Database } from 'better-sqlite3';
import { SqlReadModelStore } from '../sql/sql-read-model-store.js';
import { SqliteDriver } from './sqlite-driver.js';

export function createSqliteReadModels(db: Database): SqlReadModelStore {
  return new SqlReadModelStore(new SqliteDriver(db));
}
