// The API over real SQLite event store, catalog and read models; the engine
// is a fake that appends a finished history. Shapes are compared with
// answers recorded from a real Mistral 15 (./fixtures).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './testing/api-harness.js';
import { shapeDifferences } from './testing/shape.js';

type Json = Record<string, any>;
const samples = JSON.parse(
  readFileSync(new URL('./fixtures/mistral-15-samples.json', import.meta.url), 'utf8'),
) as Json;

const WF = `version: '2.0'
rec_wf:
  description: recorded workflow
  tags: [a, b]
  input:
    - name
    - greeting: hello
  output:
    result: <% $.msg %>
  tasks:
    t1:
      action: std.echo output="<% $.greeting %> <% $.name %>"
      on-success: t2
    t2:
      action: std.noop
rec_wf2:
  tasks:
    a:
      action: std.noop
`;

describe('REST API (Mistral v2 compatible)', () => {
  let harness: ApiHarness;
  let base: string;
  let logged: unknown[];

  const call = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(base + path, { method, ...(body !== undefined ? { body } : {}), headers });
    const text = await res.text();
    let json: Json | undefined;
    try {
      json = text ? (JSON.parse(text) as Json) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text, headers: res.headers };
  };
  const postYaml = (path: string, yaml: string) =>
    call('POST', path, yaml, { 'Content-Type': 'text/plain', Accept: 'application/json' });
  const postJson = (path: string, body: unknown) =>
    call('POST', path, typeof body === 'string' ? body : JSON.stringify(body), {
      'Content-Type': 'application/json',
    });

  beforeAll(async () => {
    harness = await startApiHarness({ bodyLimitBytes: 64 * 1024 });
    base = harness.baseUrl;
    logged = harness.logged;
  });

  afterAll(async () => {
    await harness.close();
  });

  describe('root, health', () => {
    it('serves the version documents', async () => {
      const root = await call('GET', '/');
      expect(root.json).toEqual({
        versions: [
          { id: 'v2.0', status: 'CURRENT', links: [{ href: `${base}/v2`, target: 'v2', rel: 'self' }] },
        ],
      });
      expect((await call('GET', '/v2')).json).toEqual({ uri: `${base}/v2` });
      expect((await call('GET', '/v2/')).json).toEqual({ uri: `${base}/v2` });
    });

    it('answers health and readiness', async () => {
      expect((await call('GET', '/health')).status).toBe(200);
      expect((await call('GET', '/ready')).status).toBe(200);
    });
  });

  describe('workflows', () => {
    let ids: string[];

    it('creates the workflows of a document (201, Mistral POST shape, whatever Accept says)', async () => {
      const res = await postYaml('/v2/workflows?namespace=ns1', WF);
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(res.json!['workflows']).toHaveLength(2);
      expect(shapeDifferences(samples['workflowsPost'].workflows[0], res.json!['workflows'][1])).toEqual([]);
      const wf = res.json!['workflows'][0];
      expect(wf).toMatchObject({
        name: 'rec_wf',
        namespace: 'ns1',
        input: 'name, greeting="hello"',
        interface: { input: ['name', { greeting: 'hello' }], output: ['result'] },
        tags: ['a', 'b'],
        scope: 'private',
      });
      expect(wf.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      ids = res.json!['workflows'].map((w: Json) => w['id']);
    });

    it('answers a duplicate with 409 in the fault shape, writing nothing', async () => {
      const res = await postYaml('/v2/workflows?namespace=ns1', WF);
      expect(res.status).toBe(409);
      expect(res.json).toEqual({
        faultcode: 'Client',
        faultstring:
          "Duplicate entry for WorkflowDefinition ['name', 'namespace', 'project_id']: rec_wf, ns1, None",
        debuginfo: null,
      });
    });

    it('rejects invalid DSL and empty bodies with 400', async () => {
      const bad = await postYaml('/v2/workflows', "version: '2.0'\nwf: [unclosed\n");
      expect(bad.status).toBe(400);
      expect(bad.json!['faultstring']).toMatch(/^Invalid DSL: .*line \d+, column \d+/s);
      expect((await postYaml('/v2/workflows', '')).status).toBe(400);
    });

    it('gets one by name (namespace-exact) or by id, in the GET shape', async () => {
      const byName = await call('GET', '/v2/workflows/rec_wf?namespace=ns1');
      expect(byName.status).toBe(200);
      expect(shapeDifferences(samples['workflow'], byName.json)).toEqual([]);
      expect(typeof byName.json!['interface']).toBe('string');
      expect((await call('GET', `/v2/workflows/${ids[0]}`)).json!['name']).toBe('rec_wf');
      const missing = await call('GET', '/v2/workflows/rec_wf');
      expect(missing.status).toBe(404);
      expect(missing.json!['faultstring']).toBe(
        'Workflow not found [workflow_identifier=rec_wf, namespace=]',
      );
    });

    it('lists with limit, fields and a next link', async () => {
      const page = await call('GET', '/v2/workflows?limit=1&namespace=ns1&fields=name');
      expect(page.json).toEqual({
        workflows: [{ id: ids[0], name: 'rec_wf' }],
        next: `${base}/v2/workflows?sort_keys=created_at,id&sort_dirs=asc,asc&namespace=eq:ns1&limit=1&marker=${ids[0]}&fields=id,name`,
      });
      const nextPath = page.json!['next'].slice(base.length);
      const page2 = await call('GET', nextPath);
      expect(page2.json!['workflows'].map((w: Json) => w['name'])).toEqual(['rec_wf2']);
      const full = await call('GET', '/v2/workflows?namespace=ns1');
      expect(shapeDifferences(samples['workflowsPage'].workflows[0], full.json!['workflows'][0])).toEqual([]);
      expect(full.json!['next']).toBeUndefined();
      expect((await call('GET', '/v2/workflows?namespace=nothere')).json).toEqual({ workflows: [] });
    });

    it('updates with PUT (existing only) and deletes with 204', async () => {
      const put = await call(
        'PUT',
        '/v2/workflows?namespace=ns1',
        "version: '2.0'\nrec_wf2:\n  tasks:\n    b:\n      action: std.noop\n",
        {
          'Content-Type': 'text/plain',
        },
      );
      expect(put.status).toBe(200);
      expect(shapeDifferences(samples['workflowsPut'].workflows[0], put.json!['workflows'][0])).toEqual([]);
      expect(put.json!['workflows'][0]['id']).toBe(ids[1]);
      const unknown = await call(
        'PUT',
        '/v2/workflows',
        "version: '2.0'\nnew_wf:\n  tasks:\n    b:\n      action: std.noop\n",
      );
      expect(unknown.status).toBe(404);
      const del = await call('DELETE', `/v2/workflows/rec_wf2?namespace=ns1`);
      expect(del.status).toBe(204);
      expect(del.text).toBe('');
      expect((await call('GET', '/v2/workflows/rec_wf2?namespace=ns1')).status).toBe(404);
      expect((await call('DELETE', `/v2/workflows/rec_wf2?namespace=ns1`)).status).toBe(404);
    });
  });

  describe('executions, tasks, action executions', () => {
    let executionId: string;

    it('starts an execution from mistralclient-style JSON strings (201, POST shape)', async () => {
      const res = await postJson('/v2/executions', {
        workflow_name: 'rec_wf',
        workflow_namespace: 'ns1',
        input: '{"name": "bob"}',
        params: '{"env": {"x": 1}}',
        description: 'd1',
      });
      expect(res.status).toBe(201);
      expect(shapeDifferences(samples['executionPost'], res.json)).toEqual([]);
      expect(JSON.parse(res.json!['input'])).toEqual({ name: 'bob', greeting: 'hello' });
      expect(res.json!['input']).toBe('{"name": "bob", "greeting": "hello"}');
      executionId = res.json!['id'];
    });

    it('gets the execution with output and published_global as JSON text', async () => {
      const res = await call('GET', `/v2/executions/${executionId}`);
      expect(shapeDifferences(samples['execution'], res.json)).toEqual([]);
      expect(res.json).toMatchObject({
        state: 'SUCCESS',
        output: '{"done": true}',
        published_global: '{}',
        root_execution_id: null,
      });
    });

    it('lists executions without output, with filters and next links', async () => {
      await postJson('/v2/executions', {
        workflow_name: 'rec_wf',
        workflow_namespace: 'ns1',
        input: { name: 'al' },
      });
      const page = await call('GET', '/v2/executions?limit=1&workflow_name=rec_wf');
      expect(shapeDifferences(samples['executionsPage'].executions[0], page.json!['executions'][0])).toEqual(
        [],
      );
      expect(page.json!['next']).toBe(
        `${base}/v2/executions?sort_keys=created_at,id&sort_dirs=asc,asc&workflow_name=eq:rec_wf&limit=1&marker=${executionId}`,
      );
      const both = await call('GET', '/v2/executions?state=in:SUCCESS,ERROR&include_output=true');
      expect(both.json!['executions']).toHaveLength(2);
      expect(both.json!['executions'][0]['output']).toBe('{"done": true}');
      const desc = await call('GET', '/v2/executions?sort_keys=created_at&sort_dirs=desc&limit=1');
      expect(desc.json!['executions'][0]['id']).not.toBe(executionId);
      expect((await call('GET', '/v2/executions?state=BOGUS')).json).toEqual({ executions: [] });
    });

    it('returns the existing execution when the id is already known', async () => {
      const again = await postJson('/v2/executions', {
        id: executionId,
        workflow_name: 'rec_wf',
        workflow_namespace: 'ns1',
      });
      expect(again.status).toBe(201);
      expect(again.json!['id']).toBe(executionId);
      const chosen = await postJson('/v2/executions', {
        id: '11111111-2222-3333-4444-555555555555',
        workflow_name: 'rec_wf2',
        workflow_namespace: 'ns1',
      });
      expect(chosen.status).toBe(404); // rec_wf2 was deleted above
    });

    it('lists the tasks of an execution and gets one with its result', async () => {
      const tasks = await call('GET', `/v2/executions/${executionId}/tasks`);
      expect(tasks.json!['tasks'].map((t: Json) => t['name'])).toEqual(['t1', 't2']);
      const [t1, t2] = tasks.json!['tasks'];
      expect(shapeDifferences(samples['tasksOfExecution'].tasks[1], t2)).toEqual([]);
      expect(JSON.parse(t2['runtime_context'])).toEqual({
        triggered_by: [{ task_id: t1['id'], event: 'on-success' }],
      });
      const one = await call('GET', `/v2/tasks/${t1['id']}`);
      expect(shapeDifferences(samples['task'], one.json)).toEqual([]);
      expect(one.json!['result']).toBe('"t1"');
      expect((await call('GET', '/v2/tasks/nope')).json!['faultstring']).toBe(
        'Task execution not found [id=nope]',
      );
      expect((await call('GET', '/v2/executions/nope/tasks')).json).toEqual({ tasks: [] });
      const all = await call('GET', '/v2/tasks?limit=1');
      expect(all.json!['next']).toMatch(
        /\/v2\/tasks\?sort_keys=created_at,id&sort_dirs=asc,asc&limit=1&marker=/,
      );
    });

    it('lists action executions of a task and gets one with its output', async () => {
      const tasks = await call('GET', `/v2/executions/${executionId}/tasks`);
      const taskId = tasks.json!['tasks'][0]['id'];
      const list = await call('GET', `/v2/tasks/${taskId}/action_executions`);
      expect(list.json!['action_executions']).toHaveLength(1);
      const ae = list.json!['action_executions'][0];
      expect(shapeDifferences(samples['actionExecutionsOfTask'].action_executions[0], ae)).toEqual([]);
      const one = await call('GET', `/v2/action_executions/${ae['id']}`);
      expect(shapeDifferences(samples['actionExecution'], one.json)).toEqual([]);
      expect(one.json!['output']).toBe('{"result": "t1"}');
      expect((await call('GET', '/v2/action_executions?limit=1')).json!['action_executions']).toHaveLength(1);
    });

    it('rejects bad starts with 400 or 404 in the fault shape', async () => {
      const badJson = await postJson('/v2/executions', '{bad json');
      expect(badJson.status).toBe(400);
      expect(badJson.json).toEqual({
        faultcode: 'Client',
        faultstring: 'Request is not in valid JSON format',
        debuginfo: null,
      });
      expect((await postJson('/v2/executions', { workflow_name: 5 })).json!['faultstring']).toBe(
        "Invalid input for field/attribute workflow_name. Value: '5'. Wrong type. Expected '<class 'str'>', got '<class 'int'>'",
      );
      expect((await postJson('/v2/executions', { input: {} })).json!['faultstring']).toBe(
        'Workflow ID or workflow name must be provided. Workflow ID is recommended.',
      );
      expect(
        (
          await postJson('/v2/executions', {
            workflow_name: 'rec_wf',
            workflow_namespace: 'ns1',
            input: 'not json',
          })
        ).status,
      ).toBe(400);
      expect(
        (
          await postJson('/v2/executions', {
            workflow_name: 'rec_wf',
            workflow_namespace: 'ns1',
            input: '[1]',
          })
        ).status,
      ).toBe(400);
      expect(
        (await postJson('/v2/executions', { workflow_name: 'rec_wf', workflow_namespace: 'ns1' })).json![
          'faultstring'
        ],
      ).toBe("Invalid input [name=rec_wf, class=DirectWorkflowSpec, missing=['name']]");
      const unknownWf = await postJson('/v2/executions', { workflow_name: 'nope', input: {} });
      expect(unknownWf.status).toBe(404);
      expect(unknownWf.json!['faultstring']).toBe(
        'Workflow not found [workflow_identifier=nope, namespace=]',
      );
      expect((await postJson('/v2/executions', { workflow_name: 'x', bogus: 1 })).status).toBe(400);
    });

    it('answers unknown executions with 404', async () => {
      const res = await call('GET', '/v2/executions/00000000-0000-0000-0000-000000000000');
      expect(res.status).toBe(404);
      expect(res.json!['faultstring']).toBe(
        'WorkflowExecution not found [id=00000000-0000-0000-0000-000000000000]',
      );
    });
  });

  describe('list parameters', () => {
    it.each([
      ['/v2/executions?limit=0', 400, 'Limit must be positive.'],
      [
        '/v2/executions?limit=abc',
        400,
        "Invalid input for field/attribute limit. Value: 'abc'. unable to convert to int. Error: invalid literal for int() with base 10: 'abc'",
      ],
      ['/v2/executions?sort_dirs=up', 400, "Unknown sort direction, must be 'desc' or 'asc'."],
      [
        '/v2/executions?marker=00000000-0000-0000-0000-000000000000',
        404,
        'WorkflowExecution not found [id=00000000-0000-0000-0000-000000000000]',
      ],
      ['/v2/executions?sort_keys=bogus', 400, 'Sort key supplied is invalid: bogus'],
      [
        '/v2/workflows?marker=00000000-0000-0000-0000-000000000000',
        404,
        'Workflow not found [workflow_id=00000000-0000-0000-0000-000000000000]',
      ],
    ])('%s → %i', async (path, status, message) => {
      const res = await call('GET', path);
      expect(res.status).toBe(status);
      expect(res.json!['faultstring']).toBe(message);
    });

    it('rejects unknown fields', async () => {
      const res = await call('GET', '/v2/executions?fields=bogus');
      expect(res.status).toBe(400);
      expect(res.json!['faultstring']).toMatch(
        /^Some fields do not exist {2}\[bogus\], please choose from \[id, workflow_id/,
      );
    });
  });

  describe('actions', () => {
    it('lists system actions with Mistral fields and pages by name', async () => {
      const page = await call('GET', '/v2/actions?limit=2');
      expect(page.json!['actions'].map((a: Json) => a['name'])).toEqual(['std.echo', 'std.fail']);
      expect(shapeDifferences(samples['actionsPage'].actions[1], page.json!['actions'][0])).toEqual([]);
      expect(page.json!['next']).toBe(
        `${base}/v2/actions?sort_keys=name,id&sort_dirs=asc,asc&namespace=eq:&limit=2&marker=std.fail`,
      );
      expect((await call('GET', '/v2/actions/std.echo')).json!['input']).toBe('output, delay=0');
      expect((await call('GET', '/v2/actions/std.nope')).status).toBe(404);
    });
  });

  describe('HTTP errors are clear 4xx, never 500', () => {
    it('unknown routes → 404 JSON', async () => {
      const res = await call('GET', '/v2/nothing');
      expect(res.status).toBe(404);
      expect(res.json!['faultcode']).toBe('Client');
    });

    it('wrong methods → 405 with Allow', async () => {
      const res = await call('DELETE', '/v2/tasks');
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect((await call('PATCH', '/v2/executions')).status).toBe(405);
    });

    it('oversize bodies → 413', async () => {
      const res = await postYaml('/v2/workflows', `version: '2.0'\n# ${'x'.repeat(70 * 1024)}\n`);
      expect(res.status).toBe(413);
      expect(res.json!['faultstring']).toMatch(/too large/);
    });

    it('logged nothing unexpected', () => {
      expect(logged).toEqual([]);
    });
  });
});
