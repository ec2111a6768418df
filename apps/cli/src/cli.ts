// `sirocco`: a command line over the gRPC-style API (Connect protocol). It
// defines workflows, starts executions and follows them live
// (`run --watch`, `execution watch`), and operates them. Exit codes: 0 done,
// 1 the execution ended in ERROR or CANCELLED, 2 bad usage, 3 the server
// refused the request (its gRPC code and message are printed).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { toJson, type JsonObject } from '@bufbuild/protobuf';
import { ValueSchema } from '@bufbuild/protobuf/wkt';
import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createConnectTransport } from '@connectrpc/connect-node';
import {
  ControlExecutionRequest_Action as Action,
  ExecutionService,
  WorkflowService,
  type Execution,
  type Workflow,
} from '@sirocco/grpc-api';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

export const USAGE = `usage: sirocco [--url URL] [--json] COMMAND ...

  workflow create FILE [--namespace NS]    define the workflows of a YAML file
  workflow list                            list workflows
  workflow get NAME|ID [--namespace NS]    show a workflow and its definition
  run WORKFLOW [--input JSON|@FILE] [--params JSON|@FILE] [--namespace NS] [--watch]
                                           start an execution (--watch: follow it to its end)
  execution list [--workflow NAME] [--state STATE] [--limit N]
  execution get ID                         show an execution with its output
  execution watch ID                       print its events as they happen, until it ends
  execution pause|resume|cancel|fail|succeed ID [--info TEXT]

  --url   the server (default $SIROCCO_URL or http://127.0.0.1:8989)
  --json  print JSON instead of text`;

class UsageError extends Error {}

const CONTROL_ACTIONS: Record<string, Action> = {
  pause: Action.PAUSE,
  resume: Action.RESUME,
  cancel: Action.CANCEL,
  fail: Action.FAIL,
  succeed: Action.SUCCEED,
};

/** A JSON object from text or `@file`. */
function jsonObjectArg(name: string, raw: string | undefined): JsonObject | undefined {
  if (raw === undefined) return undefined;
  const text = raw.startsWith('@') ? readFileSync(raw.slice(1), 'utf8') : raw;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--${name} is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`--${name} must be a JSON object, like '{"name": "world"}'`);
  return value as JsonObject;
}

const plain = (value: Execution['output']) => (value ? toJson(ValueSchema, value) : null);

