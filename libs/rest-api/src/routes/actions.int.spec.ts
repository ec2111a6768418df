// /v2/actions over the real SQLite event store, catalog and registry.
// Shapes are compared with answers recorded from a real Mistral 15.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../testing/api-harness.js';
import { httpClient, type Json } from '../testing/http-client.js';
import { shapeDifferences } from '../testing/shape.js';

const samples = JSON.parse(
  readFileSync(new URL('../fixtures/mistral-15-catalog-samples.json', import.meta.url), 'utf8'),
) as Json;

const DOC = `version: '2.0'
padded:
  description: pads a word
  tags: [t1]
  base: std.echo
  base-input:
    output: <% $.prefix + $.word %>
  input:
    - word
    - prefix: ">> "
    - opts: {k: [1, "x"]}
bare:
  base: std.noop
`;

describe('/v2/actions (ad-hoc actions)', () => {
  let harness: ApiHarness;
  let api: ReturnType<typeof httpClient>;
  let ids: string[];

  beforeAll(async () => {
    harness = await startApiHarness();
    api = httpClient(harness.baseUrl);
  });

  afterAll(async () => {
    await harness.close();
  });

  it('creates the actions of a document (201, Mistral POST shape, usable by the engine at once)', async () => {
    const res = await api.yaml('POST', '/v2/actions?namespace=ns1', DOC);
    expect(res.status).toBe(201);
    const [padded, bare] = res.json!['actions'];
    expect(shapeDifferences(samples['actionsPost'].actions[0], padded)).toEqual([]);
    expect(padded).toMatchObject({
      name: 'padded',
      is_system: false,
      input: 'word, prefix=">> ", opts={"k": [1, "x"]}',
      description: 'pads a word',
      tags: ['t1'],
      definition: DOC,
      scope: 'private',
      project_id: '<default-project>',
      namespace: 'ns1',
    });
    expect(padded.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(bare).toMatchObject({ input: null, description: null, tags: [] });
    expect(harness.registry.get('padded', 'ns1')?.base).toBe('std.echo');
    ids = res.json!['actions'].map((a: Json) => a['id']);
  });

  it('answers a duplicate with 409 and writes none of the document', async () => {
    const res = await api.yaml(
      'POST',
      '/v2/actions?namespace=ns1',
      `version: '2.0'\nnew_one:\n  base: std.noop\n${DOC.slice(15)}`,
    );
    expect(res.status).toBe(409);
    expect(res.json!['faultstring']).toBe(
      "Duplicate entry for Action ['name', 'namespace', 'project_id']: padded, ns1, None",
    );
    expect((await api.get('/v2/actions/new_one?namespace=ns1')).status).toBe(404);
  });

  it('rejects invalid DSL (line and column), empty bodies, system names and bad scopes with 400', async () => {
    const before = (await harness.store.readAll()).length;
    const noBase = await api.yaml('POST', '/v2/actions', `version: '2.0'\nbaseless:\n  input:\n    - x\n`);
    expect(noBase.status).toBe(400);
    expect(noBase.json!['faultstring']).toMatch(/^Invalid DSL: line 2, column 1: baseless: .*base/);
    expect(
      (await api.yaml('POST', '/v2/actions', "version: '2.0'\nx: [unclosed\n")).json!['faultstring'],
    ).toMatch(/^Invalid DSL: line \d+, column \d+/);
    expect((await api.yaml('POST', '/v2/actions', '')).status).toBe(400);
    const system = await api.yaml('POST', '/v2/actions', `version: '2.0'\nstd.echo:\n  base: std.noop\n`);
    expect(system.status).toBe(400);
    expect(system.json!['faultstring']).toBe('Attempt to modify a system action: std.echo');
    expect((await api.yaml('POST', '/v2/actions?scope=shared', DOC)).json!['faultstring']).toBe(
      "Scope must be one of the following: ['private', 'public']; actual: shared",
    );
    expect((await harness.store.readAll()).length).toBe(before);
  });

  it('gets one by name in exactly the given namespace (GET shape); system actions from any', async () => {
    const one = await api.get('/v2/actions/padded?namespace=ns1');
    expect(one.status).toBe(200);
    expect(shapeDifferences(samples['adHocAction'], one.json)).toEqual([]);
    expect(one.json).toMatchObject({ id: ids[0], updated_at: null });
    expect((await api.get('/v2/actions/bare?namespace=ns1')).json!['input']).toBe('');
    const missing = await api.get('/v2/actions/padded');
    expect(missing.status).toBe(404);
    expect(missing.json!['faultstring']).toBe('Action not found [name=padded, namespace=]');
    expect((await api.get(`/v2/actions/${ids[0]}?namespace=ns1`)).status).toBe(404); // Mistral: names only
    expect((await api.get('/v2/actions/std.echo?namespace=ns1')).json!['name']).toBe('std.echo');
  });

  it('lists system and ad-hoc actions of one namespace, sorted by name, with filters and next links', async () => {
    const base = harness.baseUrl;
    const defaults = await api.get('/v2/actions');
    expect(defaults.json!['actions'].map((a: Json) => a['name'])).toEqual([
      'std.echo',
      'std.fail',
      'std.noop',
    ]);
    const ns1 = await api.get('/v2/actions?namespace=ns1&limit=1');
    expect(ns1.json!['actions'].map((a: Json) => a['name'])).toEqual(['bare']);
    expect(ns1.json!['next']).toBe(
      `${base}/v2/actions?sort_keys=name,id&sort_dirs=asc,asc&namespace=eq:ns1&limit=1&marker=${ids[1]}`,
    );
    const page2 = await api.get(ns1.json!['next'].slice(base.length));
    expect(page2.json!['actions'].map((a: Json) => a['name'])).toEqual(['padded']);
    expect(shapeDifferences(samples['adHocActionsPage'].actions[0], page2.json!['actions'][0])).toEqual([]);
    const tagged = await api.get('/v2/actions?namespace=ns1&tags=has:t1&fields=name');
    expect(tagged.json!['actions']).toEqual([{ id: ids[0], name: 'padded' }]);
    const desc = await api.get('/v2/actions?namespace=in:,ns1&sort_dirs=desc&limit=2');
    expect(desc.json!['actions'].map((a: Json) => a['name'])).toEqual(['std.noop', 'std.fail']);
    expect((await api.get('/v2/actions?sort_keys=bogus')).status).toBe(400);
  });

  it('updates with PUT (existing only, by name or id), keeping ids; an unknown one is 404', async () => {
    const v2 = `version: '2.0'\nbare:\n  base: std.echo output=1\n  input: [z]\n`;
    const put = await api.yaml('PUT', '/v2/actions?namespace=ns1&scope=public', v2);
    expect(put.status).toBe(200);
    expect(shapeDifferences(samples['actionsPut'].actions[0], put.json!['actions'][0])).toEqual([]);
    expect(put.json!['actions'][0]).toMatchObject({
      id: ids[1],
      input: 'z',
      scope: 'public',
      definition: v2,
    });
    expect(put.json!['actions'][0]['updated_at']).toMatch(/^\d{4}-/);
    const byId = await api.yaml('PUT', `/v2/actions/${ids[1]}`, v2);
    expect(byId.status).toBe(200);
    expect(byId.json!['actions'][0]['id']).toBe(ids[1]);
    const unknown = await api.yaml(
      'PUT',
      '/v2/actions?namespace=ns1',
      `version: '2.0'\nnew_one:\n  base: std.noop\n`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.json!['faultstring']).toBe(
      'Action definition not found [action_name=new_one, namespace=ns1]',
    );
    expect((await api.yaml('PUT', '/v2/actions/bare?namespace=ns1', DOC)).status).toBe(400);
  });

  it('deletes by name or id (204); system actions are not definitions (404)', async () => {
    expect((await api.delete(`/v2/actions/${ids[1]}`)).status).toBe(204);
    expect((await api.delete('/v2/actions/padded?namespace=ns1')).status).toBe(204);
    expect((await api.get('/v2/actions?namespace=ns1')).json).toEqual({ actions: [] });
    const system = await api.delete('/v2/actions/std.echo');
    expect(system.status).toBe(404);
    expect(system.json!['faultstring']).toBe(
      'Action definition not found [action_name=std.echo, namespace=]',
    );
    expect(harness.registry.get('padded', 'ns1')).toBeUndefined();
  });

  it('logged nothing unexpected', () => {
    expect(harness.logged).toEqual([]);
  });
});
