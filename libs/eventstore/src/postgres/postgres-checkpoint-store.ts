import type pg from 'pg';
import type { CheckpointStore } from '../checkpoint-store.js';
import { tables } from './schema.js';

/** Checkpoints next to the events (same schema), e.g. `new PostgresCheckpointStore(store.pool(), 'sirocco')`. */
export class PostgresCheckpointStore implements CheckpointStore {
  readonly #pool: pg.Pool;
  readonly #table: string;

  constructor(pool: pg.Pool, schema = 'sirocco') {
    this.#pool = pool;
    this.#table = tables(schema).checkpoints;
  }

  async load(name: string): Promise<number | undefined> {
    const { rows } = await this.#pool.query<{ position: string }>(
      `SELECT position FROM ${this.#table} WHERE name = $1`,
      [name],
    );
    return rows[0] === undefined ? undefined : Number(rows[0].position);
  }

  async store(name: string, position: number): Promise<void> {
    await this.#pool.query(
      `INSERT INTO ${this.#table} (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()`,
      [name, position],
    );
  }
}
