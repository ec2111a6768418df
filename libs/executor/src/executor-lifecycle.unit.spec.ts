// Delivery guarantees: heartbeats, shutdown, concurrency, retries, redelivery.
import { ActionRegistry, success, type Action } from '@sirocco/actions';
import {
  InProcessMessageBus,
  STREAMS,
  SUBJECTS,
  type ActionResultReported,
  type ActionWorkItem,
  type BusMessage,
  type MessageBus,
} from '@sirocco/messaging';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Executor, type ExecutorOptions } from './executor.js';
import { silentLogger } from './logger.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** An action that counts its runs and takes `ms` (honouring its signal). */
function slowAction(ms: number) {
  const runs: number[] = [];
  let running = 0;
  let maxRunning = 0;
  const action: Action = {
    name: 'x.slow',
    description: '',
    inputSpec: [],
    run: async (_input, ctx) => {
      runs.push(Date.now());
      maxRunning = Math.max(maxRunning, ++running);
      try {
        await new Promise<void>((resolve, reject) => {
          const t = setTimeout(resolve, ms);
          ctx.signal.addEventListener('abort', () => {
            clearTimeout(t);
            reject(ctx.signal.reason as Error);
          });
        });
        return success('done');
      } finally {
        running--;
      }
    },
  };
  return { action, runs, maxRunning: () => maxRunning };
}

async function setup(options: Partial<ExecutorOptions>, wrap: (bus: MessageBus) => MessageBus = (b) => b) {
  const bus = new InProcessMessageBus();
  await bus.ensureStream(STREAMS.actions);
  await bus.ensureStream(STREAMS.engine);
  const results: ActionResultReported[] = [];
  await bus.consume<ActionResultReported>(
    { stream: STREAMS.engine.name, durableName: 'test-engine', ackWaitMs: 30_000, maxDeliver: 1 },
    async (m) => {
      results.push(m.data);
      await m.ack();
    },
  );
  const executor = new Executor({
    bus: wrap(bus),
    registry: new ActionRegistry(),
    logger: silentLogger,
    ...options,
  });
  await executor.start();
  cleanups.push(async () => {
    await executor.stop();
    await bus.close();
  });
  let n = 0;
  const submit = async (actionName = 'x.slow') => {
    const item: ActionWorkItem = {
      executionId: 'ex-1',
      taskExecutionId: 't',
      actionExecutionId: `ax-${++n}`,
      actionName,
      input: {},
      attempt: 1,
    };
    await bus.publish(SUBJECTS.action('default'), item, { msgId: item.actionExecutionId });
  };
  const workLeft = () => bus.streamSize(STREAMS.actions.name);
  return { bus, executor, results, submit, workLeft };
}

