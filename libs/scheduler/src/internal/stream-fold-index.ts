// A fold of every stream with one prefix, kept in memory and followed live:
// the trigger indexes (cron and event) are this with their own evolve. Trigger
// streams are few, so queries read the map; `waitForPosition` gives the API
// read-your-writes after an append.
import type { EventStore, RecordedEvent } from '@sirocco/eventstore';
import { LogFollower } from './follower.js';
import { silentLogger, type SchedulerLogger } from './log.js';

export interface StreamFoldIndexOptions<S, E extends { type: string; data: unknown }> {
  readonly eventStore: EventStore;
  readonly streamPrefix: string;
  /** For log lines and errors. */
  readonly name: string;
  readonly empty: S;
  readonly isEvent: (event: { type: string; data: unknown }) => event is E;
  readonly evolve: (state: S, event: E, recorded: RecordedEvent) => S;
  readonly log?: SchedulerLogger;
}

export interface StreamFoldChange<S, E> {
  /** The stream id without its prefix. */
  readonly key: string;
  readonly state: S;
  readonly event: E;
  readonly recorded: RecordedEvent;
  /** False while replaying what existed at start. */
  readonly live: boolean;
}

export class StreamFoldIndex<S, E extends { type: string; data: unknown }> {
  readonly #o: StreamFoldIndexOptions<S, E>;
  readonly #states = new Map<string, S>();
  readonly #listeners = new Set<(change: StreamFoldChange<S, E>) => void>();
  readonly #follower: LogFollower;
  #waiters: { position: number; resolve: () => void }[] = [];
  #position = 0;
  #live = false;
  #started: Promise<void> | undefined;

  constructor(options: StreamFoldIndexOptions<S, E>) {
    this.#o = options;
    this.#follower = new LogFollower({
      store: options.eventStore,
      streamPrefixes: [options.streamPrefix],
      name: options.name,
      log: options.log ?? silentLogger,
      resumeFrom: () => this.#position || undefined,
      handle: (event) => this.#handle(event),
    });
  }

  get caughtUp(): boolean {
    return this.#live;
  }

  /**
   * Reads the prefix's events written since the last one folded and folds
   * them now: after it resolves, the index is at least as new as the store
   * was when it was called, however far the follower lags (it polls other
   * processes' writes). The follower skips what is folded here.
   */
  async catchUp(): Promise<void> {
    const newer = await this.#o.eventStore.readAll({
      after: this.#position,
      streamPrefixes: [this.#o.streamPrefix],
    });
    for (const event of newer) this.#handle(event);
  }

  /** Idempotent: several users (API, scheduler) may call it. Resolves once caught up. */
  start(): Promise<void> {
    this.#started ??= this.#follower.start().then(() => {
      this.#live = true;
    });
    return this.#started;
  }

  async stop(): Promise<void> {
    await this.#follower.stop();
    this.#started = undefined;
    this.#live = false;
  }

  subscribe(listener: (change: StreamFoldChange<S, E>) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  states(): IterableIterator<[string, S]> {
    return this.#states.entries();
  }

  state(key: string): S | undefined {
    return this.#states.get(key);
  }

  waitForPosition(position: number, timeoutMs = 10_000): Promise<void> {
    if (this.#position >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(new Error(`${this.#o.name} did not reach position ${position} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  #handle(recorded: RecordedEvent): void {
    if (recorded.position <= this.#position) return; // folded already (by catchUp)
    this.#position = recorded.position;
    const event = { type: recorded.type, data: recorded.data };
    if (this.#o.isEvent(event)) {
      const key = recorded.streamId.slice(this.#o.streamPrefix.length);
      const state = this.#o.evolve(this.#states.get(key) ?? this.#o.empty, event, recorded);
      this.#states.set(key, state);
      const change = { key, state, event, recorded, live: this.#live };
      for (const listener of this.#listeners) listener(change);
    }
    if (this.#waiters.length > 0) {
      const ready = this.#waiters.filter((w) => w.position <= this.#position);
      this.#waiters = this.#waiters.filter((w) => w.position > this.#position);
      for (const w of ready) w.resolve();
    }
  }
}
