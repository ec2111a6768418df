// Replay against the real embedded store: events in SQLite, read models
// projected from them by the projection runner, as the standalone server has.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@sirocco/eventstore';
import { ProjectionRunner, createSqliteReadModels, readModelAccess } from '@sirocco/projections';
import { executionStreamId, workflowDefinitionStreamId } from '@sirocco/workflow';
import { replayExecution, type ReplaySources } from './replay.js';
import { whatIfExecution } from './what-if/what-if-execution.js';
import { recordRun, specOf } from './testing/recorded-run.js';

const WORKFLOW = `version: '2.0'
greet:
  input: [name]
  tasks:
    say:
      action: std.echo output="Hello, <% $.name %>"
      publish:
        greeting: <% task().result %>
      on-success: [done]
    done:
      action: std.noop
  output:
    greeting: <% $.greeting %>
`;

describe('replayExecution', () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: ProjectionRunner;
  let sources: ReplaySources;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sirocco-audit-'));
    store = SqliteEventStore.open({ path: join(dir, 'sirocco.db') });
    const readModels = createSqliteReadModels(store.database());
    runner = new ProjectionRunner({ eventStore: store, readModels });
    await runner.start();
    sources = { events: store, readModels: readModelAccess(readModels, runner) };
    const history = recordRun(specOf(WORKFLOW), { name: 'world' });
    await store.append(
      executionStreamId('exec-1'),
      history.map((e) => ({
        eventId: randomUUID(),
        type: e.type,
        data: e.data,
        metadata: { correlationId: 'exec-1' },
      })),
      'no_stream',
    );
  });

  afterAll(async () => {
    await runner.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the read model consistent with the events', async () => {
    const report = await replayExecution(sources, 'exec-1');
    expect(report).toMatchObject({
      executionId: 'exec-1',
      state: 'SUCCESS',
      consistent: true,
      mismatches: [],
    });
    expect(report.eventCount).toBe(report.revision + 1);
  });

  it('reports each value the read model shows differently, with its path', async () => {
    store
      .database()
      .prepare(`UPDATE rm_task_executions SET published = ?, state = 'ERROR' WHERE name = 'say'`)
      .run('{"greeting": "tampered"}');
    const report = await replayExecution(sources, 'exec-1');
    expect(report.consistent).toBe(false);
    const sayId = report.mismatches[0]!.path.match(/^tasks\[say:([^\]]+)\]/)?.[1];
    expect(report.mismatches).toEqual([
      { path: `tasks[say:${sayId}].state`, expected: 'SUCCESS', actual: 'ERROR' },
      { path: `tasks[say:${sayId}].published.greeting`, expected: 'Hello, world', actual: 'tampered' },
    ]);
  });

  it('what-ifs a stored execution against a revision of its definition stream', async () => {
    const saved = (revision: number, yaml: string) => ({
      eventId: randomUUID(),
      type: revision === 0 ? 'WorkflowDefinitionCreated' : 'WorkflowDefinitionUpdated',
      data: {
        workflowId: 'wf-1',
        name: 'greet',
        namespace: '',
        definition: yaml,
        spec: specOf(yaml),
        scope: 'private',
        tags: [],
        at: '2026-11-24T00:00:00.000Z',
      },
    });
    const changed = WORKFLOW.replace('Hello, ', 'Bye, ');
    await store.append(
      workflowDefinitionStreamId('', 'greet'),
      [saved(0, WORKFLOW), saved(1, changed)],
      'no_stream',
    );
    expect(await whatIfExecution(store, 'exec-1', { definitionRevision: 0 })).toMatchObject({
      outcome: 'same',
      workflowName: 'greet',
      recordedDefinitionRevision: 0,
      definitionRevision: 0,
    });
    const other = await whatIfExecution(store, 'exec-1', { definitionRevision: 1 });
    expect(other.difference?.mismatches).toEqual([
      { path: 'data.input.output', expected: 'Hello, world', actual: 'Bye, world' },
    ]);
    await expect(whatIfExecution(store, 'exec-1', { definitionRevision: 2 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('rejects an execution without events as not found', async () => {
    await expect(replayExecution(sources, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
