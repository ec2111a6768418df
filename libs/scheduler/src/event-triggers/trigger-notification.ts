// From a message on an event source to the executions it starts. Pure: the
// listener does the I/O.
//
// The message becomes a notification shaped like the one Mistral's event
// engine builds from an oslo.messaging notification (`event_type`,
// `payload`, `publisher`, `timestamp`, `context`) plus what NATS adds
// (`subject`, `headers`, `message_id`). Each matching trigger starts its
// workflow with:
//   - input: the trigger's `workflow_input`, whose `<% %>`/`{{ }}`
//     expressions are evaluated with the notification as data (`$.payload.id`);
//     Mistral passes `workflow_input` unevaluated, this is a Sirocco extension;
//   - params: the trigger's `workflow_params` plus `event_params`, Mistral's
//     default event properties (service, project_id, user_id, timestamp);
//   - an execution id derived from (trigger id, stream, sequence), so a
//     redelivered message starts nothing twice.
import { evaluateRecursively } from '@sirocco/expressions';
import type { StartExecutionRequest } from '@sirocco/engine';
import { derivedUuid } from '../cron/derived-id.js';
import { triggeredByDescription } from '../internal/triggered-by.js';
import type { EventSource } from './event-source.js';
import { eventTypeFromSubject } from './event-source.js';
import type { ActiveEventTrigger } from './event-trigger-state.js';

export interface TriggerNotification {
  readonly event_type: string | null;
  readonly payload: unknown;
  readonly publisher: unknown;
  readonly timestamp: unknown;
  readonly context: Readonly<Record<string, unknown>>;
  readonly subject: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly message_id: string;
}

/** The parts of a bus message a notification is made of. */
export interface SourceMessage {
  readonly subject: string;
  readonly data: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly msgId: string | undefined;
  readonly stream: string;
  readonly seq: number;
  readonly publishedAt: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function notificationOf(source: EventSource, message: SourceMessage): TriggerNotification {
  const body = message.data;
  const fromSubject = eventTypeFromSubject(source, message.subject);
  const envelope = isRecord(body) && typeof body['event_type'] === 'string' ? body : undefined;
  const context: Record<string, unknown> = {};
  if (envelope) {
    // oslo.messaging serialises the request context as `_context_<key>` fields, or a `context` dict.
    if (isRecord(envelope['context'])) Object.assign(context, envelope['context']);
    for (const [k, v] of Object.entries(envelope))
      if (k.startsWith('_context_')) context[k.slice('_context_'.length)] = v;
  }
  const published = new Date(message.publishedAt).toISOString();
  return {
    event_type: fromSubject ?? (envelope ? (envelope['event_type'] as string) : null),
    payload: envelope ? (envelope['payload'] ?? null) : body,
    publisher: envelope ? (envelope['publisher_id'] ?? envelope['publisher'] ?? null) : null,
    timestamp: envelope?.['timestamp'] ?? published,
    context,
    subject: message.subject,
    headers: message.headers,
    message_id:
      (typeof envelope?.['message_id'] === 'string' ? envelope['message_id'] : undefined) ??
      message.msgId ??
      `${message.stream}:${message.seq}`,
  };
}

/**
 * A message published before a trigger existed does not start it (it can sit
 * in the stream when no scheduler ran). Clocks of the NATS server and the
 * API may differ slightly: allow this much.
 */
export const CREATED_BEFORE_SLACK_MS = 1_000;

export function triggersFor(
  source: EventSource,
  notification: TriggerNotification,
  publishedAt: number,
  triggers: Iterable<ActiveEventTrigger>,
): ActiveEventTrigger[] {
  if (notification.event_type === null) return [];
  const out: ActiveEventTrigger[] = [];
  for (const t of triggers) {
    if (t.exchange !== source.exchange || t.topic !== source.topic || t.event !== notification.event_type)
      continue;
    if (Date.parse(t.createdAt) > publishedAt + CREATED_BEFORE_SLACK_MS) continue;
    out.push(t);
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.triggerId.localeCompare(b.triggerId));
}

/** Mistral's default event properties, which it passes as `params.event_params`. */
export function eventParams(n: TriggerNotification): Record<string, unknown> {
  return {
    service: n.publisher ?? null,
    project_id: n.context['project_id'] ?? null,
    user_id: n.context['user_id'] ?? null,
    timestamp: n.timestamp ?? null,
  };
}

export const eventExecutionId = (triggerId: string, stream: string, seq: number): string =>
  derivedUuid(`event-trigger:${triggerId}@${stream}#${seq}`);

/** The start request for one trigger; throws an ExpressionError when its input cannot be evaluated. */
export function startRequestFor(
  trigger: ActiveEventTrigger,
  notification: TriggerNotification,
  message: Pick<SourceMessage, 'stream' | 'seq'>,
): StartExecutionRequest & { executionId: string } {
  const input = evaluateRecursively(trigger.workflowInput, { data: notification }) as Record<string, unknown>;
  return {
    workflowId: trigger.workflowId,
    namespace: trigger.workflowNamespace,
    input,
    params: { ...trigger.workflowParams, event_params: eventParams(notification) },
    description: triggeredByDescription('event_trigger', trigger.triggerId, trigger.name),
    executionId: eventExecutionId(trigger.triggerId, message.stream, message.seq),
  };
}