describe('Executor delivery', () => {
  it('heartbeats an action that outlives the ack wait, so it runs once', async () => {
    const slow = slowAction(600);
    const t = await setup({ registry: new ActionRegistry([slow.action]), ackWaitMs: 150, heartbeatMs: 40 });
    await t.submit();
    await vi.waitFor(() => expect(t.results).toHaveLength(1), { timeout: 3000 });
    expect(slow.runs).toHaveLength(1);
    expect(t.workLeft()).toBe(0);
  });

  it('without heartbeats the same action would be redelivered (control)', async () => {
    const slow = slowAction(400);
    const t = await setup({
      registry: new ActionRegistry([slow.action]),
      ackWaitMs: 100,
      heartbeatMs: 10_000,
      backoffMs: [0],
    });
    await t.submit();
    await vi.waitFor(() => expect(slow.runs.length).toBeGreaterThan(1), { timeout: 3000 });
  });

  it('runs at most `concurrency` actions at once', async () => {
    const slow = slowAction(80);
    const t = await setup({ registry: new ActionRegistry([slow.action]), concurrency: 2 });
    for (let i = 0; i < 5; i++) await t.submit();
    await vi.waitFor(() => expect(t.results).toHaveLength(5), { timeout: 3000 });
    expect(slow.maxRunning()).toBe(2);
  });

  it('on stop, lets running actions finish within the grace period and report', async () => {
    const slow = slowAction(100);
    const t = await setup({ registry: new ActionRegistry([slow.action]), shutdownGraceMs: 2000 });
    await t.submit();
    await vi.waitFor(() => expect(t.executor.inFlight).toBe(1));
    await t.executor.stop();
    expect(t.results).toMatchObject([{ state: 'SUCCESS', output: 'done' }]);
    expect(t.workLeft()).toBe(0);
  });

  it('on stop, aborts actions past the grace period and hands their work back unreported', async () => {
    const slow = slowAction(10_000);
    const t = await setup({ registry: new ActionRegistry([slow.action]), shutdownGraceMs: 50 });
    await t.submit();
    await vi.waitFor(() => expect(t.executor.inFlight).toBe(1));
    const t0 = Date.now();
    await t.executor.stop();
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(t.results).toEqual([]);
    expect(t.workLeft()).toBe(1);

    // Another executor on the same queue picks it up.
    const next = new Executor({
      bus: t.bus,
      registry: new ActionRegistry([slowAction(10).action]),
      logger: silentLogger,
    });
    await next.start();
    cleanups.push(() => next.stop());
    await vi.waitFor(() => expect(t.results).toMatchObject([{ state: 'SUCCESS' }]));
  });

  it('takes no new work once stopping', async () => {
    const t = await setup({ registry: ActionRegistry.withStandardActions() });
    await t.executor.stop();
    await t.submit('std.noop');
    await new Promise((r) => setTimeout(r, 50));
    expect(t.results).toEqual([]);
    expect(t.workLeft()).toBe(1);
  });

  it('retries a failed result publish without running the action again', async () => {
    const slow = slowAction(1);
    let failures = 2;
    const t = await setup({ registry: new ActionRegistry([slow.action]), publishRetryDelayMs: 5 }, (bus) =>
      flakyPublish(bus, () => failures-- > 0),
    );
    await t.submit();
    await vi.waitFor(() => expect(t.results).toHaveLength(1));
    expect(slow.runs).toHaveLength(1);
    expect(t.workLeft()).toBe(0);
  });

  it('hands work back when the result cannot be published, and the rerun reports it', async () => {
    const slow = slowAction(1);
    let failures = 3;
    const t = await setup(
      {
        registry: new ActionRegistry([slow.action]),
        publishAttempts: 3,
        publishRetryDelayMs: 1,
        backoffMs: [0],
      },
      (bus) => flakyPublish(bus, () => failures-- > 0),
    );
    await t.submit();
    await vi.waitFor(() => expect(t.results).toHaveLength(1));
    expect(slow.runs).toHaveLength(2);
  });

  it('fails the action when its work item exhausts its deliveries', async () => {
    const slow = slowAction(1);
    // Results of the runs are lost; only the exhaustion report gets through.
    const t = await setup(
      { registry: new ActionRegistry([slow.action]), maxDeliver: 2, publishAttempts: 1, backoffMs: [0] },
      (bus) => flakyPublish(bus, (data) => data.state === 'SUCCESS'),
    );
    await t.submit();
    await vi.waitFor(() => expect(t.results).toHaveLength(1));
    expect(slow.runs).toHaveLength(2);
    expect(t.results[0]).toMatchObject({
      state: 'ERROR',
      output: expect.stringContaining('not completed after 2 deliveries'),
    });
    expect(t.workLeft()).toBe(0);
  });

  it('a crash after reporting but before acking reruns the action, and the engine hears of both runs', async () => {
    const slow = slowAction(1);
    let dropAcks = 1;
    const t = await setup(
      { registry: new ActionRegistry([slow.action]), ackWaitMs: 100, backoffMs: [0] },
      (bus) => droppingAcks(bus, () => dropAcks-- > 0),
    );
    await t.submit();
    await vi.waitFor(() => expect(t.workLeft()).toBe(0), { timeout: 3000 });
    expect(slow.runs).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 30));
    // Delivery 1's result, then delivery 2's under its own msgId: the core keeps the first and
    // records the second run as ActionExecutionRepeated.
    expect(t.results.map((r) => r.workDeliveries)).toEqual([undefined, 2]);
  });
});

/** Engine-subject publishes fail while `failing()` says so. */
function flakyPublish(bus: MessageBus, failing: (data: ActionResultReported) => boolean): MessageBus {
  return {
    ensureStream: (c) => bus.ensureStream(c),
    lastBySubject: (stream, subject) => bus.lastBySubject(stream, subject),
    close: () => bus.close(),
    consume: (c, h, e) => bus.consume(c, h, e),
    publish: (subject, data, options) =>
      subject.startsWith('sirocco.engine.') && failing(data as ActionResultReported)
        ? Promise.reject(new Error('bus unavailable'))
        : bus.publish(subject, data, options),
  };
}

/** Acks are lost (as if the process died right after reporting) while `dropping()` says so. */
function droppingAcks(bus: MessageBus, dropping: () => boolean): MessageBus {
  return {
    ensureStream: (c) => bus.ensureStream(c),
    lastBySubject: (stream, subject) => bus.lastBySubject(stream, subject),
    close: () => bus.close(),
    publish: (s, d, o) => bus.publish(s, d, o),
    consume: (config, handler, onExhausted) =>
      bus.consume(
        config,
        (m: BusMessage<unknown>) =>
          handler({
            ...m,
            ack: () => (dropping() ? Promise.resolve() : m.ack()),
            nak: (d?: number) => m.nak(d),
            term: (r?: string) => m.term(r),
            working: () => m.working(),
          } as never),
        onExhausted,
      ),
  };
}
