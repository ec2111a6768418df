// Where an event trigger listens. Mistral listens on an AMQP exchange and
// topic; Sirocco maps the pair onto NATS subjects:
//
//   <exchange>.<topic>           the event type is the body's `event_type`
//                                (an oslo.messaging notification as JSON)
//   <exchange>.<topic>.<event>   the event type is the rest of the subject
//
// Each pair gets its own JetStream stream (work-queue retention) with one
// durable consumer shared by every scheduler, so a message published while
// no scheduler runs waits for one, and each message is handled by one of them.
import { createHash } from 'node:crypto';
import type { ConsumerConfig, StreamConfig } from '@sirocco/messaging';

export interface EventSource {
  readonly exchange: string;
  readonly topic: string;
}

/** Subjects Sirocco itself uses; a trigger may not listen there. */
const RESERVED_EXCHANGES = new Set(['sirocco']);
/** One NATS subject token: no separators, wildcards or whitespace. */
const TOKEN = /^[^\s.*>]+$/;
const MAX_FIELD_LENGTH = 80; // Mistral's column size

/** Undefined when fine; otherwise what is wrong, for a 400 answer. */
export function checkEventSource(source: EventSource): string | undefined {
  for (const [field, value] of [
    ['exchange', source.exchange],
    ['topic', source.topic],
  ] as const) {
    if (value.length > MAX_FIELD_LENGTH) return `${field} is longer than ${MAX_FIELD_LENGTH} characters.`;
    if (!TOKEN.test(value) || value.startsWith('$')) {
      return `${field} '${value}' cannot be part of a NATS subject: use one token without '.', '*', '>', whitespace or a leading '$'.`;
    }
  }
  if (RESERVED_EXCHANGES.has(source.exchange))
    return `exchange '${source.exchange}' is reserved for Sirocco's own subjects.`;
  return undefined;
}

/** Undefined when fine; otherwise what is wrong with an event name. */
export function checkEventName(event: string): string | undefined {
  if (event.length > MAX_FIELD_LENGTH) return `event is longer than ${MAX_FIELD_LENGTH} characters.`;
  if (/[\s*>]/.test(event) || event.startsWith('.') || event.endsWith('.') || event.includes('..'))
    return `event '${event}' cannot be matched on a NATS subject: no whitespace, '*', '>' or empty tokens.`;
  return undefined;
}

export const eventSourceSubjects = (s: EventSource): string[] => [
  `${s.exchange}.${s.topic}`,
  `${s.exchange}.${s.topic}.>`,
];

export function eventSourceStream(s: EventSource): StreamConfig {
  const hash = createHash('sha1').update(`${s.exchange}.${s.topic}`).digest('hex').slice(0, 16);
  return {
    name: `SIROCCO_EVENTS_${hash}`,
    subjects: eventSourceSubjects(s),
    retention: 'workqueue',
    duplicateWindowMs: 120_000,
  };
}

export const eventSourceConsumer = (s: EventSource): ConsumerConfig => ({
  stream: eventSourceStream(s).name,
  durableName: 'sirocco-event-triggers',
  ackWaitMs: 30_000,
  maxDeliver: 10,
  backoffMs: [1_000, 5_000, 30_000],
  maxAckPending: 64,
});

/** The event type a subject names, when it names one (`<exchange>.<topic>.<event>`). */
export function eventTypeFromSubject(s: EventSource, subject: string): string | undefined {
  const prefix = `${s.exchange}.${s.topic}.`;
  return subject.startsWith(prefix) && subject.length > prefix.length
    ? subject.slice(prefix.length)
    : undefined;
}
