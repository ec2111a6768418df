// Feeds the read models from the event store: resumes after the stored
// checkpoint, applies each event's changes together with the checkpoint,
// and lets callers wait until a position is visible (read-your-writes for
// the API: the engine returns the position of its last appended event).
import type { EventStore, RecordedEvent, Subscription } from '@sirocco/eventstore';
import { SiroccoError } from '@sirocco/workflow';
import type { ReadModelChange } from './changes.js';
import { projectEvent } from './project-event.js';
import type { ReadModelStore } from './read-model-store.js';

export interface ProjectionRunnerOptions {
  readonly eventStore: EventStore;
  readonly readModels: ReadModelStore;
  /** Checkpoint name; default 'read-models'. */
  readonly name?: string;
  /** Delay before resubscribing after a failure; default 1000 ms. */
  readonly restartDelayMs?: number;
  readonly project?: (event: RecordedEvent) => ReadModelChange[];
  readonly onError?: (error: unknown) => void;
}

interface Waiter {
  readonly position: number;
  readonly resolve: () => void;
}

export class ProjectionRunner {
  readonly #options: ProjectionRunnerOptions;
  readonly #name: string;
  #position = 0;
  #subscription: Subscription | undefined;
  #waiters: Waiter[] = [];
  #caughtUp = false;
  #stopped = true;
  #restartTimer: NodeJS.Timeout | undefined;

  constructor(options: ProjectionRunnerOptions) {
    this.#options = options;
    this.#name = options.name ?? 'read-models';
  }

  /** Last position applied to the read models (0 before any event). */
  get position(): number {
    return this.#position;
  }

  /** True once every event that existed at (re)start has been applied. */
  get caughtUp(): boolean {
    return this.#caughtUp;
  }

  async start(): Promise<void> {
    await this.#options.readModels.migrate();
    this.#stopped = false;
    await this.#subscribe();
  }

  /** Stops, wipes the read models and replays every event from the start. */
  async rebuild(): Promise<void> {
    await this.stop();
    await this.#options.readModels.migrate();
    await this.#options.readModels.reset();
    this.#position = 0;
    await this.start();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#restartTimer) clearTimeout(this.#restartTimer);
    const subscription = this.#subscription;
    this.#subscription = undefined;
    await subscription?.close();
  }

  /**
   * Resolves once the read models include the event at `position`; rejects
   * with UNAVAILABLE after `timeoutMs`.
   */
  waitForPosition(position: number, timeoutMs = 5000): Promise<void> {
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
            `Read models did not reach position ${position} within ${timeoutMs} ms (at ${this.#position})`,
          ),
        );
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  async #subscribe(): Promise<void> {
    const stored = await this.#options.readModels.checkpoint(this.#name);
    this.#position = Math.max(this.#position, stored ?? 0);
    this.#caughtUp = false;
    this.#releaseWaiters();
    const subscription = this.#options.eventStore.subscribeToAll(
      stored === undefined ? {} : { after: stored },
      (event) => this.#handle(event),
      (error) => this.#failed(error),
    );
    this.#subscription = subscription;
    subscription.caughtUp.then(
      () => {
        if (this.#subscription === subscription) this.#caughtUp = true;
      },
      () => undefined,
    );
  }

  async #handle(event: RecordedEvent): Promise<void> {
    const changes = (this.#options.project ?? projectEvent)(event);
    await this.#options.readModels.apply(this.#name, changes, event.position);
    this.#position = event.position;
    this.#releaseWaiters();
  }

  #releaseWaiters(): void {
    if (this.#waiters.length === 0) return;
    const ready = this.#waiters.filter((w) => w.position <= this.#position);
    if (ready.length === 0) return;
    this.#waiters = this.#waiters.filter((w) => w.position > this.#position);
    for (const w of ready) w.resolve();
  }

  // A failed event stops the subscription; resume from the stored checkpoint
  // after a pause (the failure may be transient, e.g. a locked database).
  #failed(error: unknown): void {
    this.#caughtUp = false;
    (this.#options.onError ?? ((e) => console.error('[projections] subscription failed', e)))(error);
    if (this.#stopped) return;
    this.#subscription = undefined;
    this.#restartTimer = setTimeout(() => {
      if (!this.#stopped) void this.#subscribe().catch((e: unknown) => this.#failed(e));
    }, this.#options.restartDelayMs ?? 1000);
  }
}
