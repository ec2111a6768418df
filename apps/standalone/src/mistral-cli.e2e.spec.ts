// The real python-mistralclient CLI (Debian's python3-mistralclient) against
// the built standalone server, started here as a child process on a free port
// with a throwaway data directory: Mistral users' commands must work
// unchanged. Commands whose endpoints do not exist yet are skipped, loudly,
// after probing the server; everything else must succeed. The CLI starts
// slowly (1-4 s per command), so this file takes a minute or two.
// Needs: `npx tsc -b apps/standalone` and /usr/bin/mistral (.ci/run installs it).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import {
  mainJs,
  MISTRAL_CLI as CLI,
  mistralCli,
  startStandaloneProcess,
  type StandaloneProcess,
} from './testing/standalone-process.js';

const missing = !existsSync(CLI)
  ? `${CLI} is not installed (apt-get install -y python3-mistralclient)`
  : !existsSync(mainJs)
    ? `${mainJs} is not built (npx tsc -b apps/standalone)`
    : process.env['SIROCCO_SKIP_MISTRAL_CLI']
      ? 'SIROCCO_SKIP_MISTRAL_CLI is set'
      : undefined;
if (missing) console.warn(`\n*** SKIPPED: python-mistralclient e2e: ${missing} ***\n`);

const HELLO = `---
version: '2.0'
hello_wf:
  type: direct
  input:
    - name
  output:
    greeting: <% $.greeting %>
  tasks:
    say:
      action: std.echo output="Hello, <% $.name %>"
      publish:
        greeting: <% task().result %>
      on-success:
        - done
    done:
      action: std.noop
`;

const WORKBOOK = `---
version: '2.0'
name: cli_book
workflows:
  book_wf:
    tasks:
      only:
        action: std.noop
`;

const ENVIRONMENT = JSON.stringify({
  name: 'cli_env',
  description: 'from the CLI',
  variables: { region: 'north' },
});

type Row = Record<string, string>;

