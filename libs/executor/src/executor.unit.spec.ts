import { ActionRegistry, errorResult, success, type Action } from '@sirocco/actions';
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

interface Harness {
  bus: InProcessMessageBus;
  executor: Executor;
  results: BusMessage<ActionResultReported>[];
  events: string[];
  submit(item: Partial<ActionWorkItem> & { actionName: string }, queue?: string): Promise<ActionWorkItem>;
}

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) {
    await h.executor.stop();
    await h.bus.close();
  }
});

let seq = 0;
/** An executor on an in-process bus, with a fake engine collecting the results. */
async function harness(
  options: Partial<ExecutorOptions> = {},
  wrap?: (bus: MessageBus, events: string[]) => MessageBus,
): Promise<Harness> {
  const bus = new InProcessMessageBus();
  const events: string[] = [];
  const results: BusMessage<ActionResultReported>[] = [];
  await bus.ensureStream(STREAMS.actions);
  await bus.ensureStream(STREAMS.engine);
  await bus.consume<ActionResultReported>(
    { stream: STREAMS.engine.name, durableName: 'test-engine', ackWaitMs: 30_000, maxDeliver: 1 },
    async (m) => {
      results.push(m);
      await m.ack();
    },
  );
  const executor = new Executor({
    bus: wrap ? wrap(bus, events) : bus,
    registry: ActionRegistry.withStandardActions(),
    logger: silentLogger,
    ...options,
  });
  await executor.start();
  const h: Harness = {
    bus,
    executor,
    results,
    events,
    async submit(partial, queue = 'default') {
      const id = `ax-${++seq}`;
      const item: ActionWorkItem = {
        executionId: 'ex-1',
        taskExecutionId: 't-1',
        actionExecutionId: id,
        input: {},
        attempt: 1,
        ...partial,
      };
      await bus.publish(SUBJECTS.action(queue), item, { msgId: item.actionExecutionId });
      return item;
    },
  };
  harnesses.push(h);
  return h;
}

const workLeft = (h: Harness) => h.bus.streamSize(STREAMS.actions.name);
const settled = (h: Harness, n = 1) =>
  vi.waitFor(() => {
    expect(h.results.length).toBeGreaterThanOrEqual(n);
    expect(workLeft(h)).toBe(0);
  });

