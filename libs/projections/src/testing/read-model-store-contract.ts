// The read-model store contract: run by each adapter's *.int.spec.ts.
import type { EventStore } from '@sirocco/eventstore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectionRunner } from '../projection-runner.js';
import type { ReadModelStore } from '../read-model-store.js';
import { appendExecutionHistory } from './execution-history.js';

export interface ReadModelFixture {
  readonly store: EventStore;
  readonly readModels: ReadModelStore;
  dispose(): Promise<void>;
}

/** The behaviour every ReadModelStore adapter must show (SQLite, PostgreSQL). */
export function describeReadModelStoreContract(name: string, setup: () => Promise<ReadModelFixture>): void {
  describe(`read models on ${name}, fed by the event store`, () => {
    let fixture: ReadModelFixture;
    let store: EventStore;
    let readModels: ReadModelStore;
    let runner: ProjectionRunner;

    beforeEach(async () => {
      fixture = await setup();
      store = fixture.store;
      readModels = fixture.readModels;
      runner = new ProjectionRunner({ eventStore: store, readModels });
      await runner.start();
    });

    afterEach(async () => {
      await runner.stop();
      await fixture.dispose();
    });

    it('projects an execution, its tasks and action executions', async () => {
      const h = await appendExecutionHistory(store, {
        workflowName: 'wf1',
        namespace: 'ns',
        input: { name: 'bob' },
        tasks: [
          { name: 't1', output: 'hello bob', published: { msg: 'hello bob' } },
          { name: 't2', output: null, after: 't1' },
        ],
        final: { state: 'SUCCESS', output: { result: 'hello bob' } },
      });
      await runner.waitForPosition(h.position, 2000);

      const ex = await readModels.getExecution(h.executionId);
      expect(ex).toMatchObject({
        workflowName: 'wf1',
        workflowNamespace: 'ns',
        state: 'SUCCESS',
        input: { name: 'bob' },
        output: { result: 'hello bob' },
        rootExecutionId: null,
        createdAt: '2026-11-23 06:51:02',
        publishedGlobal: {},
      });

      const tasks = await readModels.listTasks({
        filters: [{ field: 'workflow_execution_id', op: 'eq', value: h.executionId }],
      });
      expect(tasks.map((t) => t.name)).toEqual(['t1', 't2']);
      expect(tasks[0]).toMatchObject({
        type: 'ACTION',
        state: 'SUCCESS',
        published: { msg: 'hello bob' },
        processed: true,
        runtimeContext: {},
      });
      expect(tasks[1]!.runtimeContext).toEqual({
        triggered_by: [{ task_id: h.taskIds['t1'], event: 'on-success' }],
      });
      expect(await readModels.getTaskResult(h.taskIds['t1']!)).toEqual({ value: 'hello bob' });

      const actions = await readModels.listActionExecutions({
        filters: [{ field: 'task_execution_id', op: 'eq', value: h.taskIds['t1']! }],
      });
      expect(actions).toHaveLength(1);
      expect(actions[0]).toMatchObject({
        name: 'std.echo',
        taskName: 't1',
        state: 'SUCCESS',
        accepted: true,
        output: { value: 'hello bob' },
      });
    });

    it('pages with limit and marker in creation order, and filters', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const h = await appendExecutionHistory(store, {
          workflowName: i % 2 === 0 ? 'even' : 'odd',
          tasks: [],
          ...(i < 2 ? { final: { state: 'ERROR' as const, output: {}, stateInfo: 'boom' } } : {}),
        });
        ids.push(h.executionId);
        await runner.waitForPosition(h.position, 2000);
      }
      const page1 = await readModels.listExecutions({ limit: 2 });
      expect(page1.map((e) => e.id)).toEqual(ids.slice(0, 2));
      const page2 = await readModels.listExecutions({ limit: 2, marker: page1[1]!.id });
      expect(page2.map((e) => e.id)).toEqual(ids.slice(2, 4));
      const desc = await readModels.listExecutions({
        sortKeys: ['created_at'],
        sortDirs: ['desc'],
        limit: 1,
      });
      expect(desc[0]!.id).toBe(ids[4]);

      expect(
        (await readModels.listExecutions({ filters: [{ field: 'workflow_name', op: 'eq', value: 'odd' }] }))
          .length,
      ).toBe(2);
      expect(
        (
          await readModels.listExecutions({
            filters: [{ field: 'state', op: 'in', value: ['ERROR', 'SUCCESS'] }],
          })
        ).length,
      ).toBe(2);
      expect(
        (await readModels.listExecutions({ filters: [{ field: 'state', op: 'neq', value: 'ERROR' }] }))
          .length,
      ).toBe(3);
      expect(
        (
          await readModels.listExecutions({
            filters: [{ field: 'created_at', op: 'gt', value: '2026-11-23T06:51:01Z' }],
          })
        ).length,
      ).toBe(5);
      expect(
        (
          await readModels.listExecutions({
            filters: [{ field: 'created_at', op: 'lt', value: '2026-11-23 06:51:02' }],
          })
        ).length,
      ).toBe(0);
      expect(
        (await readModels.listExecutions({ filters: [{ field: 'state_info', op: 'has', value: 'oo' }] }))
          .length,
      ).toBe(2);
    });

    it('validates list parameters like Mistral', async () => {
      await expect(readModels.listExecutions({ limit: 0 })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: 'Limit must be positive.',
      });
      await expect(
        readModels.listExecutions({ sortDirs: ['up'], sortKeys: ['state'] }),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(readModels.listExecutions({ marker: 'nope' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'WorkflowExecution not found [id=nope]',
      });
    });

    it('keeps the checkpoint with the rows and rebuilds from zero to the same state', async () => {
      const h = await appendExecutionHistory(store, {
        tasks: [{ name: 'a', output: [1, 2] }],
        final: { state: 'SUCCESS', output: {} },
      });
      await runner.waitForPosition(h.position, 2000);
      expect(await readModels.checkpoint('read-models')).toBe(h.position);
      const before = await readModels.getTask(h.taskIds['a']!);
      await runner.rebuild();
      await runner.waitForPosition(h.position, 2000);
      expect(await readModels.getTask(h.taskIds['a']!)).toEqual(before);

      // A second runner over the same file resumes from the stored checkpoint.
      await runner.stop();
      const resumed = new ProjectionRunner({ eventStore: store, readModels });
      await resumed.start();
      expect(resumed.position).toBe(h.position);
      await resumed.stop();
    });

    it('times out waiting for a position that never comes', async () => {
      await expect(runner.waitForPosition(10_000, 50)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    });
  });
}