describe.skipIf(missing !== undefined)('python-mistralclient CLI against the standalone server', () => {
  let server: StandaloneProcess | undefined;
  let dir: string;
  let api: string;
  const skipped: string[] = [];
  let executionId = '';
  let taskId = '';

  const { run: mistral, json } = mistralCli(() => api);

  /** False when the server answers with its "no such route" 404 or a 405: the endpoint is not there yet. */
  const implemented = async (method: string, path: string): Promise<boolean> => {
    const res = await fetch(`${api}${path}`, {
      method,
      ...(method === 'GET' ? {} : { body: '{}', headers: { 'Content-Type': 'application/json' } }),
    });
    const text = await res.text();
    return !(
      res.status === 405 ||
      (res.status === 404 && text.includes('The resource could not be found')) ||
      res.status === 501
    );
  };
  /** Skips the rest of the test, loudly, when the endpoint behind `command` is missing. */
  const requireEndpoint = async (ctx: TestContext, command: string, method: string, path: string) => {
    if (await implemented(method, path)) return;
    const note = `${command}: ${method} /v2${path} is not implemented yet`;
    skipped.push(note);
    console.warn(`\n*** SKIPPED: ${note} ***\n`);
    ctx.skip(note);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sirocco-mistral-cli-'));
    writeFileSync(join(dir, 'hello.yaml'), HELLO);
    writeFileSync(join(dir, 'book.yaml'), WORKBOOK);
    writeFileSync(join(dir, 'env.json'), ENVIRONMENT);
    server = await startStandaloneProcess({ dataDir: join(dir, 'data') });
    api = server.api;
  });

  afterAll(async () => {
    if (skipped.length > 0)
      console.warn(`\n*** python-mistralclient e2e skipped:\n  ${skipped.join('\n  ')}\n***\n`);
    await server?.stop('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates, updates, lists and shows a workflow', async () => {
    const created = await json<Row[]>('workflow-create', join(dir, 'hello.yaml'));
    expect(created.map((w) => w['Name'])).toEqual(['hello_wf']);
    const [updated, listed, shown] = await Promise.all([
      json<Row[]>('workflow-update', join(dir, 'hello.yaml')),
      json<Row[]>('workflow-list'),
      json('workflow-get', 'hello_wf'),
    ]);
    expect(updated[0]?.['Name']).toBe('hello_wf');
    expect(listed.map((w) => w['Name'])).toContain('hello_wf');
    expect(shown).toMatchObject({ Name: 'hello_wf', Input: 'name', Namespace: '' });
  }, 120_000);

  it('runs an execution and reads it back', async () => {
    const created = await json('execution-create', 'hello_wf', '{"name": "world"}');
    expect(created).toMatchObject({ 'Workflow name': 'hello_wf' });
    executionId = created['ID']!;
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${api}/executions/${executionId}`);
      if (((await res.json()) as Row)['state'] !== 'RUNNING') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const [shown, output, input, listed] = await Promise.all([
      json('execution-get', executionId),
      mistral('execution-get-output', executionId),
      mistral('execution-get-input', executionId),
      json<Row[]>('execution-list'),
    ]);
    expect(shown).toMatchObject({ ID: executionId, State: 'SUCCESS' });
    expect(JSON.parse(output)).toEqual({ greeting: 'Hello, world' });
    expect(JSON.parse(input)).toEqual({ name: 'world' });
    expect(listed.map((e) => e['ID'])).toContain(executionId);
  }, 120_000);

  it('lists and shows tasks, their results and action executions', async () => {
    const tasks = await json<Row[]>('task-list', executionId);
    expect(tasks.map((t) => [t['Name'], t['State']])).toEqual([
      ['say', 'SUCCESS'],
      ['done', 'SUCCESS'],
    ]);
    taskId = tasks[0]!['ID']!;
    const [task, result, actions, actionList] = await Promise.all([
      json('task-get', taskId),
      mistral('task-get-result', taskId),
      json<Row[]>('action-execution-list', taskId),
      json<Row[]>('action-list'),
    ]);
    expect(task).toMatchObject({ ID: taskId, Name: 'say', 'Workflow name': 'hello_wf' });
    expect(JSON.parse(result)).toBe('Hello, world');
    expect(actions.map((a) => [a['Name'], a['State']])).toEqual([['std.echo', 'SUCCESS']]);
    expect(actionList.map((a) => a['Name'])).toEqual(expect.arrayContaining(['std.echo', 'std.noop']));
    expect(await json('action-execution-get', actions[0]!['ID']!)).toMatchObject({
      Name: 'std.echo',
      'Task name': 'say',
    });
  }, 120_000);

  it('prints the execution report', async (ctx) => {
    await requireEndpoint(ctx, 'execution-get-report', 'GET', `/executions/${executionId}/report`);
    // The CLI asks for errors only unless told otherwise, as Mistral's does.
    const report = await mistral('execution-get-report', executionId, '--no-errors-only');
    expect(report).toMatch(/Number of tasks in SUCCESS state: 2/);
    expect(report).toMatch(/workflow 'hello_wf' \[SUCCESS\]/);
    expect(report).toMatch(/task 'say' \[SUCCESS\]/);
  }, 60_000);

  it('audits the execution: history, state at a revision, replay', async (ctx) => {
    await requireEndpoint(ctx, 'GET .../events', 'GET', `/executions/${executionId}/events`);
    const events = (
      (await (await fetch(`${api}/executions/${executionId}/events`)).json()) as { events: Row[] }
    ).events;
    expect(events[0]).toMatchObject({ revision: 0, type: 'ExecutionStarted' });
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionCompleted' });
    const atStart = (await (await fetch(`${api}/executions/${executionId}?at_revision=0`)).json()) as Row;
    expect(atStart).toMatchObject({ state: 'RUNNING', revision: 0 });
    await requireEndpoint(ctx, 'POST .../replay', 'POST', `/executions/${executionId}/replay`);
    const replay = (await (
      await fetch(`${api}/executions/${executionId}/replay`, { method: 'POST' })
    ).json()) as Row;
    expect(replay).toMatchObject({ consistent: true });
  }, 60_000);

  it('updates an execution description', async (ctx) => {
    await requireEndpoint(ctx, 'execution-update', 'PUT', `/executions/${executionId}`);
    expect(await json('execution-update', executionId, '-d', 'renamed by the CLI')).toMatchObject({
      Description: 'renamed by the CLI',
    });
  }, 60_000);

  it('creates and lists environments', async (ctx) => {
    await requireEndpoint(ctx, 'environment-create', 'GET', '/environments');
    expect(await json('environment-create', join(dir, 'env.json'))).toMatchObject({ Name: 'cli_env' });
    expect((await json<Row[]>('environment-list')).map((e) => e['Name'])).toContain('cli_env');
  }, 60_000);

  it('creates a workbook', async (ctx) => {
    await requireEndpoint(ctx, 'workbook-create', 'GET', '/workbooks');
    expect(await json('workbook-create', join(dir, 'book.yaml'))).toMatchObject({ Name: 'cli_book' });
  }, 60_000);

  it('deletes the execution', async (ctx) => {
    await requireEndpoint(
      ctx,
      'execution-delete',
      'DELETE',
      `/executions/${'0'.repeat(8)}-0000-0000-0000-000000000000`,
    );
    await mistral('execution-delete', executionId);
    expect((await json<Row[]>('execution-list')).map((e) => e['ID'])).not.toContain(executionId);
  }, 60_000);

  it('deletes the workflow', async () => {
    await mistral('workflow-delete', 'hello_wf');
    expect((await json<Row[]>('workflow-list')).map((w) => w['Name'])).not.toContain('hello_wf');
    expect(server?.stderr()).not.toMatch(/"level":"error"/);
  }, 60_000);
});