describe('Executor', () => {
  it('runs an action, reports SUCCESS to the execution subject with a result msgId, and acks', async () => {
    const h = await harness();
    const item = await h.submit({ actionName: 'std.echo', input: { output: { hello: 'world' } } });
    await settled(h);
    const [result] = h.results;
    expect(result?.subject).toBe(SUBJECTS.engine('ex-1'));
    expect(result?.msgId).toBe(`result-${item.actionExecutionId}`);
    expect(result?.data).toEqual({
      kind: 'ActionResultReported',
      executionId: 'ex-1',
      actionExecutionId: item.actionExecutionId,
      state: 'SUCCESS',
      output: { hello: 'world' },
    });
  });

  it('reports before it acks', async () => {
    const h = await harness({}, (bus, events) => recordingBus(bus, events));
    await h.submit({ actionName: 'std.noop' });
    await settled(h);
    expect(h.events).toEqual(['publish sirocco.engine.ex-1', 'ack']);
  });

  it('acks a redelivered item whose result the engine recorded, without running the action again', async () => {
    let runs = 0;
    const counted: Action = {
      name: 'x.counted',
      description: '',
      inputSpec: [],
      run: () => Promise.resolve(success(++runs)),
    };
    const h = await harness(
      { registry: new ActionRegistry([counted]), ackWaitMs: 300, heartbeatMs: 10_000 },
      firstAckLostBus,
    );
    await h.bus.ensureStream(STREAMS.actionsDone);
    const recorded = await h.submit({ actionName: 'x.counted' });
    const lost = await h.submit({ actionName: 'x.counted' });
    await vi.waitFor(() => expect(h.results).toHaveLength(2));
    // The engine recorded the first result (and marked it done); the second's marker never came.
    await h.bus.publish(SUBJECTS.actionDone(recorded.actionExecutionId), { state: 'SUCCESS' });
    await vi.waitFor(() => expect(workLeft(h)).toBe(0), { timeout: 5_000 });
    // Both were redelivered after 300 ms: the marked one was acked, the other ran again, and its
    // second report has its own msgId and delivery, so the engine can record that it ran twice.
    await vi.waitFor(() => expect(h.results).toHaveLength(3));
    expect(runs).toBe(3);
    const again = h.results[2];
    expect(again?.data).toMatchObject({ actionExecutionId: lost.actionExecutionId, workDeliveries: 2 });
    expect(again?.msgId).toBe(`result-${lost.actionExecutionId}-2`);
  });

  it('reports an unknown action as ERROR', async () => {
    const h = await harness();
    await h.submit({ actionName: 'std.nope' });
    await settled(h);
    expect(h.results[0]?.data).toMatchObject({
      state: 'ERROR',
      output: 'Failed to find action [action_name=std.nope]',
    });
  });

  it('reports invalid input as ERROR with Mistral text', async () => {
    const h = await harness();
    await h.submit({ actionName: 'std.echo', input: { out: 1 } });
    await settled(h);
    expect(h.results[0]?.data).toMatchObject({
      state: 'ERROR',
      output:
        "Invalid input [name=std.echo, class=mistral.actions.std_actions.EchoAction, missing=['output'], unexpected=['out']]",
    });
  });

  it('reports a raised exception as ERROR', async () => {
    const h = await harness();
    const item = await h.submit({ actionName: 'std.fail' });
    await settled(h);
    expect(h.results[0]?.data).toMatchObject({
      state: 'ERROR',
      output: `The action raised an exception [action=Fail action, action_ex_id=${item.actionExecutionId}, msg='Fail action expected exception.']`,
    });
  });

  it('reports an error result with its data', async () => {
    const h = await harness();
    await h.submit({ actionName: 'std.fail', input: { error_data: { code: 42 } } });
    await settled(h);
    expect(h.results[0]?.data).toMatchObject({ state: 'ERROR', output: { code: 42 } });
  });

  it('fails an action that exceeds the work item timeout', async () => {
    const h = await harness();
    await h.submit({ actionName: 'std.sleep', input: { seconds: 10 }, timeoutSeconds: 0.1 });
    await settled(h);
    expect(h.results[0]?.data).toMatchObject({
      state: 'ERROR',
      output: expect.stringContaining("msg='0.1 seconds'"),
    });
  });

  it('reports nothing for a started async action but acks its work', async () => {
    const h = await harness();
    await h.submit({ actionName: 'std.async_noop' });
    await vi.waitFor(() => expect(workLeft(h)).toBe(0));
    await new Promise((r) => setTimeout(r, 50));
    expect(h.results).toEqual([]);
  });

  it('reports an async action that failed to start', async () => {
    const failingAsync: Action = {
      name: 'x.async_fail',
      description: '',
      inputSpec: [],
      async: true,
      run: () => Promise.resolve(errorResult({ status: 500 })),
    };
    const h = await harness({ registry: new ActionRegistry([failingAsync]) });
    await h.submit({ actionName: 'x.async_fail' });
    await settled(h);
    expect(h.results[0]?.data).toMatchObject({ state: 'ERROR', output: { status: 500 } });
  });

  it('reports a result that cannot be serialized as ERROR', async () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    const bad: Action = {
      name: 'x.bad',
      description: '',
      inputSpec: [],
      run: () => Promise.resolve(success(circular)),
    };
    const h = await harness({ registry: new ActionRegistry([bad]) });
    await h.submit({ actionName: 'x.bad' });
    await settled(h);
    expect(h.results[0]?.data).toMatchObject({
      state: 'ERROR',
      output: expect.stringContaining('cannot be serialized'),
    });
  });

  it('reports a malformed work item that names its action execution', async () => {
    const h = await harness();
    await h.bus.publish(SUBJECTS.action('default'), {
      executionId: 'ex-9',
      actionExecutionId: 'ax-9',
      input: [],
    });
    await settled(h);
    expect(h.results[0]?.data).toMatchObject({
      executionId: 'ex-9',
      actionExecutionId: 'ax-9',
      state: 'ERROR',
      output: 'Invalid action work item: work item lacks actionName',
    });
  });

  it('drops (terms) a work item it cannot attribute', async () => {
    const h = await harness();
    await h.bus.publish(SUBJECTS.action('default'), 'garbage');
    await vi.waitFor(() => expect(workLeft(h)).toBe(0));
    expect(h.results).toEqual([]);
  });

  it('only takes work from its own queue', async () => {
    const h = await harness({ queue: 'special' });
    await h.submit({ actionName: 'std.noop' }, 'default');
    await h.submit({ actionName: 'std.echo', input: { output: 'mine' } }, 'special');
    await vi.waitFor(() => expect(h.results).toHaveLength(1));
    expect(h.results[0]?.data.output).toBe('mine');
    expect(workLeft(h)).toBe(1);
  });

  it('rejects queue names that are not one subject token', () => {
    expect(
      () => new Executor({ bus: new InProcessMessageBus(), registry: new ActionRegistry(), queue: 'a.b' }),
    ).toThrow(/Invalid executor queue/);
  });
});

/** Wraps a bus so the test sees the order of result publishes and work acks. */
/** The bus, except that the first ack of each work item is lost (its executor died right before acking). */
function firstAckLostBus(bus: MessageBus, events: string[]): MessageBus {
  const inner = recordingBus(bus, events);
  return {
    ...inner,
    consume: (config, handler, onExhausted) =>
      inner.consume(
        config,
        (m) =>
          handler(
            m.deliveryCount === 1 && config.stream === STREAMS.actions.name
              ? { ...m, ack: async () => undefined }
              : m,
          ),
        onExhausted,
      ),
  };
}

function recordingBus(bus: MessageBus, events: string[]): MessageBus {
  return {
    ensureStream: (c) => bus.ensureStream(c),
    lastBySubject: (stream, subject) => bus.lastBySubject(stream, subject),
    close: () => bus.close(),
    publish: (subject, data, options) => {
      events.push(`publish ${subject}`);
      return bus.publish(subject, data, options);
    },
    consume: (config, handler, onExhausted) =>
      bus.consume(
        config,
        (m) =>
          handler({
            ...m,
            ack: () => {
              events.push('ack');
              return m.ack();
            },
            nak: (d) => m.nak(d),
            term: (r) => m.term(r),
            working: () => m.working(),
          }),
        onExhausted,
      ),
  };
}
