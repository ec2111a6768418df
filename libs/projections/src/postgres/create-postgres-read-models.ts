import type { Pool } from 'pg';
import { SqlReadModelStore } from '../sql/sql-read-model-store.js';
import { PostgresDriver } from './postgres-driver.js';

/** Read models in PostgreSQL; the caller owns (and ends) the pool. */
export function createPostgresReadModels(pool: Pool): SqlReadModelStore {
  return new SqlReadModelStore(new PostgresDriver(pool));
}
