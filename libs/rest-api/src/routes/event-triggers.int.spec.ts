// /v2/event_triggers over the real EventTriggerService (@sirocco/scheduler)
// with an in-memory event store, the in-process bus and a parsed workflow.
import { formatProblems, parseWorkflowsDocument } from '@sirocco/dsl';
import type { WorkflowResolver } from '@sirocco/engine';
import { InMemoryEventStore } from '@sirocco/eventstore';
import { InProcessMessageBus } from '@sirocco/messaging';
import { EventTriggerIndex, EventTriggerService } from '@sirocco/scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TRIGGER_FIELDS } from '../presenters/event-trigger.js';
import { startApiHarness, type ApiHarness } from '../testing/api-harness.js';
import { httpClient } from '../testing/http-client.js';
import type { EventTriggersPort } from './event-triggers.js';

const WORKFLOW_ID = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
const UNKNOWN_WORKFLOW_ID = '99999999-8888-4777-8666-555555555555';

const parsed = parseWorkflowsDocument(`version: '2.0'
on_instance:
  input:
    - instance_id
    - who: world
  tasks:
    greet:
      action: std.echo output=<% $.instance_id %>
`);
if (!parsed.ok) throw new Error(formatProblems(parsed.problems));
const spec = parsed.value.workflows[0]!;

const workflows: WorkflowResolver = {
  async resolve({ id, name }) {
    if (id !== WORKFLOW_ID && name !== spec.name) return undefined;
    return { workflowId: WORKFLOW_ID, name: spec.name, namespace: '', spec, revision: 0 };
  },
};

const CREATE = {
  name: 'on_create',
  workflow_id: WORKFLOW_ID,
  exchange: 'nova',
  topic: 'notifications',
  event: 'compute.instance.create.end',
  workflow_input: { instance_id: '<% $.payload.instance_id %>' },
  // python-mistralclient sends input and params as JSON text
  workflow_params: '{"env": {"a": 1}}',
};

