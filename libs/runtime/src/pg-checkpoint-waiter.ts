// Read-your-writes for an API that does not run the projections itself: it
// waits until the projector's checkpoint in PostgreSQL reaches the position
// of its write. One poll loop serves every waiting request and runs only
// while someone waits, so an idle API costs the database nothing.
import type pg from 'pg';
import { SiroccoError } from '@sirocco/workflow';

interface Waiter {
  readonly position: number;
  readonly resolve: () => void;
}

export class PgCheckpointWaiter {
  #position = 0;
  #waiters: Waiter[] = [];
  #polling = false;
  #lastError: unknown;

  constructor(
    private readonly pool: pg.Pool,
    private readonly name = 'read-models',
    private readonly intervalMs = 10,
  ) {}

  /** Last checkpoint seen. */
  get position(): number {
    return this.#position;
  }

  get healthy(): boolean {
    return this.#lastError === undefined;
  }

  async refresh(): Promise<number> {
    try {
      const { rows } = await this.pool.query<{ position: string }>(
        'SELECT position FROM rm_checkpoints WHERE name = $1',
        [this.name],
      );
      this.#lastError = undefined;
      this.#position = Math.max(this.#position, rows[0] ? Number(rows[0].position) : 0);
    } catch (e) {
      this.#lastError = e;
    }
    return this.#position;
  }

  waitForPosition(position: number, timeoutMs = 5_000): Promise<void> {
    if (this.#position >= position) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(
          new SiroccoError(
            'UNAVAILABLE',
            `Read models did not reach position ${position} within ${timeoutMs} ms (at ${this.#position}); is the projector running?`,
          ),
        );
      }, timeoutMs);
      this.#waiters.push(waiter);
      void this.#poll();
    });
  }

  async #poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      while (this.#waiters.length > 0) {
        await this.refresh();
        const ready = this.#waiters.filter((w) => w.position <= this.#position);
        this.#waiters = this.#waiters.filter((w) => w.position > this.#position);
        for (const w of ready) w.resolve();
        if (this.#waiters.length > 0) await new Promise((r) => setTimeout(r, this.intervalMs));
      }
    } finally {
      this.#polling = false;
    }
  }
}
