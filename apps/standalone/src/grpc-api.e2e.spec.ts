// The gRPC-style API of a real standalone server, through the generated
// Connect clients: Connect protocol (JSON) and gRPC-Web (binary) on the
// REST API's port, and native gRPC over cleartext HTTP/2 on --grpc-port. A
// workflow is defined, started, watched event by event to its end, read
// back, listed, paused and cancelled; errors carry the gRPC code a client
// can act on and change nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toJson } from '@bufbuild/protobuf';
import { ValueSchema } from '@bufbuild/protobuf/wkt';
import { Code, ConnectError, createClient, type Transport } from '@connectrpc/connect';
import {
  createConnectTransport,
  createGrpcTransport,
  createGrpcWebTransport,
} from '@connectrpc/connect-node';
import {
  ControlExecutionRequest_Action as Action,
  ExecutionService,
  WorkflowService,
} from '@sirocco/grpc-api';
import { createLogger } from '@sirocco/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandalone, type RunningStandalone } from './standalone.js';
import { freePort } from './testing/standalone-process.js';

const WORKFLOWS = `---
version: '2.0'
greet:
  input:
    - name
    - items: [1, 2, 3]
  output:
    greeting: <% $.greeting %>
    doubled: <% $.doubled %>
  tasks:
    hello:
      action: std.echo output="Hello, <% $.name %>"
      publish:
        greeting: <% task().result %>
      on-success: double
    double:
      with-items: i in <% $.items %>
      action: std.echo output=<% $.i * 2 %>
      publish:
        doubled: <% task().result %>
slow:
  tasks:
    nap:
      action: std.sleep seconds=2
`;

const errorOf = async (work: Promise<unknown>): Promise<ConnectError> => {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ConnectError)) throw new Error(`expected a ConnectError, got ${String(error)}`);
  return error;
};

