// /v2/environments over the real SQLite event store, catalog and read models.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../testing/api-harness.js';
import { httpClient, type Json } from '../testing/http-client.js';
import { shapeDifferences } from '../testing/shape.js';

const samples = JSON.parse(
  readFileSync(new URL('../fixtures/mistral-15-catalog-samples.json', import.meta.url), 'utf8'),
) as Json;

describe('/v2/environments', () => {
  let harness: ApiHarness;
  let api: ReturnType<typeof httpClient>;
  let id: string;

  beforeAll(async () => {
    harness = await startApiHarness();
    api = httpClient(harness.baseUrl);
  });

  afterAll(async () => {
    await harness.close();
  });

  it('creates from JSON, variables as an object or JSON text (201, POST shape)', async () => {
    const res = await api.json('POST', '/v2/environments', {
      name: 'dev',
      description: 'd',
      variables: { a: 1, s: 'é' },
    });
    expect(res.status).toBe(201);
    expect(shapeDifferences(samples['environmentPost'], res.json)).toEqual([]);
    expect(res.json).toMatchObject({ name: 'dev', variables: '{"a": 1, "s": "\\u00e9"}', scope: 'private' });
    id = res.json!['id'];
    const fromText = await api.json('POST', '/v2/environments', { name: 'bare', variables: '{"x": [1]}' });
    expect(fromText.json!['variables']).toBe('{"x": [1]}');
    const unset = await api.json('POST', '/v2/environments', { name: 'empty' });
    expect(Object.keys(unset.json!)).toEqual(['id', 'name', 'scope', 'project_id', 'created_at']);
  });

  it.each([
    [{ name: 'dev' }, 409, "Duplicate entry for Environment ['name', 'project_id']: dev, None"],
    [{ name: 'x', bogus: 1 }, 400, 'Unknown attribute for argument env: bogus'],
    [
      { name: 'x', id: 'y' },
      400,
      "Please, check your environment definition. Only: ['name', 'description', 'variables', 'scope'] are allowed as definition keys.",
    ],
    [
      { name: 'x', scope: 'shared' },
      400,
      "Invalid input for field/attribute scope. Value: 'shared'. Value should be one of: public, private",
    ],
    [{ description: 'no name' }, 400, 'Name of the environment is not provided.'],
    [
      { name: 5 },
      400,
      "Invalid input for field/attribute name. Value: '5'. Wrong type. Expected '<class 'str'>', got '<class 'int'>'",
    ],
    [
      { name: 'x', variables: [1] },
      400,
      expect.stringMatching(/^Invalid input for field\/attribute variables/),
    ],
    [
      { name: 'x', variables: 'not json' },
      400,
      expect.stringMatching(/^Invalid input for field\/attribute variables/),
    ],
    ['{bad json', 400, 'Request is not in valid JSON format'],
  ])('POST %j → %i, nothing written', async (body, status, message) => {
    const before = (await harness.store.readAll()).length;
    const res = await api.json('POST', '/v2/environments', body);
    expect(res.status).toBe(status);
    expect(res.json!['faultstring']).toEqual(message);
    expect((await harness.store.readAll()).length).toBe(before);
  });

  it('gets one by name (GET shape) and lists with filters', async () => {
    const one = await api.get('/v2/environments/dev');
    expect(shapeDifferences(samples['environment'], one.json)).toEqual([]);
    expect(one.json).toMatchObject({ id, updated_at: null });
    const missing = await api.get('/v2/environments/nope');
    expect(missing.status).toBe(404);
    expect(missing.json!['faultstring']).toBe('Environment not found [name=nope]');
    const list = await api.get('/v2/environments?name=dev');
    expect(
      shapeDifferences(samples['environmentsPage'].environments[0], list.json!['environments'][0]),
    ).toEqual([]);
    const page = await api.get('/v2/environments?limit=1&fields=name,description');
    expect(page.json!['environments']).toEqual([{ id, name: 'dev', description: 'd' }]);
    expect(page.json!['next']).toMatch(
      /\/v2\/environments\?sort_keys=created_at,id&sort_dirs=asc,asc&limit=1&marker=/,
    );
    const nulls = await api.get('/v2/environments?name=empty&fields=description');
    expect(nulls.json!['environments'][0]).toEqual({ id: expect.any(String), description: null });
  });

  it('updates with PUT, merging the given fields (PUT shape); errors in Mistral words', async () => {
    const put = await api.json('PUT', '/v2/environments', { name: 'dev', variables: { b: [1] } });
    expect(put.status).toBe(200);
    expect(shapeDifferences(samples['environmentPut'], put.json)).toEqual([]);
    expect(put.json).toMatchObject({ id, description: 'd', variables: '{"b": [1]}' });
    expect(put.json!['updated_at']).toMatch(/^\d{4}-/);
    const unknown = await api.json('PUT', '/v2/environments', { name: 'nope', description: 'x' });
    expect(unknown.status).toBe(404);
    expect(unknown.json!['faultstring']).toBe('Environment not found [name=nope]');
    expect((await api.json('PUT', '/v2/environments', { description: 'x' })).json!['faultstring']).toBe(
      'Name of the environment is not provided.',
    );
    expect((await api.json('PUT', '/v2/environments', { name: 'dev', id: 'x' })).json!['faultstring']).toBe(
      "Please, check your environment definition. Only: ['description', 'variables', 'scope'] are allowed as definition keys.",
    );
  });

  it('deletes (204), then 404', async () => {
    expect((await api.delete('/v2/environments/dev')).status).toBe(204);
    expect((await api.delete('/v2/environments/dev')).status).toBe(404);
    expect((await api.get('/v2/environments/dev')).status).toBe(404);
  });

  it('logged nothing unexpected', () => {
    expect(harness.logged).toEqual([]);
  });
});
