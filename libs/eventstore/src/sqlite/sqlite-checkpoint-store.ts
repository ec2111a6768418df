// Checkpoints in the event store's own SQLite file. The synchronous variants
// let a projection store its checkpoint inside the same better-sqlite3
// transaction as its read-model writes, so both commit or neither does.
import type { Database, Statement } from 'better-sqlite3';
import type { CheckpointStore } from '../checkpoint-store.js';
import { migrate } from './schema.js';

export class SqliteCheckpointStore implements CheckpointStore {
  readonly #load: Statement<[string], { position: number }>;
  readonly #store: Statement<[string, number, string]>;

  /** `db`: usually `SqliteEventStore.database()`. */
  constructor(db: Database) {
    migrate(db);
    this.#load = db.prepare('SELECT position FROM checkpoints WHERE name = ?');
    this.#store = db.prepare(
      `INSERT INTO checkpoints (name, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    );
  }

  loadSync(name: string): number | undefined {
    return this.#load.get(name)?.position;
  }

  storeSync(name: string, position: number): void {
    this.#store.run(name, position, new Date().toISOString());
  }

  async load(name: string): Promise<number | undefined> {
    return this.loadSync(name);
  }

  async store(name: string, position: number): Promise<void> {
    this.storeSync(name, position);
  }
}
