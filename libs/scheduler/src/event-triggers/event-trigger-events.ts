// The events of an event trigger's stream. Mistral keeps one trigger per
// (exchange, topic, event, workflow id, project); the stream is named after a
// hash of that key, so the expected revision of its first append is what
// makes the key unique. After a delete the key can be used again: the stream
// then holds several incarnations, each with its own trigger id.
import { derivedUuid } from '../cron/derived-id.js';

export const EVENT_TRIGGER_STREAM_PREFIX = 'event-trigger-';

export interface EventTriggerKey {
  readonly exchange: string;
  readonly topic: string;
  readonly event: string;
  readonly workflowId: string;
  readonly projectId: string;
}

export const eventTriggerStreamId = (key: EventTriggerKey): string =>
  `${EVENT_TRIGGER_STREAM_PREFIX}${derivedUuid(
    `event-trigger-key:${JSON.stringify([key.exchange, key.topic, key.event, key.workflowId, key.projectId])}`,
  )}`;

export interface EventTriggerDefinition extends EventTriggerKey {
  readonly triggerId: string;
  readonly name: string;
  readonly workflowName: string;
  readonly workflowNamespace: string;
  /** May hold `<% %>`/`{{ }}` expressions over the incoming event (a Sirocco extension). */
  readonly workflowInput: Readonly<Record<string, unknown>>;
  readonly workflowParams: Readonly<Record<string, unknown>>;
  readonly scope: 'private' | 'public';
}

export interface EventTriggerCreatedData extends EventTriggerDefinition {
  readonly at: string;
}

/** What `PUT /v2/event_triggers/{id}` may change (exchange, topic and event may not). */
export interface EventTriggerUpdatedData {
  readonly triggerId: string;
  readonly name?: string;
  readonly workflowInput?: Readonly<Record<string, unknown>>;
  readonly workflowParams?: Readonly<Record<string, unknown>>;
  readonly scope?: 'private' | 'public';
  readonly at: string;
}

export interface EventTriggerDeletedData {
  readonly triggerId: string;
  readonly at: string;
}

export type EventTriggerEvent =
  | { readonly type: 'EventTriggerCreated'; readonly data: EventTriggerCreatedData }
  | { readonly type: 'EventTriggerUpdated'; readonly data: EventTriggerUpdatedData }
  | { readonly type: 'EventTriggerDeleted'; readonly data: EventTriggerDeletedData };

const TYPES = new Set(['EventTriggerCreated', 'EventTriggerUpdated', 'EventTriggerDeleted']);
export const isEventTriggerEvent = (e: { type: string }): e is EventTriggerEvent => TYPES.has(e.type);
