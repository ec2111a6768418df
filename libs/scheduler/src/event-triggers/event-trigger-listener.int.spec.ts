// Event triggers against a real nats-server (JetStream, started by the test):
// messages on the trigger's subjects start its workflow once each, through
// redeliveries, duplicate publishes and a listener that comes up only after
// the message was published; two listeners share the work.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InMemoryEventStore, type EventHandler, type EventStore } from '@sirocco/eventstore';
import type { StartExecutionRequest } from '@sirocco/engine';
import { NatsMessageBus } from '@sirocco/messaging/nats';
import { startTestNatsServer, type TestNatsServer } from '@sirocco/messaging/testing';
import { isSiroccoError } from '@sirocco/workflow';
import { RecordingExecutionService, TEST_WORKFLOW_ID, testWorkflows } from '../testing/cron-fixtures.js';
import { EventTriggerIndex } from './event-trigger-index.js';
import { EventTriggerListener } from './event-trigger-listener.js';
import { EventTriggerService } from './event-trigger-service.js';

/**
 * The first start of each execution is recorded but its answer is lost (a
 * connection drop after the append), so the message is redelivered and
 * started again: only a derived execution id keeps that to one execution.
 */
class AnswerLosingExecutions extends RecordingExecutionService {
  readonly failedOnce = new Set<string>();
  override async start(request: StartExecutionRequest) {
    const result = await super.start(request);
    const id = request.executionId ?? '';
    if (!this.failedOnce.has(id)) {
      this.failedOnce.add(id);
      throw new Error('connection lost after the append');
    }
    return result;
  }
}