describe('/v2/event_triggers', () => {
  let clock = Date.parse('2026-11-24T02:10:00.000Z');
  const store = new InMemoryEventStore();
  const index = new EventTriggerIndex(store);
  const bus = new InProcessMessageBus();
  const service = new EventTriggerService({ eventStore: store, index, workflows, bus, now: () => clock });
  // The service is the port, structurally.
  const eventTriggers: EventTriggersPort = service;
  let harness: ApiHarness;
  let api: ReturnType<typeof httpClient>;
  let id: string;
  let otherId: string;

  beforeAll(async () => {
    await index.start();
    harness = await startApiHarness({ eventTriggers });
    api = httpClient(harness.baseUrl);
  });

  afterAll(async () => {
    await harness.close();
    await index.stop();
    await bus.close();
    await store.close();
  });

  it('creates (201) with exactly Mistral’s fields; input and params as JSON text', async () => {
    const res = await api.json('POST', '/v2/event_triggers', CREATE);
    expect(res.status).toBe(201);
    expect(Object.keys(res.json!)).toEqual(EVENT_TRIGGER_FIELDS.filter((f) => f !== 'updated_at'));
    id = res.json!['id'];
    expect(res.json).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      created_at: '2026-11-24 02:10:00',
      project_id: '<default-project>',
      name: 'on_create',
      workflow_id: WORKFLOW_ID,
      workflow_input: '{"instance_id": "<% $.payload.instance_id %>"}',
      workflow_params: '{"env": {"a": 1}}',
      exchange: 'nova',
      topic: 'notifications',
      event: 'compute.instance.create.end',
      scope: 'private',
    });
    clock += 1_000; // the list is in creation order (ties: by id, as Mistral's)
    const other = await api.json('POST', '/v2/event_triggers', {
      ...CREATE,
      name: 'on_delete',
      event: 'compute.instance.delete.end',
      workflow_input: '{"instance_id": "x"}',
      workflow_params: undefined,
    });
    expect(other.status).toBe(201);
    expect(other.json).toMatchObject({ workflow_input: '{"instance_id": "x"}', workflow_params: '{}' });
    otherId = other.json!['id'];
  });

  it.each([
    [
      { ...CREATE, exchange: undefined },
      400,
      'Params exchange, topic, event, workflow_id must be provided for creating event trigger (missing: exchange).',
    ],
    [
      { ...CREATE, workflow_id: UNKNOWN_WORKFLOW_ID },
      404,
      `Workflow not found [workflow_id=${UNKNOWN_WORKFLOW_ID}]`,
    ],
    [
      CREATE,
      409,
      `Duplicate entry for EventTrigger ['exchange', 'topic', 'event', 'workflow_id', 'project_id']: nova, notifications, compute.instance.create.end, ${WORKFLOW_ID}, <default-project>`,
    ],
    [{ ...CREATE, bogus: 1 }, 400, 'Unknown attribute for argument event_trigger: bogus'],
    [
      { ...CREATE, id: 'x' },
      400,
      "Invalid input for field/attribute id. Value: 'x'. Cannot set read only field.",
    ],
    [
      { ...CREATE, exchange: 5 },
      400,
      "Invalid input for field/attribute exchange. Value: '5'. Wrong type. Expected '<class 'str'>', got '<class 'int'>'",
    ],
    [
      { ...CREATE, workflow_input: 'not json' },
      400,
      expect.stringMatching(/^Invalid input for field\/attribute workflow_input\. Value: 'not json'/),
    ],
    [{ ...CREATE, workflow_input: [1] }, 400, expect.stringMatching(/A JSON object is expected$/)],
    [
      { ...CREATE, event: 'other', workflow_input: {} },
      400,
      expect.stringMatching(/instance_id/), // the workflow's required input
    ],
    ['{bad json', 400, 'Request is not in valid JSON format'],
  ])('POST %j → %i', async (body, status, message) => {
    const res = await api.json('POST', '/v2/event_triggers', body);
    expect(res.status).toBe(status);
    expect(res.json!['faultstring']).toEqual(message);
    expect(service.list()).toHaveLength(2);
  });

  it('gets one (updated_at null until updated); unknown id 404', async () => {
    const one = await api.get(`/v2/event_triggers/${id}`);
    expect(one.status).toBe(200);
    expect(Object.keys(one.json!)).toEqual([...EVENT_TRIGGER_FIELDS]);
    expect(one.json).toMatchObject({ id, name: 'on_create', updated_at: null });
    const missing = await api.get(`/v2/event_triggers/${UNKNOWN_WORKFLOW_ID}`);
    expect(missing.status).toBe(404);
    expect(missing.json!['faultstring']).toBe(`Event trigger not found [id=${UNKNOWN_WORKFLOW_ID}].`);
  });

  it('lists in creation order, with filters, fields, limit and marker', async () => {
    const all = await api.get('/v2/event_triggers');
    expect(all.status).toBe(200);
    expect(all.json!['event_triggers'].map((t: { id: string }) => t.id)).toEqual([id, otherId]);
    expect(all.json!['next']).toBeUndefined();

    const filtered = await api.get('/v2/event_triggers?event=compute.instance.delete.end&fields=name,event');
    expect(filtered.json).toEqual({
      event_triggers: [{ id: otherId, name: 'on_delete', event: 'compute.instance.delete.end' }],
    });
    expect((await api.get('/v2/event_triggers?exchange=eq:nova&topic=other')).json).toEqual({
      event_triggers: [],
    });

    const page = await api.get('/v2/event_triggers?limit=1&exchange=nova&fields=name');
    expect(page.json!['event_triggers']).toEqual([{ id, name: 'on_create' }]);
    expect(page.json!['next']).toBe(
      `${harness.baseUrl}/v2/event_triggers?sort_keys=created_at,id&sort_dirs=asc,asc&exchange=eq:nova&limit=1&marker=${id}&fields=id,name`,
    );
    const second = await api.get(new URL(page.json!['next']).pathname + new URL(page.json!['next']).search);
    expect(second.json!['event_triggers']).toEqual([{ id: otherId, name: 'on_delete' }]);
    expect(second.json!['next']).toMatch(/marker=/); // full page: Mistral links on
    const third = await api.get(`/v2/event_triggers?limit=1&marker=${otherId}`);
    expect(third.json).toEqual({ event_triggers: [] });

    const bad = await api.get('/v2/event_triggers?fields=name,pattern');
    expect(bad.status).toBe(400);
    expect(bad.json!['faultstring']).toBe(
      `Some fields do not exist  [pattern], please choose from [${EVENT_TRIGGER_FIELDS.join(', ')}]`,
    );
    expect((await api.get('/v2/event_triggers?limit=0')).json!['faultstring']).toBe(
      'Limit must be positive.',
    );
    expect((await api.get(`/v2/event_triggers?marker=${UNKNOWN_WORKFLOW_ID}`)).status).toBe(404);
  });

  it('updates with PUT (200, updated_at set); exchange, topic, event and workflow_id are fixed', async () => {
    clock = Date.parse('2026-11-24T02:15:00.000Z');
    const put = await api.json('PUT', `/v2/event_triggers/${id}`, {
      workflow_input: '{"instance_id": "<% $.payload.id %>", "who": "nova"}',
      name: 'renamed',
    });
    expect(put.status).toBe(200);
    expect(Object.keys(put.json!)).toEqual([...EVENT_TRIGGER_FIELDS]);
    expect(put.json).toMatchObject({
      id,
      name: 'renamed',
      created_at: '2026-11-24 02:10:00',
      updated_at: '2026-11-24 02:15:00',
      workflow_input: '{"instance_id": "<% $.payload.id %>", "who": "nova"}',
      workflow_params: '{"env": {"a": 1}}',
      event: 'compute.instance.create.end',
    });
    expect((await api.get(`/v2/event_triggers/${id}`)).json).toEqual(put.json);

    const fixed = await api.json('PUT', `/v2/event_triggers/${id}`, { topic: 'other' });
    expect(fixed.status).toBe(400);
    expect(fixed.json!['faultstring']).toBe(
      'Can not update fields exchange, topic, event, workflow_id of event trigger: delete it and create a new one.',
    );
    const workflow = await api.json('PUT', `/v2/event_triggers/${id}`, { workflow_id: WORKFLOW_ID });
    expect(workflow.status).toBe(400);
    const readOnly = await api.json('PUT', `/v2/event_triggers/${id}`, { updated_at: 'x' });
    expect(readOnly.json!['faultstring']).toBe(
      "Invalid input for field/attribute updated_at. Value: 'x'. Cannot set read only field.",
    );
    const missing = await api.json('PUT', `/v2/event_triggers/${UNKNOWN_WORKFLOW_ID}`, { name: 'x' });
    expect(missing.status).toBe(404);
    expect((await api.get(`/v2/event_triggers/${id}`)).json!['name']).toBe('renamed');
  });

  it('deletes (204), then 404', async () => {
    expect((await api.delete(`/v2/event_triggers/${id}`)).status).toBe(204);
    expect((await api.get(`/v2/event_triggers/${id}`)).status).toBe(404);
    expect((await api.delete(`/v2/event_triggers/${id}`)).status).toBe(404);
    expect((await api.get('/v2/event_triggers')).json!['event_triggers']).toHaveLength(1);
  });

  it('answers 405 with Allow for other methods', async () => {
    const res = await api.json('PUT', '/v2/event_triggers', {});
    expect(res.status).toBe(405);
  });

  it('logged nothing unexpected', () => {
    expect(harness.logged).toEqual([]);
  });
});

describe('/v2/event_triggers without the port', () => {
  let harness: ApiHarness;

  beforeAll(async () => {
    harness = await startApiHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('answers 501 to every route', async () => {
    const api = httpClient(harness.baseUrl);
    for (const res of [
      await api.get('/v2/event_triggers'),
      await api.json('POST', '/v2/event_triggers', CREATE),
      await api.get(`/v2/event_triggers/${WORKFLOW_ID}`),
      await api.json('PUT', `/v2/event_triggers/${WORKFLOW_ID}`, { name: 'x' }),
      await api.delete(`/v2/event_triggers/${WORKFLOW_ID}`),
    ]) {
      expect(res.status).toBe(501);
      expect(res.json!['faultstring']).toBe('Event triggers are not available in this process.');
    }
  });
});
