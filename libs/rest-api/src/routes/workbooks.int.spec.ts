// /v2/workbooks over the real SQLite event store, catalogs and read models.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from '../testing/api-harness.js';
import { httpClient, type Json } from '../testing/http-client.js';
import { shapeDifferences } from '../testing/shape.js';

const samples = JSON.parse(
  readFileSync(new URL('../fixtures/mistral-15-catalog-samples.json', import.meta.url), 'utf8'),
) as Json;

const WB = `version: '2.0'
name: my_wb
description: A workbook
tags: [wbtag]
actions:
  greet:
    base: std.echo output="hi <% $.who %>"
    input:
      - who
workflows:
  main:
    tasks:
      t1:
        action: greet who=x
  sub:
    tasks:
      s:
        action: std.noop
`;

describe('/v2/workbooks', () => {
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

  it('creates a workbook (201, POST shape) and registers <workbook>.<name> workflows and actions', async () => {
    const res = await api.yaml('POST', '/v2/workbooks?namespace=ns1', WB);
    expect(res.status).toBe(201);
    expect(shapeDifferences(samples['workbookPost'], res.json)).toEqual([]);
    expect(res.json).toMatchObject({
      name: 'my_wb',
      namespace: 'ns1',
      definition: WB,
      tags: ['wbtag'],
      scope: 'private',
    });
    id = res.json!['id'];
    const wfs = await api.get('/v2/workflows?namespace=ns1&fields=name,definition');
    expect(wfs.json!['workflows'].map((w: Json) => w['name'])).toEqual(['my_wb.main', 'my_wb.sub']);
    expect(wfs.json!['workflows'][1]['definition']).toBe('sub:\n  tasks:\n    s:\n      action: std.noop\n');
    const action = await api.get('/v2/actions/my_wb.greet?namespace=ns1');
    expect(shapeDifferences(samples['workbookAction'], action.json)).toEqual([]);
    expect(action.json).toMatchObject({
      input: 'who',
      definition: 'greet:\n  base: std.echo output="hi <% $.who %>"\n  input:\n    - who\n',
    });
  });

  it('answers a duplicate with 409 and invalid documents with 400, writing nothing', async () => {
    const dup = await api.yaml('POST', '/v2/workbooks?namespace=ns1', WB);
    expect(dup.status).toBe(409);
    expect(dup.json!['faultstring']).toBe(
      "Duplicate entry for WorkbookDefinition ['name', 'namespace', 'project_id']: my_wb, ns1, None",
    );
    const before = (await harness.store.readAll()).length;
    const noName = await api.yaml('POST', '/v2/workbooks', WB.replace('name: my_wb\n', ''));
    expect(noName.status).toBe(400);
    expect(noName.json!['faultstring']).toMatch(/^Invalid DSL: line \d+, column \d+: .*name/);
    const badKey = await api.yaml('POST', '/v2/workbooks', `${WB}bogus: 1\n`);
    expect(badKey.json!['faultstring']).toMatch(/unknown workbook key 'bogus'/);
    expect((await api.yaml('POST', '/v2/workbooks', '  ')).status).toBe(400);
    expect((await harness.store.readAll()).length).toBe(before);
  });

  it('gets one by name in exactly the namespace (GET shape)', async () => {
    const one = await api.get('/v2/workbooks/my_wb?namespace=ns1');
    expect(one.status).toBe(200);
    expect(shapeDifferences(samples['workbook'], one.json)).toEqual([]);
    expect(one.json).toMatchObject({ id, updated_at: null });
    const missing = await api.get('/v2/workbooks/my_wb');
    expect(missing.status).toBe(404);
    expect(missing.json!['faultstring']).toBe('Workbook not found [name=my_wb, namespace=]');
  });

  it('lists every namespace unless one is given, with next links', async () => {
    await api.yaml('POST', '/v2/workbooks', WB);
    expect((await api.get('/v2/workbooks')).json!['workbooks']).toHaveLength(2);
    const page = await api.get('/v2/workbooks?namespace=ns1&limit=1');
    expect(shapeDifferences(samples['workbooksPage'].workbooks[0], page.json!['workbooks'][0])).toEqual([]);
    expect(page.json!['next']).toBe(
      `${harness.baseUrl}/v2/workbooks?sort_keys=created_at,id&sort_dirs=asc,asc&namespace=eq:ns1&limit=1&marker=${id}`,
    );
  });

  it('updates with PUT (existing only)', async () => {
    const put = await api.yaml(
      'PUT',
      '/v2/workbooks?namespace=ns1',
      WB.replace('action: std.noop', 'action: std.echo output=1'),
    );
    expect(put.status).toBe(200);
    expect(shapeDifferences(samples['workbookPut'], put.json)).toEqual([]);
    expect(put.json!['id']).toBe(id);
    expect(put.json!['updated_at']).toMatch(/^\d{4}-/);
    const sub = await api.get('/v2/workflows/my_wb.sub?namespace=ns1');
    expect(sub.json!['definition']).toContain('std.echo output=1');
    expect((await api.get('/v2/workflows/my_wb.main?namespace=ns1')).json!['updated_at']).toBeNull();
    const unknown = await api.yaml('PUT', '/v2/workbooks', WB.replace('my_wb', 'other'));
    expect(unknown.status).toBe(404);
    expect(unknown.json!['faultstring']).toBe('Workbook not found [name=other, namespace=]');
  });

  it('deletes (204) and leaves its workflows and actions, as Mistral does', async () => {
    expect((await api.delete('/v2/workbooks/my_wb?namespace=ns1')).status).toBe(204);
    const again = await api.delete('/v2/workbooks/my_wb?namespace=ns1');
    expect(again.status).toBe(404);
    expect(again.json!['faultstring']).toBe('Workbook not found [workbook_name=my_wb, namespace=ns1]');
    expect((await api.get('/v2/workflows/my_wb.main?namespace=ns1')).status).toBe(200);
    expect((await api.get('/v2/actions/my_wb.greet?namespace=ns1')).status).toBe(200);
  });

  it('logged nothing unexpected', () => {
    expect(harness.logged).toEqual([]);
  });
});
