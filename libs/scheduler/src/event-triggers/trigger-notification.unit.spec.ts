import { describe, expect, it } from 'vitest';
import { checkEventName, checkEventSource, eventSourceStream, eventTypeFromSubject } from './event-source.js';
import type { ActiveEventTrigger } from './event-trigger-state.js';
import {
  eventExecutionId,
  notificationOf,
  startRequestFor,
  triggersFor,
  type SourceMessage,
} from './trigger-notification.js';

const source = { exchange: 'nova', topic: 'notifications' };
const T0 = Date.parse('2026-11-24T10:00:00.000Z');

const message = (subject: string, data: unknown, extra: Partial<SourceMessage> = {}): SourceMessage => ({
  subject,
  data,
  headers: {},
  msgId: undefined,
  stream: 'S',
  seq: 7,
  publishedAt: T0,
  ...extra,
});

const trigger = (over: Partial<ActiveEventTrigger> = {}): ActiveEventTrigger => ({
  triggerId: 't-1',
  name: 'on-create',
  exchange: 'nova',
  topic: 'notifications',
  event: 'compute.instance.create.end',
  workflowId: 'wf-1',
  workflowName: 'wf',
  workflowNamespace: '',
  projectId: 'p',
  workflowInput: {},
  workflowParams: {},
  scope: 'private',
  createdAt: new Date(T0 - 60_000).toISOString(),
  updatedAt: null,
  ...over,
});

describe('event sources', () => {
  it('accept one NATS token for exchange and topic, and reject what cannot be a subject', () => {
    expect(checkEventSource(source)).toBeUndefined();
    expect(checkEventSource({ exchange: 'a.b', topic: 't' })).toMatch(
      /exchange 'a.b' cannot be part of a NATS subject/,
    );
    expect(checkEventSource({ exchange: 'a', topic: 'x y' })).toMatch(/topic/);
    expect(checkEventSource({ exchange: 'a', topic: '*' })).toMatch(/topic/);
    expect(checkEventSource({ exchange: '$JS', topic: 't' })).toMatch(/leading '\$'/);
    expect(checkEventSource({ exchange: 'sirocco', topic: 't' })).toMatch(/reserved/);
    expect(checkEventName('compute.instance.create.end')).toBeUndefined();
    expect(checkEventName('compute.*')).toMatch(/cannot be matched/);
    expect(checkEventName('a..b')).toMatch(/empty tokens/);
  });

  it('give each (exchange, topic) its own work-queue stream over both subject forms', () => {
    const s = eventSourceStream(source);
    expect(s.subjects).toEqual(['nova.notifications', 'nova.notifications.>']);
    expect(s.retention).toBe('workqueue');
    expect(s.name).toMatch(/^SIROCCO_EVENTS_[0-9a-f]{16}$/);
    expect(eventSourceStream({ exchange: 'nova', topic: 'other' }).name).not.toBe(s.name);
    expect(eventTypeFromSubject(source, 'nova.notifications.a.b')).toBe('a.b');
    expect(eventTypeFromSubject(source, 'nova.notifications')).toBeUndefined();
  });
});

describe('notifications', () => {
  it('read an oslo.messaging notification published on <exchange>.<topic>', () => {
    const n = notificationOf(
      source,
      message('nova.notifications', {
        event_type: 'compute.instance.create.end',
        publisher_id: 'compute.host1',
        payload: { instance_id: 'i-1' },
        timestamp: '2026-11-24 10:00:00.123456',
        message_id: 'm-1',
        _context_project_id: 'proj',
        _context_user_id: 'alice',
      }),
    );
    expect(n).toEqual({
      event_type: 'compute.instance.create.end',
      payload: { instance_id: 'i-1' },
      publisher: 'compute.host1',
      timestamp: '2026-11-24 10:00:00.123456',
      context: { project_id: 'proj', user_id: 'alice' },
      subject: 'nova.notifications',
      headers: {},
      message_id: 'm-1',
    });
  });

  it('take the event type from the subject and the whole body as payload otherwise', () => {
    const n = notificationOf(source, message('nova.notifications.orders.created', { id: 3 }, { msgId: 'x' }));
    expect(n.event_type).toBe('orders.created');
    expect(n.payload).toEqual({ id: 3 });
    expect(n.timestamp).toBe('2026-11-24T10:00:00.000Z');
    expect(n.message_id).toBe('x');
    const bare = notificationOf(source, message('nova.notifications', [1, 2]));
    expect(bare.event_type).toBeNull();
    expect(bare.message_id).toBe('S:7');
  });
});

describe('matching triggers', () => {
  const n = notificationOf(source, message('nova.notifications.compute.instance.create.end', {}));

  it('matches exchange, topic and event exactly', () => {
    const other = [
      trigger({ triggerId: 'a' }),
      trigger({ triggerId: 'b', event: 'compute.instance.delete.end' }),
      trigger({ triggerId: 'c', topic: 'other' }),
      trigger({ triggerId: 'd', exchange: 'glance' }),
    ];
    expect(triggersFor(source, n, T0, other).map((t) => t.triggerId)).toEqual(['a']);
    const untyped = notificationOf(source, message('nova.notifications', {}));
    expect(triggersFor(source, untyped, T0, other)).toEqual([]);
  });

  it('does not start a trigger created after the message was published', () => {
    const late = trigger({ createdAt: new Date(T0 + 5_000).toISOString() });
    expect(triggersFor(source, n, T0, [late])).toEqual([]);
    const sameMoment = trigger({ createdAt: new Date(T0 + 200).toISOString() }); // within clock slack
    expect(triggersFor(source, n, T0, [sameMoment])).toHaveLength(1);
  });
});

describe('the start request', () => {
  const n = notificationOf(
    source,
    message('nova.notifications', {
      event_type: 'compute.instance.create.end',
      publisher_id: 'compute.host1',
      payload: { instance_id: 'i-1', flavor: { vcpus: 2 } },
      _context_project_id: 'proj',
    }),
  );

  it('evaluates input expressions against the notification and passes Mistral event_params', () => {
    const t = trigger({
      workflowInput: {
        server: '<% $.payload.instance_id %>',
        cpus: '{{ _.payload.flavor.vcpus * 2 }}',
        kind: '<% $.event_type %>',
        literal: 'plain',
      },
      workflowParams: { env: { region: 'r1' } },
    });
    const request = startRequestFor(t, n, { stream: 'S', seq: 7 });
    expect(request.input).toEqual({
      server: 'i-1',
      cpus: 4,
      kind: 'compute.instance.create.end',
      literal: 'plain',
    });
    expect(request.params).toEqual({
      env: { region: 'r1' },
      event_params: {
        service: 'compute.host1',
        project_id: 'proj',
        user_id: null,
        timestamp: n.timestamp,
      },
    });
    expect(JSON.parse(request.description ?? '')).toEqual({
      description: "Workflow execution created by event trigger '(t-1)'.",
      triggered_by: { type: 'event_trigger', id: 't-1', name: 'on-create' },
    });
  });

  it('derives the execution id from trigger and message, so a redelivery starts nothing new', () => {
    const t = trigger();
    const a = startRequestFor(t, n, { stream: 'S', seq: 7 }).executionId;
    expect(startRequestFor(t, n, { stream: 'S', seq: 7 }).executionId).toBe(a);
    expect(a).toBe(eventExecutionId('t-1', 'S', 7));
    expect(eventExecutionId('t-1', 'S', 8)).not.toBe(a);
    expect(eventExecutionId('t-2', 'S', 7)).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