describe('event triggers on NATS JetStream', () => {
  let nats: TestNatsServer;
  const buses: NatsMessageBus[] = [];
  const bus = async (name: string) => {
    const b = await NatsMessageBus.connect({ servers: nats.url, name });
    buses.push(b);
    return b;
  };

  beforeAll(async () => {
    nats = await startTestNatsServer();
  }, 60_000);
  afterAll(async () => {
    await Promise.allSettled(buses.map((b) => b.close()));
    await nats?.stop();
  });

  it('starts the workflow once per message, with the message in the input, however it is delivered', async () => {
    const store = new InMemoryEventStore();
    const apiBus = await bus('api');
    const apiIndex = new EventTriggerIndex(store);
    await apiIndex.start();
    const service = new EventTriggerService({
      eventStore: store,
      index: apiIndex,
      workflows: testWorkflows,
      bus: apiBus,
    });
    const trigger = await service.create({
      name: 'on-create',
      workflowId: TEST_WORKFLOW_ID,
      exchange: 'nova',
      topic: 'notifications',
      event: 'compute.instance.create.end',
      workflowInput: { who: '<% $.payload.instance_id %>' },
    });
    await service.create({
      name: 'on-order',
      workflowId: TEST_WORKFLOW_ID,
      exchange: 'shop',
      topic: 'events',
      event: 'order.created',
      workflowInput: { who: '{{ _.payload.customer }}' },
    });

    // Published before any scheduler runs: the stream keeps them.
    await apiBus.publish('nova.notifications', {
      event_type: 'compute.instance.create.end',
      publisher_id: 'compute.host1',
      payload: { instance_id: 'i-1' },
      _context_project_id: 'proj-1',
    });
    await apiBus.publish('nova.notifications', { event_type: 'compute.instance.delete.end', payload: {} });
    // The same message published twice with one Nats-Msg-Id: JetStream keeps one.
    await apiBus.publish('shop.events.order.created', { customer: 'ann' }, { msgId: 'order-1' });
    await apiBus.publish('shop.events.order.created', { customer: 'ann' }, { msgId: 'order-1' });
    await apiBus.publish('shop.events.order.created', { customer: 'bob' });

    const executions = new AnswerLosingExecutions();
    const listeners = await Promise.all(
      ['scheduler-a', 'scheduler-b'].map(async (name) => {
        const l = new EventTriggerListener({
          index: new EventTriggerIndex(store),
          bus: await bus(name),
          executions,
        });
        await l.start();
        return l;
      }),
    );
    // Every start lost its answer once and was redelivered (after a 1 s back-off): 6 calls...
    await vi.waitFor(() => expect(executions.calls).toBe(6), { timeout: 15_000 });
    // ...still one execution per message.
    expect(executions.started.size).toBe(3);
    const inputs = [...executions.started.values()].map((r) => r.input?.['who']).sort();
    expect(inputs).toEqual(['ann', 'bob', 'i-1']);
    const nova = [...executions.started.values()].find((r) => r.input?.['who'] === 'i-1');
    expect(nova?.params).toMatchObject({
      event_params: { service: 'compute.host1', project_id: 'proj-1', user_id: null },
    });
    expect(JSON.parse(nova?.description ?? '{}')).toMatchObject({
      triggered_by: { type: 'event_trigger', id: trigger.triggerId, name: 'on-create' },
    });

    // Live: a trigger created while the listeners run, on a new source.
    const live = await service.create({
      workflowId: TEST_WORKFLOW_ID,
      exchange: 'glance',
      topic: 'notifications',
      event: 'image.upload',
    });
    await vi.waitFor(() => expect(listeners.every((l) => l.stats().sources === 3)).toBe(true));
    await apiBus.publish('glance.notifications.image.upload', { id: 'img' });
    await vi.waitFor(() => expect(executions.started.size).toBe(4), { timeout: 15_000 });

    // Deleted: its messages start nothing, and are still taken off the stream.
    await service.delete(live.triggerId);
    await vi.waitFor(() => expect(listeners.every((l) => l.stats().sources === 3)).toBe(true));
    const before = listeners.reduce((n, l) => n + l.stats().messages, 0);
    await apiBus.publish('glance.notifications.image.upload', { id: 'img2' });
    await vi.waitFor(() =>
      expect(listeners.reduce((n, l) => n + l.stats().messages, 0)).toBeGreaterThan(before),
    );
    expect(executions.started.size).toBe(4);
    await Promise.all(listeners.map((l) => l.stop()));
    await apiIndex.stop();
  }, 60_000);

  it('refuses a trigger on subjects another stream already captures, writing nothing', async () => {
    const store = new InMemoryEventStore();
    const apiBus = await bus('api-2');
    await apiBus.ensureStream({ name: 'SOMEONE_ELSES', subjects: ['billing.>'], retention: 'limits' });
    const index = new EventTriggerIndex(store);
    await index.start();
    const service = new EventTriggerService({
      eventStore: store,
      index,
      workflows: testWorkflows,
      bus: apiBus,
    });
    const error = await service
      .create({ workflowId: TEST_WORKFLOW_ID, exchange: 'billing', topic: 'events', event: 'x' })
      .catch((e: unknown) => e);
    expect(isSiroccoError(error) && error.code).toBe('INVALID_INPUT');
    expect(String((error as Error).message)).toMatch(/Cannot listen on NATS subjects billing\.events/);
    expect(await store.readAll({ streamPrefixes: ['event-trigger-'] })).toEqual([]);
    await index.stop();
  }, 30_000);

  it('starts a trigger created moments before the message, even when its log follower lags', async () => {
    const store = new InMemoryEventStore();
    // The listener's view of the log arrives 3 s late, like a poll interval against another process's writes.
    const laggingStore: EventStore = {
      append: (...args) => store.append(...args),
      readStream: (...args) => store.readStream(...args),
      streamRevision: (...args) => store.streamRevision(...args),
      readAll: (...args) => store.readAll(...args),
      close: () => store.close(),
      subscribeToAll: (
        options: Parameters<EventStore['subscribeToAll']>[0],
        handler: EventHandler,
        onError?: (e: unknown) => void,
      ) =>
        store.subscribeToAll(
          options,
          async (event) => {
            await new Promise((r) => setTimeout(r, 3_000));
            await handler(event);
          },
          onError,
        ),
    };
    const apiBus = await bus('api-3');
    const apiIndex = new EventTriggerIndex(store);
    await apiIndex.start();
    const service = new EventTriggerService({
      eventStore: store,
      index: apiIndex,
      workflows: testWorkflows,
      bus: apiBus,
    });
    // A source the listener already consumes (a trigger from before it started)...
    await service.create({ workflowId: TEST_WORKFLOW_ID, exchange: 'ci', topic: 'builds', event: 'passed' });
    const executions = new RecordingExecutionService();
    const listener = new EventTriggerListener({
      index: new EventTriggerIndex(laggingStore),
      bus: await bus('lagging'),
      executions,
    });
    await listener.start();
    await vi.waitFor(() => expect(listener.stats().sources).toBe(1), { timeout: 10_000 });
    // ...gets a trigger for another event, and that event comes right after.
    await service.create({
      workflowId: TEST_WORKFLOW_ID,
      exchange: 'ci',
      topic: 'builds',
      event: 'failed',
      workflowInput: { who: '<% $.payload.job %>' },
    });
    const t0 = Date.now();
    await apiBus.publish('ci.builds.failed', { job: 'nightly' });
    await vi.waitFor(() => expect(executions.started.size).toBe(1), { timeout: 2_500 });
    expect(Date.now() - t0).toBeLessThan(2_500); // not by waiting for the follower
    expect([...executions.started.values()][0]?.input).toEqual({ who: 'nightly' });
    await listener.stop();
    await apiIndex.stop();
  }, 30_000);
});
