// The fold of one event trigger stream: the live incarnation, if any.
import type { EventTriggerDefinition, EventTriggerEvent } from './event-trigger-events.js';

export interface ActiveEventTrigger extends EventTriggerDefinition {
  readonly createdAt: string;
  /** Null until the first update, as Mistral's `updated_at`. */
  readonly updatedAt: string | null;
}

export interface EventTriggerState {
  /** Revision of the last event folded; -1 for an empty stream. */
  readonly revision: number;
  readonly active: ActiveEventTrigger | undefined;
  /** Every (exchange, topic) this stream ever listened on: their NATS streams keep being drained. */
  readonly exchange: string | undefined;
  readonly topic: string | undefined;
}

export const emptyEventTriggerState: EventTriggerState = {
  revision: -1,
  active: undefined,
  exchange: undefined,
  topic: undefined,
};

export function evolveEventTrigger(
  state: EventTriggerState,
  event: EventTriggerEvent,
  revision: number,
): EventTriggerState {
  const next = { ...state, revision };
  switch (event.type) {
    case 'EventTriggerCreated': {
      const { at, ...definition } = event.data;
      return {
        ...next,
        exchange: definition.exchange,
        topic: definition.topic,
        active: { ...definition, createdAt: at, updatedAt: null },
      };
    }
    case 'EventTriggerUpdated': {
      const { triggerId, at, ...changes } = event.data;
      if (state.active?.triggerId !== triggerId) return next;
      return { ...next, active: { ...state.active, ...changes, updatedAt: at } };
    }
    case 'EventTriggerDeleted':
      return {
        ...next,
        active: state.active?.triggerId === event.data.triggerId ? undefined : state.active,
      };
  }
}