const executionView = (e: Execution) => ({
  id: e.id,
  workflow: e.workflowName,
  namespace: e.workflowNamespace,
  state: e.state,
  ...(e.stateInfo ? { stateInfo: e.stateInfo } : {}),
  input: plain(e.input),
  output: plain(e.output),
  description: e.description,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

const workflowView = (w: Workflow) => ({
  id: w.id,
  name: w.name,
  namespace: w.namespace,
  input: w.input,
  createdAt: w.createdAt,
});

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`sirocco: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof ConnectError) {
      io.err(`sirocco: ${Code[error.code]}: ${error.rawMessage}\n`);
      return 3;
    }
    throw error;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        json: { type: 'boolean', default: false },
        namespace: { type: 'string', default: '' },
        input: { type: 'string' },
        params: { type: 'string' },
        watch: { type: 'boolean', default: false },
        workflow: { type: 'string' },
        state: { type: 'string' },
        limit: { type: 'string' },
        info: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values: o, positionals: args } = parsed;
  if (o.help || args.length === 0) {
    io.out(`${USAGE}\n`);
    return o.help ? 0 : 2;
  }
  const baseUrl = o.url ?? io.env['SIROCCO_URL'] ?? 'http://127.0.0.1:8989';
  const transport = createConnectTransport({ baseUrl, httpVersion: '1.1' });
  const workflows = createClient(WorkflowService, transport);
  const executions = createClient(ExecutionService, transport);
  const print = (value: unknown, text: string) =>
    io.out(o.json ? `${JSON.stringify(value, null, 2)}\n` : text);
  const [group, verb, target] = args;

  const watch = async (id: string): Promise<number> => {
    for await (const { event } of executions.watchExecution({ id, fromStart: true })) {
      if (!event) continue;
      const data = plain(event.data) as Record<string, unknown> | null;
      const what = [data?.['taskName'] ?? data?.['name'], data?.['state']].filter(
        (x) => typeof x === 'string',
      );
      print(
        { revision: Number(event.revision), type: event.type, at: event.at, data },
        `${event.at}  ${String(event.revision).padStart(4)}  ${event.type}${what.length ? `  ${what.join(' ')}` : ''}\n`,
      );
    }
    const done = (await executions.getExecution({ id })).execution;
    if (!done) return 1;
    if (!o.json)
      io.out(
        `\n${done.state}${done.stateInfo ? `: ${done.stateInfo}` : ''}\noutput: ${JSON.stringify(plain(done.output))}\n`,
      );
    return done.state === 'SUCCESS' ? 0 : 1;
  };

  if (group === 'workflow' && verb === 'create' && target) {
    const { workflows: created } = await workflows.createWorkflows({
      definition: readFileSync(target, 'utf8'),
      namespace: o.namespace,
    });
    print(created.map(workflowView), created.map((w) => `${w.id}  ${w.name}\n`).join(''));
    return 0;
  }
  if (group === 'workflow' && verb === 'list') {
    const { workflows: all } = await workflows.listWorkflows({});
    print(
      all.map(workflowView),
      all.map((w) => `${w.id}  ${w.namespace || '-'}  ${w.name}(${w.input})\n`).join(''),
    );
    return 0;
  }
  if (group === 'workflow' && verb === 'get' && target) {
    const { workflow } = await workflows.getWorkflow({ identifier: target, namespace: o.namespace });
    if (!workflow) return 1;
    print(
      { ...workflowView(workflow), definition: workflow.definition },
      `# ${workflow.id}\n${workflow.definition}`,
    );
    return 0;
  }
  if (group === 'run' && verb) {
    const input = jsonObjectArg('input', o.input);
    const params = jsonObjectArg('params', o.params);
    const { execution } = await executions.startExecution({
      workflowName: verb,
      namespace: o.namespace,
      ...(input ? { input } : {}),
      ...(params ? { params } : {}),
    });
    if (!execution) return 1;
    if (!o.watch) {
      print(executionView(execution), `${execution.id}  ${execution.state}\n`);
      return 0;
    }
    if (!o.json) io.out(`execution ${execution.id}\n`);
    return watch(execution.id);
  }
  if (group === 'execution' && verb === 'list') {
    const limit = o.limit === undefined ? 0 : Number(o.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new UsageError('--limit must be a whole number');
    const { executions: all } = await executions.listExecutions({
      workflowName: o.workflow ?? '',
      state: o.state ?? '',
      limit,
    });
    print(
      all.map(executionView),
      all.map((e) => `${e.id}  ${e.state.padEnd(9)}  ${e.workflowName}  ${e.createdAt}\n`).join(''),
    );
    return 0;
  }
  if (group === 'execution' && verb === 'get' && target) {
    const { execution } = await executions.getExecution({ id: target });
    if (!execution) return 1;
    const view = executionView(execution);
    print(
      view,
      `${Object.entries(view)
        .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join('\n')}\n`,
    );
    return 0;
  }
  if (group === 'execution' && verb === 'watch' && target) return watch(target);
  if (group === 'execution' && verb && CONTROL_ACTIONS[verb] !== undefined && target) {
    const { execution } = await executions.controlExecution({
      id: target,
      action: CONTROL_ACTIONS[verb],
      stateInfo: o.info ?? '',
    });
    if (!execution) return 1;
    print(executionView(execution), `${execution.id}  ${execution.state}\n`);
    return 0;
  }
  throw new UsageError(`unknown command: ${args.join(' ')}`);
}
