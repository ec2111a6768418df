// A with-items task over 10,000 items through the whole standalone server
// (API, engine, executor, projections): it must finish, with every result in
// item order. Its wall time is printed for the record, not asserted (speed is
// measured by the benchmark, never by a unit test).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLogger } from '@sirocco/runtime';
import { startStandalone, type RunningStandalone } from './standalone.js';

let running: RunningStandalone;
let dataDir: string;

beforeAll(async () => {
  const srv = createServer();
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
  const addr = srv.address();
  await new Promise((ok) => srv.close(ok));
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  dataDir = mkdtempSync(join(tmpdir(), 'sirocco-scale-'));
  running = await startStandalone({ host: '127.0.0.1', port, dataDir, logLevel: 'error', cronCatchUp: 'once' }, createLogger('error'));
});

afterAll(async () => {
  await running?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('runs a 10,000-item with-items task to the end, results in item order', async () => {
  const api = running.url;
  const reg = await fetch(`${api}/workflows`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: `version: '2.0'
many:
  tasks:
    each:
      with-items: i in <% range(10000) %>
      concurrency: 200
      action: std.echo output=<% $.i %>
      publish:
        count: <% len(task().result) %>
        picks: <% [task().result[0], task().result[5000], task().result[9999]] %>
        total: <% task().result.sum() %>
  output:
    count: <% $.count %>
    picks: <% $.picks %>
    total: <% $.total %>
`,
  });
  expect(reg.status).toBe(201);
  const started = Date.now();
  const res = await fetch(`${api}/executions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workflow_name: 'many' }),
  });
  const { id } = (await res.json()) as { id: string };
  let ex = { state: 'RUNNING', output: '{}' };
  while (Date.now() - started < 240_000) {
    ex = (await (await fetch(`${api}/executions/${id}`)).json()) as typeof ex;
    if (ex.state !== 'RUNNING') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const wall = (Date.now() - started) / 1000;
  console.log(`[scale] 10,000-item with-items: ${ex.state} in ${wall.toFixed(1)} s`);
  expect(ex.state).toBe('SUCCESS');
  expect(JSON.parse(ex.output)).toEqual({ count: 10_000, picks: [0, 5000, 9999], total: 49_995_000 });
}, 300_000);
