import { describe, expect, it } from 'vitest';
import type { EventTriggerCreatedData, EventTriggerEvent } from './event-trigger-events.js';
import { eventTriggerStreamId } from './event-trigger-events.js';
import { emptyEventTriggerState, evolveEventTrigger, type EventTriggerState } from './event-trigger-state.js';

const created = (triggerId: string): EventTriggerCreatedData => ({
  triggerId,
  name: 'n',
  exchange: 'nova',
  topic: 'notifications',
  event: 'e',
  workflowId: 'wf',
  workflowName: 'wf',
  workflowNamespace: '',
  projectId: 'p',
  workflowInput: { a: 1 },
  workflowParams: {},
  scope: 'private',
  at: '2026-11-24T10:00:00.000Z',
});

const fold = (events: EventTriggerEvent[]): EventTriggerState =>
  events.reduce((s, e, i) => evolveEventTrigger(s, e, i), emptyEventTriggerState);

describe('evolveEventTrigger', () => {
  it('creates, updates only what the update names, and deletes', () => {
    const s = fold([
      { type: 'EventTriggerCreated', data: created('t1') },
      {
        type: 'EventTriggerUpdated',
        data: { triggerId: 't1', workflowInput: { a: 2 }, at: '2026-11-24T11:00:00.000Z' },
      },
    ]);
    expect(s.revision).toBe(1);
    expect(s.active).toMatchObject({
      triggerId: 't1',
      name: 'n',
      workflowInput: { a: 2 },
      updatedAt: '2026-11-24T11:00:00.000Z',
    });
    const gone = evolveEventTrigger(
      s,
      { type: 'EventTriggerDeleted', data: { triggerId: 't1', at: 'x' } },
      2,
    );
    expect(gone.active).toBeUndefined();
    // The source is remembered after the delete, so its stream keeps being drained.
    expect([gone.exchange, gone.topic]).toEqual(['nova', 'notifications']);
  });

  it('ignores changes addressed to an earlier incarnation of the same key', () => {
    const s = fold([
      { type: 'EventTriggerCreated', data: created('t1') },
      { type: 'EventTriggerDeleted', data: { triggerId: 't1', at: 'x' } },
      { type: 'EventTriggerCreated', data: created('t2') },
      { type: 'EventTriggerUpdated', data: { triggerId: 't1', name: 'stale', at: 'y' } },
      { type: 'EventTriggerDeleted', data: { triggerId: 't1', at: 'z' } },
    ]);
    expect(s.active).toMatchObject({ triggerId: 't2', name: 'n', updatedAt: null });
  });

  it('names one stream per (exchange, topic, event, workflow, project)', () => {
    const key = { exchange: 'a', topic: 'b', event: 'c', workflowId: 'w', projectId: 'p' };
    expect(eventTriggerStreamId(key)).toBe(eventTriggerStreamId({ ...key }));
    expect(eventTriggerStreamId(key)).toMatch(/^event-trigger-[0-9a-f-]{36}$/);
    expect(eventTriggerStreamId({ ...key, event: 'd' })).not.toBe(eventTriggerStreamId(key));
    // No ambiguity from joining fields: 'a.b'+'c' is not 'a'+'b.c'.
    expect(eventTriggerStreamId({ ...key, exchange: 'a|b', topic: 'c' })).not.toBe(
      eventTriggerStreamId({ ...key, exchange: 'a', topic: 'b|c' }),
    );
  });
});
