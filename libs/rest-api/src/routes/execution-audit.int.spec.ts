// Audit endpoints over a real SQLite store and read models, with a history
// the real decider produced. The report's shape is compared with an answer
// recorded from Mistral 15 (same workflow shape: a task, a failing task
// handled by on-error, a follow-up).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as dsl from '@sirocco/dsl';
import { WorkflowCatalog, readModelWorkflowIdIndex } from '@sirocco/catalog';
import { SqliteEventStore } from '@sirocco/eventstore';
import { ProjectionRunner, createSqliteReadModels, readModelAccess } from '@sirocco/projections';
import {
  decide,
  executionStreamId,
  initialExecutionFold,
  type ActionDescriptor,
  type ExecutionCommand,
  type ExecutionEvent,
} from '@sirocco/workflow';
import { createRestApi } from '../create-rest-api.js';
import type { RestApiDependencies, WhatIfVersion } from '../dependencies.js';
import { FakeExecutionService } from '../testing/fake-execution-service.js';
import { shapeDifferences } from '../testing/shape.js';

type Json = Record<string, any>;

// Recorded from Mistral 15 (GET /v2/executions/{id}/report), ids and times shortened.
const MISTRAL_REPORT = {
  statistics: {
    total_tasks_count: 3,
    running_tasks_count: 0,
    success_tasks_count: 2,
    error_tasks_count: 1,
    idle_tasks_count: 0,
    paused_tasks_count: 0,
    estimated_time: 0,
  },
  root_workflow_execution: {
    id: 'b9511ca1',
    name: 'audit_rep_wf',
    created_at: '2026-11-24 02:07:53',
    updated_at: '2026-11-24 02:07:54',
    state: 'SUCCESS',
    state_info: null,
    task_executions: [
      {
        action_executions: [
          {
            accepted: true,
            last_heartbeat: '2026-11-24 02:07:53',
            id: '574a3afd',
            name: 'std.echo',
            created_at: '2026-11-24 02:07:53',
            updated_at: '2026-11-24 02:07:53',
            state: 'SUCCESS',
            state_info: null,
          },
        ],
        workflow_executions: [],
        id: 'f28b016b',
        name: 'say',
        created_at: '2026-11-24 02:07:53',
        updated_at: '2026-11-24 02:07:53',
        state: 'SUCCESS',
        state_info: null,
      },
    ],
  },
};

const WORKFLOW = `version: '2.0'
audit_wf:
  input: [name]
  tasks:
    say:
      action: std.echo output="Hello, <% $.name %>"
      publish:
        greeting: <% task().result %>
      on-success: [bad]
    bad:
      action: std.fail
      on-error: [done]
    done:
      action: std.noop
  output:
    greeting: <% $.greeting %>
`;

const ACTIONS: Record<string, ActionDescriptor> = {
  'std.echo': {
    name: 'std.echo',
    input: [{ name: 'output', hasDefault: false }] as ActionDescriptor['input'],
  },
  'std.fail': { name: 'std.fail', input: [] },
  'std.noop': { name: 'std.noop', input: [] },
};

/** Runs the workflow through the real decider; each command's events as one append. */
function record(executionId: string): ExecutionEvent[][] {
  const parsed = dsl.parseWorkflowsDocument(WORKFLOW);
  if (!parsed.ok) throw new Error('bad test workflow');
  const spec = parsed.value.workflows[0]!;
  const fold = initialExecutionFold();
  const batches: ExecutionEvent[][] = [];
  let n = 0;
  const send = (command: ExecutionCommand) =>
    batches.push(
      decide(fold, command, {
        now: new Date(Date.UTC(2026, 10, 24, 1, 0, ++n)).toISOString(),
        newId: randomUUID,
        resolveAction: (name) => ACTIONS[name],
      }),
    );
  send({
    type: 'StartExecution',
    executionId,
    workflowId: 'wf-1',
    workflowName: spec.name,
    workflowNamespace: '',
    spec,
    definitionRevision: 0,
    input: { name: 'world' },
    params: {},
    description: 'audited',
  });
  for (;;) {
    const a = [...fold.actions.values()].find((x) => x.state === 'RUNNING');
    if (!a) return batches;
    const failed = a.actionName === 'std.fail';
    send({
      type: 'ReportActionResult',
      actionExecutionId: a.id,
      state: failed ? 'ERROR' : 'SUCCESS',
      output: failed ? 'boom' : (a.input['output'] ?? null),
    });
  }
}

