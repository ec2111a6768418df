// POST /v2/action_executions on a real standalone server: actions run
// outside any workflow, answered as Mistral 15 answers them (recorded on the
// reference server; see libs/rest-api/NOTES.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@sirocco/runtime';
import { startStandalone, type RunningStandalone } from './standalone.js';
import { freePort } from './testing/standalone-process.js';


/** Keys of Mistral 15's answer, in its order. */
const MISTRAL_KEYS = [
  'id',
  'workflow_name',
  'workflow_namespace',
  'task_execution_id',
  'state',
  'state_info',
  'tags',
  'name',
  'description',
  'project_id',
  'accepted',
  'input',
  'output',
  'created_at',
  'updated_at',
];

describe('POST /v2/action_executions (actions outside a workflow)', () => {
  let running: RunningStandalone;
  let api: string;
  let dataDir: string;

  const post = async (body: unknown) => {
    const res = await fetch(`${api}/action_executions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sirocco-action-runs-'));
    running = await startStandalone(
      { host: '127.0.0.1', port: await freePort(), dataDir, logLevel: 'error', cronCatchUp: 'once' },
      createLogger('error'),
    );
    api = running.url;
  });

  afterAll(async () => {
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a sync action and answers its result, as Mistral does (nothing saved)', async () => {
    const res = await post({ name: 'std.echo', input: { output: 'hi' } });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(MISTRAL_KEYS);
    expect(res.body).toEqual({
      id: null,
      workflow_name: null,
      workflow_namespace: '',
      task_execution_id: null,
      state: 'SUCCESS',
      state_info: null,
      tags: null,
      name: 'std.echo',
      description: null,
      project_id: null,
      accepted: null,
      input: '{"output": "hi"}',
      output: '{"result": "hi"}',
      created_at: null,
      updated_at: null,
    });
  });

  it('accepts input and params as JSON text, and namespace and description', async () => {
    const res = await post({
      name: 'std.echo',
      input: '{"output": 1}',
      params: '{"run_sync": true}',
      description: 'd',
      workflow_namespace: 'zz',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'SUCCESS', output: '{"result": 1}', description: 'd', workflow_namespace: 'zz' });
  });

  it('answers a failing action with ERROR and the exception text', async () => {
    const res = await post({ name: 'std.fail' });
    expect(res.status).toBe(201);
    expect(res.body['state']).toBe('ERROR');
    expect(String(res.body['output'])).toMatch(
      /^\{"result": "The action raised an exception \[action=.*, action_ex_id=None, msg='Fail action expected exception.'\]"\}$/,
    );
  });

  it('fails an action that outlives params.timeout', async () => {
    const started = Date.now();
    const res = await post({ name: 'std.sleep', input: { seconds: 5 }, params: { timeout: 1 } });
    expect(res.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(res.body['state']).toBe('ERROR');
    expect(String(res.body['output'])).toContain("msg='1 second'");
  });

  it('answers an async action RUNNING with an id', async () => {
    const res = await post({ name: 'std.async_noop' });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(MISTRAL_KEYS);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      state: 'RUNNING',
      description: '',
      project_id: '<default-project>',
      accepted: false,
      input: '{}',
      output: null,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      updated_at: null,
    });
  });

  it('answers 400 in Mistral words for bad requests', async () => {
    const cases: [unknown, string][] = [
      [{}, 'Please provide at least action name to run action.'],
      [{ name: 'std.nope' }, 'Failed to find action [action_name=std.nope]'],
      [
        { name: 'std.echo', input: { x: 1 } },
        "Invalid input [name=std.echo, class=mistral.actions.std_actions.EchoAction, missing=['output'], unexpected=['x']]",
      ],
      [
        { name: 'std.echo', params: { run_sync: true } },
        "Invalid input [name=std.echo, class=mistral.actions.std_actions.EchoAction, missing=['output']]",
      ],
      [{ name: 'std.async_noop', params: { run_sync: true } }, 'Action does not support synchronous execution.'],
      [{ name: 'std.echo', input: '[1]' }, 'JsonType field value must be a dictionary [actual=[1]]'],
    ];
    for (const [body, text] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body['faultstring'], JSON.stringify(body)).toBe(text);
    }
    const notJson = await post({ name: 'std.echo', input: 'notjson' });
    expect(notJson.status).toBe(400);
    expect(String(notJson.body['faultstring'])).toMatch(/^Invalid input for field\/attribute action_ex\. Value: '/);
    const list = await post({ name: 'std.echo', input: [1] });
    expect(list.status).toBe(400);
    expect(String(list.body['faultstring'])).toMatch(/not list$/);
  });

  it('leaves GET /v2/action_executions to the read-only router', async () => {
    const res = await fetch(`${api}/action_executions`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { action_executions: unknown[] }).action_executions).toEqual([]);
  });
});
