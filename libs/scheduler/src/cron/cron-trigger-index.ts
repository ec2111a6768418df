// Every cron trigger, folded in memory from the `cron-trigger-` streams.
// Triggers are few, so the API lists them from here and the scheduler takes
// its deadlines from here. It replays the trigger streams at start (their
// events only, not the whole log); `waitForPosition` gives the API
// read-your-writes.
import type { EventStore } from '@sirocco/eventstore';
import { silentLogger, type SchedulerLogger } from '../internal/log.js';
import { StreamFoldIndex } from '../internal/stream-fold-index.js';
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
  readonly #fold: StreamFoldIndex<CronTriggerState, CronTriggerEvent>;
  readonly #nameById = new Map<string, string>();

  constructor(eventStore: EventStore, log: SchedulerLogger = silentLogger) {
    this.#fold = new StreamFoldIndex({
      eventStore,
      streamPrefix: CRON_TRIGGER_STREAM_PREFIX,
      name: 'cron trigger index',
      empty: emptyCronTriggerState,
      isEvent: isCronTriggerEvent,
      evolve: (state, event, recorded) =>
        evolveCronTrigger(state, event, recorded.revision, recorded.position),
      log,
    });
    // Subscribed first, so the id map is current before any other listener runs.
    this.#fold.subscribe(({ key, event }) => {
      if (event.type === 'CronTriggerCreated') this.#nameById.set(event.data.triggerId, key);
      if (event.type === 'CronTriggerDeleted') this.#nameById.delete(event.data.triggerId);
    });
  }

  get caughtUp(): boolean {
    return this.#fold.caughtUp;
  }

  /** Idempotent: several users (API, scheduler) may call it. Resolves once caught up. */
  start(): Promise<void> {
    return this.#fold.start();
  }

  stop(): Promise<void> {
    return this.#fold.stop();
  }

  subscribe(listener: CronTriggerListener): () => void {
    return this.#fold.subscribe(({ key, state, event, live }) => listener({ name: key, state, event, live }));
  }

  /** All stream states, active or not (the scheduler's recovery reads last fires). */
  states(): IterableIterator<[string, CronTriggerState]> {
    return this.#fold.states();
  }

  state(name: string): CronTriggerState | undefined {
    return this.#fold.state(name);
  }

  /** The active trigger with this name, or else with this id (Mistral looks up both). */
  find(identifier: string): ActiveCronTrigger | undefined {
    const byName = this.#fold.state(identifier)?.active;
    if (byName) return byName;
    const name = this.#nameById.get(identifier);
    return name === undefined ? undefined : this.#fold.state(name)?.active;
  }

  active(): ActiveCronTrigger[] {
    const out: ActiveCronTrigger[] = [];
    for (const [, s] of this.#fold.states()) if (s.active) out.push(s.active);
    return out;
  }

  /** Folds trigger events written since the last one seen (see StreamFoldIndex.catchUp). */
  catchUp(): Promise<void> {
    return this.#fold.catchUp();
  }

  waitForPosition(position: number, timeoutMs?: number): Promise<void> {
    return this.#fold.waitForPosition(position, timeoutMs);
  }
}
