// A subscription to the log that restarts after a failure. The handler is
// expected to be idempotent for events after `resumeFrom()`, which is where
// a restart resumes.
import type { EventStore, RecordedEvent, Subscription } from '@sirocco/eventstore';
import type { SchedulerLogger } from './log.js';

export interface FollowerOptions {
  readonly store: EventStore;
  readonly streamPrefixes: readonly string[];
  readonly name: string;
  readonly log: SchedulerLogger;
  /** Position to resume after (undefined: from the start). Read at each (re)start. */
  readonly resumeFrom: () => number | undefined;
  readonly handle: (event: RecordedEvent) => Promise<void> | void;
  readonly restartDelayMs?: number;
}

export class LogFollower {
  #subscription: Subscription | undefined;
  #restart: NodeJS.Timeout | undefined;
  #stopped = true;

  constructor(private readonly options: FollowerOptions) {}

  /** Resolves once every event that existed at start has been handled. */
  start(): Promise<void> {
    this.#stopped = false;
    return this.#subscribe();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#restart) clearTimeout(this.#restart);
    const subscription = this.#subscription;
    this.#subscription = undefined;
    await subscription?.close();
  }

  #subscribe(): Promise<void> {
    const after = this.options.resumeFrom();
    const subscription = this.options.store.subscribeToAll(
      { ...(after === undefined ? {} : { after }), streamPrefixes: this.options.streamPrefixes },
      (event) => this.options.handle(event),
      (error) => this.#failed(subscription, error),
    );
    this.#subscription = subscription;
    return subscription.caughtUp;
  }

  #failed(subscription: Subscription, error: unknown): void {
    if (this.#stopped || this.#subscription !== subscription) return;
    this.options.log.error(
      `${this.options.name}: following the log failed; resuming from the last checkpoint`,
      {
        error: String(error),
      },
    );
    this.#subscription = undefined;
    this.#restart = setTimeout(() => {
      if (this.#stopped) return;
      this.#subscribe().catch(() => undefined);
    }, this.options.restartDelayMs ?? 1_000);
  }
}