describe('gRPC-style API on the standalone server', () => {
  let running: RunningStandalone;
  let dataDir: string;
  let baseUrl: string;
  let grpcUrl: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sirocco-grpc-'));
    const port = await freePort();
    const grpcPort = await freePort();
    running = await startStandalone(
      { host: '127.0.0.1', port, dataDir, logLevel: 'error', cronCatchUp: 'once', grpcPort },
      createLogger('error'),
    );
    baseUrl = `http://127.0.0.1:${port}`;
    grpcUrl = `http://127.0.0.1:${grpcPort}`;
  });

  afterAll(async () => {
    await running?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const transports: [string, () => Transport][] = [
    ['Connect (JSON)', () => createConnectTransport({ baseUrl, httpVersion: '1.1', useBinaryFormat: false })],
    [
      'gRPC-Web (binary)',
      () => createGrpcWebTransport({ baseUrl, httpVersion: '1.1', useBinaryFormat: true }),
    ],
    ['gRPC (HTTP/2, --grpc-port)', () => createGrpcTransport({ baseUrl: grpcUrl })],
  ];

  it('defines workflows, and says where a DSL error is', async () => {
    const workflows = createClient(WorkflowService, transports[0]![1]());
    const created = await workflows.createWorkflows({ definition: WORKFLOWS });
    expect(created.workflows.map((w) => w.name).sort()).toEqual(['greet', 'slow']);
    const greet = await workflows.getWorkflow({ identifier: 'greet' });
    expect(greet.workflow).toMatchObject({ name: 'greet', namespace: '' });
    expect(greet.workflow?.input).toContain('items=');
    expect((await workflows.getWorkflow({ identifier: greet.workflow!.id })).workflow?.name).toBe('greet');

    const bad = await errorOf(
      workflows.createWorkflows({
        definition: "version: '2.0'\nbroken:\n  tasks:\n    t:\n      action: [unclosed\n",
      }),
    );
    expect(bad.code).toBe(Code.InvalidArgument);
    expect(bad.rawMessage).toMatch(/line \d+, column \d+/);
    const again = await errorOf(workflows.createWorkflows({ definition: WORKFLOWS }));
    expect(again.code).toBe(Code.AlreadyExists);
    const missing = await errorOf(workflows.getWorkflow({ identifier: 'nope' }));
    expect(missing.code).toBe(Code.NotFound);
    const listed = await workflows.listWorkflows({ limit: 1 });
    expect(listed.workflows).toHaveLength(1);
    expect(listed.nextMarker).toBe(listed.workflows[0]?.id);
  });

  for (const [name, transport] of transports) {
    it(`starts an execution and watches it to the end over ${name}`, async () => {
      const executions = createClient(ExecutionService, transport());
      const { execution } = await executions.startExecution({
        workflowName: 'greet',
        input: { name: 'gRPC', items: [1, 2] },
        description: name,
      });
      expect(execution).toMatchObject({ workflowName: 'greet', description: name });
      const types: string[] = [];
      let lastRevision = -1n;
      for await (const { event } of executions.watchExecution({ id: execution!.id, fromStart: true })) {
        types.push(event!.type);
        expect(event!.revision).toBe(lastRevision + 1n); // every event, in order, once
        lastRevision = event!.revision;
      }
      expect(types[0]).toBe('ExecutionStarted');
      expect(types.at(-1)).toBe('ExecutionCompleted');
      expect(types.filter((t) => t === 'ActionExecutionCompleted')).toHaveLength(3);

      const done = (await executions.getExecution({ id: execution!.id })).execution!;
      expect(done.state).toBe('SUCCESS');
      expect(toJson(ValueSchema, done.output!)).toEqual({ greeting: 'Hello, gRPC', doubled: [2, 4] });
      expect(toJson(ValueSchema, done.input!)).toEqual({ name: 'gRPC', items: [1, 2] });
    });
  }

  it('pauses and cancels, lists, and refuses what cannot be done', async () => {
    const executions = createClient(ExecutionService, transports[0]![1]());
    const { execution } = await executions.startExecution({
      workflowName: 'slow',
      id: 'f0e1d2c3-0000-4000-8000-000000000001',
    });
    // The same id again: the same execution, not a second one.
    const again = await executions.startExecution({
      workflowName: 'slow',
      id: 'f0e1d2c3-0000-4000-8000-000000000001',
    });
    expect(again.execution?.id).toBe(execution!.id);
    const paused = await executions.controlExecution({
      id: execution!.id,
      action: Action.PAUSE,
      stateInfo: 'hold on',
    });
    expect(paused.execution?.state).toBe('PAUSED');
    const cancelled = await executions.controlExecution({ id: execution!.id, action: Action.CANCEL });
    expect(cancelled.execution?.state).toBe('CANCELLED');
    const resumeEnded = await errorOf(
      executions.controlExecution({ id: execution!.id, action: Action.RESUME }),
    );
    expect(resumeEnded.code).toBe(Code.FailedPrecondition);

    const listed = await executions.listExecutions({ workflowName: 'slow' });
    expect(listed.executions.map((e) => [e.id, e.state])).toEqual([[execution!.id, 'CANCELLED']]);
    const unknown = await errorOf(executions.startExecution({ workflowName: 'nope' }));
    expect(unknown.code).toBe(Code.NotFound);
    const badInput = await errorOf(
      executions.startExecution({ workflowName: 'greet', input: { nam: 'typo' } }),
    );
    expect(badInput.code).toBe(Code.InvalidArgument);
    expect(badInput.rawMessage).toContain('name');
    expect((await executions.listExecutions({ workflowName: 'greet', state: 'ERROR' })).executions).toEqual(
      [],
    );
    const noStream = await errorOf(
      (async () => {
        for await (const _ of executions.watchExecution({ id: '00000000-0000-4000-8000-000000000000' }))
          void _;
      })(),
    );
    expect(noStream.code).toBe(Code.NotFound);
  });
});