describe('execution audit endpoints', () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: ProjectionRunner;
  const servers: Server[] = [];
  let base: string;
  let bare: string;
  const whatIfCalls: [string, WhatIfVersion][] = [];
  const id = randomUUID();
  let eventCount = 0;

  const listen = async (deps: RestApiDependencies): Promise<string> => {
    const server = await new Promise<Server>((ok) => {
      const s = createRestApi(deps).listen(0, '127.0.0.1', () => ok(s));
    });
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const get = async (url: string): Promise<{ status: number; json: Json }> => {
    const res = await fetch(url);
    return { status: res.status, json: (await res.json()) as Json };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sirocco-audit-api-'));
    store = SqliteEventStore.open({ path: join(dir, 'sirocco.db') });
    const readModels = createSqliteReadModels(store.database());
    runner = new ProjectionRunner({ eventStore: store, readModels });
    await runner.start();
    const catalog = new WorkflowCatalog({
      eventStore: store,
      parser: dsl,
      idIndex: readModelWorkflowIdIndex(readModels),
    });
    let revision = -1;
    let position = 0;
    for (const [i, batch] of record(id).entries()) {
      const appended = await store.append(
        executionStreamId(id),
        batch.map((e) => ({
          eventId: randomUUID(),
          type: e.type,
          data: e.data,
          metadata: { correlationId: 'corr-1', ...(i > 0 ? { causationId: `msg-${i}` } : {}) },
        })),
        revision < 0 ? 'no_stream' : revision,
      );
      revision = appended.nextExpectedRevision;
      position = appended.position;
      eventCount += batch.length;
    }
    await runner.waitForPosition(position, 10_000);
    const deps: RestApiDependencies = {
      catalog,
      executions: new FakeExecutionService(store, catalog),
      readModels: readModelAccess(readModels, runner),
      actions: [],
      logger: { error: (_m, e) => console.error(e) },
    };
    base = await listen({
      ...deps,
      eventStore: store,
      audit: {
        replay: async (executionId) => ({ executionId, consistent: true }),
        whatIf: async (executionId, other) => {
          whatIfCalls.push([executionId, other]);
          return { outcome: 'same' };
        },
      },
    });
    bare = await listen(deps);
  });

  afterAll(async () => {
    for (const s of servers) await new Promise((ok) => s.close(ok));
    await runner.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the whole history in order, with times and message lineage', async () => {
    const { status, json } = await get(`${base}/v2/executions/${id}/events`);
    expect(status).toBe(200);
    const events = json['events'] as Json[];
    expect(events.map((e) => e['revision'])).toEqual([...Array(eventCount).keys()]);
    expect(Object.keys(events[0]!)).toEqual([
      'id',
      'revision',
      'position',
      'type',
      'at',
      'recorded_at',
      'correlation_id',
      'causation_id',
      'traceparent',
      'data',
    ]);
    expect(events[0]).toMatchObject({
      type: 'ExecutionStarted',
      at: '2026-11-24T01:00:01.000Z',
      correlation_id: 'corr-1',
      causation_id: null,
    });
    expect(events.at(-1)).toMatchObject({
      type: 'ExecutionCompleted',
      causation_id: 'msg-3',
      data: { state: 'SUCCESS' },
    });
    expect(json['next']).toBeUndefined();
  });

  it('pages with limit and after_revision or marker', async () => {
    const first = await get(`${base}/v2/executions/${id}/events?limit=2`);
    expect((first.json['events'] as Json[]).map((e) => e['revision'])).toEqual([0, 1]);
    expect(first.json['next']).toBe(`${base}/v2/executions/${id}/events?limit=2&after_revision=1`);
    const second = await get(first.json['next'] as string);
    expect((second.json['events'] as Json[]).map((e) => e['revision'])).toEqual([2, 3]);
    const byMarker = await get(
      `${base}/v2/executions/${id}/events?limit=1&marker=${(first.json['events'] as Json[])[1]!['id']}`,
    );
    expect((byMarker.json['events'] as Json[]).map((e) => e['revision'])).toEqual([2]);
    expect((await get(`${base}/v2/executions/${id}/events?limit=0`)).status).toBe(400);
  });

  it('answers 404 for an unknown execution', async () => {
    for (const path of ['events', 'report', 'state', 'state?revision=1']) {
      const { status, json } = await get(`${base}/v2/executions/nope/${path}`);
      expect([path, status, json['faultstring']]).toEqual([
        path,
        404,
        'WorkflowExecution not found [id=nope]',
      ]);
    }
    expect((await get(`${base}/v2/executions/nope?at_revision=0`)).status).toBe(404);
  });

  it('shows the execution at a past revision', async () => {
    const start = await get(`${base}/v2/executions/${id}?at_revision=0`);
    expect(start.json).toMatchObject({ id, state: 'RUNNING', output: '{}', revision: 0, tasks: [] });
    const firstTaskDone = await get(`${base}/v2/executions/${id}/state?revision=5`);
    expect((firstTaskDone.json['tasks'] as Json[]).map((t) => [t['name'], t['state']])).toEqual([
      ['say', 'SUCCESS'],
      ['bad', 'RUNNING'],
    ]);
    expect((await get(`${base}/v2/executions/${id}?at_revision=${eventCount}`)).status).toBe(400);
  });

  it('shows at the last revision exactly what the read model shows', async () => {
    const { json: atEnd } = await get(`${base}/v2/executions/${id}?at_revision=${eventCount - 1}`);
    const { json: live } = await get(`${base}/v2/executions/${id}`);
    const { revision, tasks, ...execution } = atEnd;
    expect(revision).toBe(eventCount - 1);
    expect(execution).toEqual(live);
    for (const task of tasks as Json[])
      expect(task).toEqual((await get(`${base}/v2/tasks/${task['id']}`)).json);
  });

  it("reports like Mistral's execution report", async () => {
    const { status, json } = await get(`${base}/v2/executions/${id}/report`);
    expect(status).toBe(200);
    expect(shapeDifferences(MISTRAL_REPORT, json)).toEqual([]);
    expect(json['statistics']).toEqual(MISTRAL_REPORT.statistics);
    const tasks = json['root_workflow_execution']['task_executions'] as Json[];
    expect(tasks.map((t) => [t['name'], t['state'], t['action_executions'].length])).toEqual([
      ['say', 'SUCCESS', 1],
      ['bad', 'ERROR', 1],
      ['done', 'SUCCESS', 1],
    ]);
    const errors = await get(`${base}/v2/executions/${id}/report?errors_only=true`);
    expect(errors.json['statistics']['total_tasks_count']).toBe(1);
    expect(errors.json['root_workflow_execution']['task_executions'].map((t: Json) => t['name'])).toEqual([
      'bad',
    ]);
    const stats = await get(`${base}/v2/executions/${id}/report?statistics_only=true`);
    expect(stats.json).toEqual({ statistics: MISTRAL_REPORT.statistics });
    expect((await get(`${base}/v2/executions/${id}/report?max_depth=x`)).status).toBe(400);
  });

  it('replays and what-ifs through the audit port, 501 when none is wired', async () => {
    expect((await get(`${base}/v2/executions/${id}/replay`)).json).toEqual({
      executionId: id,
      consistent: true,
    });
    const post = (url: string, body: string, type: string) =>
      fetch(url, { method: 'POST', body, headers: { 'Content-Type': type } });
    expect(
      (await post(`${base}/v2/executions/${id}/what-if`, '{"definition_revision": 1}', 'application/json'))
        .status,
    ).toBe(200);
    await post(`${base}/v2/executions/${id}/what-if`, WORKFLOW, 'text/plain');
    expect((await get(`${base}/v2/executions/${id}/what-if?definition_revision=2`)).status).toBe(200);
    expect(whatIfCalls).toEqual([
      [id, { definitionRevision: 1 }],
      [id, { definition: WORKFLOW }],
      [id, { definitionRevision: 2 }],
    ]);
    expect((await post(`${base}/v2/executions/${id}/what-if`, '{}', 'application/json')).status).toBe(400);
    expect((await get(`${bare}/v2/executions/${id}/replay`)).status).toBe(501);
    expect((await get(`${bare}/v2/executions/${id}/events`)).status).toBe(501);
  });
});
