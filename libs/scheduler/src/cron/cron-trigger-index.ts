// Every cron trigger, folded in memory from the `cron-trigger-` streams.
// Triggers are few, so the API lists them from here and the scheduler takes
// its deadlines from here. It replays the trigger streams at start (their
// events only, not the whole log); `waitForPosition` gives the API
// read-your-writes.
import type { EventStore, RecordedEvent } from '@sirocco/eventstore';
import { LogFollower } from '../internal/follower.js';
import { silentLogger, type SchedulerLogger } from '../internal/log.js';
import { CRON_TRIGGER_STREAM_PREFIX, isCronTriggerEvent, type CronTriggerEvent } from './cron-events.js';
import {
  emptyCronTriggerState,
  evolveCronTrigger,
  type ActiveCronTrigger,
  type CronTriggerState,
} from './cron-state.js';

export interface CronTriggerChange {
  readonly name: string;
  readonly state: CronTriggerState;
  readonly event: CronTriggerEvent;
  /** False while replaying what existed at start. */
  readonly live: boolean;
}

export type CronTriggerListener = (change: CronTriggerChange) => void;

export class CronTriggerIndex {
  readonly #states = new Map<string, CronTriggerState>();
  readonly #nameById = new Map<string, string>();
  readonly #listeners = new Set<CronTriggerListener>();
  readonly #follower: LogFollower;
  #waiters: { position: number; resolve: () => void }[] = [];
  #position = 0;
  #live = false;
  #started: Promise<void> | undefined;

  constructor(eventStore: EventStore, log: SchedulerLogger = silentLogger) {
    this.#follower = new LogFollower({
      store: eventStore,
      streamPrefixes: [CRON_TRIGGER_STREAM_PREFIX],
      name: 'cron trigger index',
      log,
      resumeFrom: () => this.#position || undefined,
      handle: (event) => this.#handle(event),
    });
  }

  get caughtUp(): boolean {
    return this.#live;
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

  subscribe(listener: CronTriggerListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** All stream states, active or not (the scheduler's recovery reads last fires). */
  states(): IterableIterator<[string, CronTriggerState]> {
    return this.#states.entries();
  }

  state(name: string): CronTriggerState | undefined {
    return this.#states.get(name);
  }

  /** The active trigger with this name, or else with this id (Mistral looks up both). */
  find(identifier: string): ActiveCronTrigger | undefined {
    const byName = this.#states.get(identifier)?.active;
    if (byName) return byName;
    const name = this.#nameById.get(identifier);
    return name === undefined ? undefined : this.#states.get(name)?.active;
  }

  active(): ActiveCronTrigger[] {
    const out: ActiveCronTrigger[] = [];
    for (const s of this.#states.values()) if (s.active) out.push(s.active);
    return out;
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
        reject(new Error(`cron trigger index did not reach position ${position} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  #handle(recorded: RecordedEvent): void {
    this.#position = recorded.position;
    const event = { type: recorded.type, data: recorded.data };
    if (isCronTriggerEvent(event)) {
      const name = recorded.streamId.slice(CRON_TRIGGER_STREAM_PREFIX.length);
      const state = evolveCronTrigger(
        this.#states.get(name) ?? emptyCronTriggerState,
        event,
        recorded.revision,
        recorded.position,
      );
      this.#states.set(name, state);
      if (event.type === 'CronTriggerCreated') this.#nameById.set(event.data.triggerId, name);
      if (event.type === 'CronTriggerDeleted') this.#nameById.delete(event.data.triggerId);
      for (const listener of this.#listeners) listener({ name, state, event, live: this.#live });
    }
    if (this.#waiters.length > 0) {
      const ready = this.#waiters.filter((w) => w.position <= this.#position);
      this.#waiters = this.#waiters.filter((w) => w.position > this.#position);
      for (const w of ready) w.resolve();
    }
  }
}
