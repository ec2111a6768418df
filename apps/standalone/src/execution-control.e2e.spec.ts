// Operating executions through the REST API of a real standalone server:
// async actions completed from outside, pause/resume/cancel reaching a
// subworkflow, and reruns of failed tasks and failed with-items items.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandalone, type RunningStandalone } from './standalone.js';
import { createLogger } from '@sirocco/runtime';
import { freePort } from './testing/standalone-process.js';


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('execution control over the REST API', () => {
  let running: RunningStandalone;
  let api: string;
  let dataDir: string;
  let flaky: Server;
  let flakyUrl: string;
  /** Paths that answer 500 until healed. */
  const broken = new Set<string>();

  const call = async (method: string, path: string, body?: unknown, type = 'application/json') => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: { 'content-type': type },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const execution = async (id: string) => (await call('GET', `/executions/${id}`)).body;
  const waitFor = async (id: string, states: string[], timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ex = await execution(id);
      if (states.includes(String(ex['state']))) return ex;
      if (Date.now() > deadline) throw new Error(`execution ${id} is ${String(ex['state'])}, wanted ${states.join('/')}`);
      await sleep(50);
    }
  };
  const start = async (workflow: string, input: Record<string, unknown> = {}) => {
    const res = await call('POST', '/executions', { workflow_name: workflow, input });
    expect(res.status).toBe(201);
    return String(res.body['id']);
  };
  const tasks = async (id: string) =>
    (await call('GET', `/executions/${id}/tasks`)).body['tasks'] as { id: string; name: string; state: string; workflow_execution_id: string }[];

  beforeAll(async () => {
    flaky = createServer((req, res) => {
      res.writeHead(broken.has(req.url ?? '') ? 500 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url }));
    });
    await new Promise<void>((ok) => flaky.listen(0, '127.0.0.1', ok));
    const addr = flaky.address();
    flakyUrl = typeof addr === 'object' && addr ? `http://127.0.0.1:${addr.port}` : '';
    dataDir = mkdtempSync(join(tmpdir(), 'sirocco-control-'));
    const port = await freePort();
    running = await startStandalone(
      { host: '127.0.0.1', port, dataDir, logLevel: 'error', cronCatchUp: 'once' },
      createLogger('error'),
    );
    api = running.url;
    const reg = await call(
      'POST',
      '/workflows',
      `version: '2.0'
wait_outside:
  tasks:
    hold:
      action: std.async_noop
      publish:
        answer: <% task().result %>
  output:
    answer: <% $.answer %>
child:
  tasks:
    slow:
      action: std.sleep seconds=1
      on-success: [done]
    done:
      action: std.echo output="child done"
parent:
  tasks:
    call:
      workflow: child
      on-success: [after]
    after:
      action: std.noop
fetch_one:
  input:
    - path
  tasks:
    get:
      action: std.http url=<% $.path %>
fetch_many:
  tasks:
    each:
      with-items: p in <% ['/a', '/b', '/c'] %>
      action: std.http url="${flakyUrl}<% $.p %>"
`,
      'text/plain',
    );
    expect(reg.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await running?.stop();
    flaky?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('completes an async action from outside with PUT /v2/action_executions/{id}', async () => {
    const id = await start('wait_outside');
    let actionId = '';
    for (let i = 0; i < 100 && !actionId; i++) {
      const [task] = await tasks(id);
      if (task) {
        const actions = (await call('GET', `/tasks/${task.id}/action_executions`)).body['action_executions'] as { id: string }[];
        actionId = actions[0]?.id ?? '';
      }
      if (!actionId) await sleep(50);
    }
    expect((await execution(id))['state']).toBe('RUNNING');
    const put = await call('PUT', `/action_executions/${actionId}`, { state: 'SUCCESS', output: '{"result": 42}' });
    expect(put.status).toBe(200);
    const done = await waitFor(id, ['SUCCESS', 'ERROR']);
    expect(done['state']).toBe('SUCCESS');
    expect(JSON.parse(String(done['output']))).toEqual({ answer: 42 });
    // A second report for the same action changes nothing.
    await call('PUT', `/action_executions/${actionId}`, { state: 'ERROR', output: 'late' });
    expect((await execution(id))['state']).toBe('SUCCESS');
  });

  it('pause and resume reach the subworkflow; the parent continues exactly where it stopped', async () => {
    const id = await start('parent');
    let childId = '';
    for (let i = 0; i < 100 && !childId; i++) {
      const list = (await call('GET', '/executions')).body['executions'] as { id: string; workflow_name: string; root_execution_id: string | null }[];
      childId = list.find((e) => e.workflow_name === 'child' && e.root_execution_id === id)?.id ?? '';
      if (!childId) await sleep(50);
    }
    expect(childId).not.toBe('');
    const paused = await call('PUT', `/executions/${id}`, { state: 'PAUSED' });
    expect(paused.status).toBe(200);
    expect(paused.body['state']).toBe('PAUSED');
    await waitFor(childId, ['PAUSED']);
    await sleep(1500); // the child's sleep ends while paused: nothing may move on
    expect((await tasks(childId)).map((t) => t.name)).toEqual(['slow']);
    await call('PUT', `/executions/${id}`, { state: 'RUNNING' });
    expect((await waitFor(id, ['SUCCESS', 'ERROR']))['state']).toBe('SUCCESS');
    expect((await execution(childId))['state']).toBe('SUCCESS');
    expect((await tasks(id)).map((t) => t.name).sort()).toEqual(['after', 'call']);
  });

  it('cancel reaches the subworkflow', async () => {
    const id = await start('parent');
    await sleep(300);
    const res = await call('PUT', `/executions/${id}`, { state: 'CANCELLED', state_info: 'stop it' });
    expect(res.body['state']).toBe('CANCELLED');
    const list = (await call('GET', '/executions')).body['executions'] as { id: string; state: string; root_execution_id: string | null }[];
    const child = list.find((e) => e.root_execution_id === id);
    expect(child).toBeDefined();
    await waitFor(child!.id, ['CANCELLED']);
  });

  it('rejects impossible changes with a 400 and changes nothing', async () => {
    const id = await start('wait_outside');
    await call('PUT', `/executions/${id}`, { state: 'CANCELLED' });
    const res = await call('PUT', `/executions/${id}`, { state: 'PAUSED' });
    expect(res.status).toBe(400);
    expect(String(res.body['faultstring'])).toMatch(/CANCELLED to PAUSED/);
    expect((await call('PUT', `/executions/${id}`, { state: 'NAPPING' })).status).toBe(400);
    expect((await execution(id))['state']).toBe('CANCELLED');
  });

  it('reruns a failed task, and only the failed with-items items without reset', async () => {
    broken.add('/x');
    const one = await start('fetch_one', { path: `${flakyUrl}/x` });
    expect((await waitFor(one, ['ERROR', 'SUCCESS']))['state']).toBe('ERROR');
    broken.delete('/x');
    const [failed] = await tasks(one);
    const rerun = await call('PUT', `/tasks/${failed!.id}`, { state: 'RUNNING', reset: true });
    expect(rerun.status).toBe(200);
    expect((await waitFor(one, ['ERROR', 'SUCCESS']))['state']).toBe('SUCCESS');

    broken.add('/b');
    const many = await start('fetch_many');
    expect((await waitFor(many, ['ERROR', 'SUCCESS']))['state']).toBe('ERROR');
    broken.delete('/b');
    const [each] = await tasks(many);
    await call('PUT', `/tasks/${each!.id}`, { state: 'RUNNING', reset: false });
    expect((await waitFor(many, ['ERROR', 'SUCCESS']))['state']).toBe('SUCCESS');
    const actions = (await call('GET', `/tasks/${each!.id}/action_executions`)).body['action_executions'] as unknown[];
    expect(actions).toHaveLength(4);
  });

  it('deletes a finished execution, and refuses a running one without force', async () => {
    const id = await start('wait_outside');
    expect((await call('DELETE', `/executions/${id}`)).status).toBe(400);
    expect((await call('DELETE', `/executions/${id}?force=true`)).status).toBe(204);
    expect((await call('GET', `/executions/${id}`)).status).toBe(404);
  });
});
