// Where the timer service keeps its pending timers and its checkpoint, so a
// restart loads them instead of replaying the whole log. `apply` writes the
// changes and the checkpoint in one transaction: the stored rows always
// include every change up to the stored checkpoint. Rows may run ahead of a
// checkpoint (another instance sharing the table wrote them); replaying
// changes is idempotent, so that is harmless.
import type { PendingTimer, TimerChange } from './timer-changes.js';

export interface StoredTimers {
  readonly timers: readonly PendingTimer[];
  /** Last log position whose changes are in `timers`; undefined on a fresh store. */
  readonly checkpoint: number | undefined;
}

export interface TimerStore {
  /** Creates the tables when missing. */
  migrate(): Promise<void>;
  load(name: string): Promise<StoredTimers>;
  apply(name: string, changes: readonly TimerChange[], position: number): Promise<void>;
}

/** For tests and for runs that need no durability. */
export class InMemoryTimerStore implements TimerStore {
  readonly #timers = new Map<string, PendingTimer>();
  readonly #checkpoints = new Map<string, number>();

  async migrate(): Promise<void> {}

  async load(name: string): Promise<StoredTimers> {
    return { timers: [...this.#timers.values()], checkpoint: this.#checkpoints.get(name) };
  }

  async apply(name: string, changes: readonly TimerChange[], position: number): Promise<void> {
    for (const c of changes) {
      if (c.kind === 'scheduled') {
        if (!this.#timers.has(c.timer.timerId)) this.#timers.set(c.timer.timerId, c.timer);
      } else if (c.kind === 'settled') {
        this.#timers.delete(c.timerId);
      } else {
        for (const [id, t] of this.#timers) if (t.executionId === c.executionId) this.#timers.delete(id);
      }
    }
    this.#checkpoints.set(name, position);
  }
}
