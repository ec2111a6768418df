// Every event trigger, folded in memory from the `event-trigger-` streams:
// the API reads triggers from here, the listener learns from here which
// (exchange, topic) pairs to consume and which triggers a message starts.
import type { EventStore } from '@sirocco/eventstore';
import { silentLogger, type SchedulerLogger } from '../internal/log.js';
import { StreamFoldIndex, type StreamFoldChange } from '../internal/stream-fold-index.js';
import {
  EVENT_TRIGGER_STREAM_PREFIX,
  isEventTriggerEvent,
  type EventTriggerEvent,
} from './event-trigger-events.js';
import {
  emptyEventTriggerState,
  evolveEventTrigger,
  type ActiveEventTrigger,
  type EventTriggerState,
} from './event-trigger-state.js';

export type EventTriggerChange = StreamFoldChange<EventTriggerState, EventTriggerEvent>;

export class EventTriggerIndex {
  readonly #fold: StreamFoldIndex<EventTriggerState, EventTriggerEvent>;
  /** Trigger id → stream key, for the live incarnations. */
  readonly #keyById = new Map<string, string>();

  constructor(eventStore: EventStore, log: SchedulerLogger = silentLogger) {
    this.#fold = new StreamFoldIndex({
      eventStore,
      streamPrefix: EVENT_TRIGGER_STREAM_PREFIX,
      name: 'event trigger index',
      empty: emptyEventTriggerState,
      isEvent: isEventTriggerEvent,
      evolve: (state, event, recorded) => evolveEventTrigger(state, event, recorded.revision),
      log,
    });
    this.#fold.subscribe(({ key, event }) => {
      if (event.type === 'EventTriggerCreated') this.#keyById.set(event.data.triggerId, key);
      if (event.type === 'EventTriggerDeleted') this.#keyById.delete(event.data.triggerId);
    });
  }

  get caughtUp(): boolean {
    return this.#fold.caughtUp;
  }

  start(): Promise<void> {
    return this.#fold.start();
  }

  stop(): Promise<void> {
    return this.#fold.stop();
  }

  subscribe(listener: (change: EventTriggerChange) => void): () => void {
    return this.#fold.subscribe(listener);
  }

  /** The stream state of the live trigger with this id. */
  stateOf(triggerId: string): { readonly key: string; readonly state: EventTriggerState } | undefined {
    const key = this.#keyById.get(triggerId);
    const state = key === undefined ? undefined : this.#fold.state(key);
    return key === undefined || !state?.active ? undefined : { key, state };
  }

  stateByKey(key: string): EventTriggerState | undefined {
    return this.#fold.state(key);
  }

  find(triggerId: string): ActiveEventTrigger | undefined {
    return this.stateOf(triggerId)?.state.active;
  }

  active(): ActiveEventTrigger[] {
    const out: ActiveEventTrigger[] = [];
    for (const [, s] of this.#fold.states()) if (s.active) out.push(s.active);
    return out;
  }

  /** Every (exchange, topic) any trigger ever listened on, active or not. */
  sources(): { exchange: string; topic: string }[] {
    const seen = new Map<string, { exchange: string; topic: string }>();
    for (const [, s] of this.#fold.states()) {
      if (s.exchange !== undefined && s.topic !== undefined)
        seen.set(`${s.exchange}\u0000${s.topic}`, { exchange: s.exchange, topic: s.topic });
    }
    return [...seen.values()];
  }

  /** Folds trigger events written since the last one seen (see StreamFoldIndex.catchUp). */
  catchUp(): Promise<void> {
    return this.#fold.catchUp();
  }

  waitForPosition(position: number, timeoutMs?: number): Promise<void> {
    return this.#fold.waitForPosition(position, timeoutMs);
  }
}
