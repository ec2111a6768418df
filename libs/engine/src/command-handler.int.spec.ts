// The handler's cached state must never be folded twice: loads (recovery,
// re-publishing) and decisions on the same execution take turns.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseWorkflowsDocument } from '@sirocco/dsl';
import { InMemoryEventStore } from '@sirocco/eventstore';
import { InProcessMessageBus, STREAMS } from '@sirocco/messaging';
import { executionStreamId, foldExecution, type ExecutionEvent } from '@sirocco/workflow';
import { ExecutionCommandHandler } from './command-handler.js';
import { ExecutionRepository } from './execution-repository.js';

const yaml = `version: '2.0'
wf:
  tasks:
    each:
      with-items: i in <% range(20) %>
      concurrency: 5
      action: std.noop
`;

describe('ExecutionCommandHandler', () => {
  it('keeps its cached state equal to a fresh fold while loads and decisions interleave', async () => {
    const parsed = parseWorkflowsDocument(yaml);
    if (!parsed.ok) throw new Error('bad fixture');
    const spec = parsed.value.workflows[0]!;
    const store = new InMemoryEventStore();
    const bus = new InProcessMessageBus();
    await bus.ensureStream(STREAMS.actions);
    await bus.ensureStream(STREAMS.engine);
    const repository = new ExecutionRepository(store);
    const handler = new ExecutionCommandHandler({
      repository,
      bus,
      clock: { now: () => new Date() },
      newId: randomUUID,
      resolveAction: (name) => (name === 'std.noop' ? { name, input: [] } : undefined),
    });
    const id = randomUUID();
    await handler.handle(id, {
      type: 'StartExecution',
      executionId: id,
      workflowId: 'w',
      workflowName: 'wf',
      workflowNamespace: '',
      spec,
      definitionRevision: 0,
      input: {},
      params: {},
      description: '',
    });
    // Report every running action while re-publishing runs concurrently, until done.
    for (let round = 0; round < 30; round++) {
      const events = await store.readStream(executionStreamId(id));
      const fold = foldExecution(events.map((e) => ({ type: e.type, data: e.data }) as ExecutionEvent));
      if (fold.state !== 'RUNNING') break;
      const running = [...fold.actions.values()].filter((a) => a.state === 'RUNNING');
      await Promise.all([
        ...running.map((a) =>
          handler.handle(id, { type: 'ReportActionResult', actionExecutionId: a.id, state: 'SUCCESS', output: null }),
        ),
        ...running.map(() => handler.republishPending(id)),
      ]);
    }
    const stored = await store.readStream(executionStreamId(id));
    const fresh = foldExecution(stored.map((e) => ({ type: e.type, data: e.data }) as ExecutionEvent));
    expect(fresh.state).toBe('SUCCESS');
    const cached = (await repository.load(id)).fold;
    expect(cached.state).toBe(fresh.state);
    expect([...cached.actions.values()].map((a) => [a.id, a.state, a.accepted])).toEqual(
      [...fresh.actions.values()].map((a) => [a.id, a.state, a.accepted]),
    );
    await bus.close();
  });
});
