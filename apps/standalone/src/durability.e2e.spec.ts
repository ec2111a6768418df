// Kill -9 the standalone server while executions run, start it again on the
// same data directory: every execution must finish with the right result,
// and no action whose result was recorded before the kill may run again.
// The actions call a counting HTTP server owned by the test, so "ran again"
// is observed from outside the process.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@sirocco/eventstore';
import { freePort } from './testing/standalone-process.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const mainJs = join(repoRoot, 'apps/standalone/dist/main.js');


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts calls per path and answers after a short delay, so kills land mid-action. */
const startCountingServer = async (): Promise<{ server: Server; port: number; calls: Map<string, number> }> => {
  const calls = new Map<string, number>();
  const server = createServer((req, res) => {
    const key = req.url ?? '';
    calls.set(key, (calls.get(key) ?? 0) + 1);
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ n: calls.get(key) }));
    }, 150);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  if (typeof addr !== 'object' || !addr) throw new Error('no port');
  return { server, port: addr.port, calls };
};

const WORKFLOW = (httpPort: number) => `version: '2.0'
durable_chain:
  input:
    - n
  tasks:
    first:
      action: std.http url="http://127.0.0.1:${httpPort}/<% execution().id %>/first"
      publish:
        a: <% $.n + 1 %>
      on-success: [left, right]
    left:
      action: std.http url="http://127.0.0.1:${httpPort}/<% execution().id %>/left"
      publish:
        l: <% $.a * 2 %>
      on-success: joined
    right:
      action: std.http url="http://127.0.0.1:${httpPort}/<% execution().id %>/right"
      publish:
        r: <% $.a * 3 %>
      on-success: joined
    joined:
      join: all
      action: std.http url="http://127.0.0.1:${httpPort}/<% execution().id %>/joined"
      publish:
        total: <% $.l + $.r %>
      on-success: last
    last:
      action: std.echo output=<% $.total %>
      publish:
        result: <% task().result %>
  output:
    result: <% $.result %>
`;

class StandaloneProcess {
  proc: ChildProcess | undefined;
  constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}
  get api() {
    return `http://127.0.0.1:${this.port}/v2`;
  }
  async start(): Promise<void> {
    this.proc = spawn(process.execPath, [mainJs, '--port', String(this.port), '--data-dir', this.dataDir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    this.proc.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.proc.exitCode !== null) throw new Error(`server exited: ${stderr}`);
      try {
        if ((await fetch(`http://127.0.0.1:${this.port}/health`)).ok) return;
      } catch {
        // not up yet
      }
      await sleep(50);
    }
    throw new Error(`server did not start: ${stderr}`);
  }
  async kill9(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  }
  async stop(): Promise<number | null> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return p?.exitCode ?? null;
    const exited = new Promise<number | null>((r) => p.once('exit', (code) => r(code)));
    p.kill('SIGTERM');
    return exited;
  }
}

describe('standalone server survives SIGKILL', () => {
  let http: Awaited<ReturnType<typeof startCountingServer>>;
  let server: StandaloneProcess;
  let dataDir: string;

  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-b', 'apps/standalone'], { cwd: repoRoot, stdio: 'inherit' });
    http = await startCountingServer();
    dataDir = mkdtempSync(join(tmpdir(), 'sirocco-durability-'));
    server = new StandaloneProcess(await freePort(), dataDir);
    await server.start();
  }, 180_000);

  afterAll(async () => {
    await server?.kill9();
    http?.server.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes every execution exactly once after a kill and restart', async () => {
    const reg = await fetch(`${server.api}/workflows`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: WORKFLOW(http.port),
    });
    expect(reg.status).toBe(201);

    const ids: string[] = [];
    for (let n = 0; n < 12; n++) {
      const res = await fetch(`${server.api}/executions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workflow_name: 'durable_chain', input: { n } }),
      });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
      await sleep(40);
    }
    // Let some executions get half-way, then kill without warning.
    await sleep(400);
    await server.kill9();

    // What the store says was recorded at the moment of the kill.
    const store = SqliteEventStore.open({ path: join(dataDir, 'sirocco.db') });
    const recordedKeys = new Set<string>();
    const events = await store.readAll({ streamPrefixes: ['execution-'] });
    const actionKey = new Map<string, string>();
    for (const e of events) {
      const data = e.data as Record<string, unknown>;
      if (e.type === 'ActionExecutionScheduled' && typeof (data['input'] as { url?: unknown })?.url === 'string') {
        actionKey.set(String(data['actionExecutionId']), new URL(String((data['input'] as { url: string }).url)).pathname);
      }
      if (e.type === 'ActionExecutionCompleted') {
        const key = actionKey.get(String(data['actionExecutionId']));
        if (key) recordedKeys.add(key);
      }
    }
    await store.close();
    const finishedBeforeKill = events.filter((e) => e.type === 'ExecutionCompleted').length;
    expect(recordedKeys.size).toBeGreaterThan(0);
    expect(finishedBeforeKill).toBeLessThan(ids.length);
    const callsAtKill = new Map(http.calls);

    await server.start();
    const deadline = Date.now() + 60_000;
    const states = new Map<string, { state: string; output: string }>();
    while (Date.now() < deadline && states.size < ids.length) {
      for (const id of ids) {
        if (states.has(id)) continue;
        const ex = (await (await fetch(`${server.api}/executions/${id}`)).json()) as { state: string; output: string };
        if (['SUCCESS', 'ERROR', 'CANCELLED'].includes(ex.state)) states.set(id, ex);
      }
      await sleep(100);
    }
    expect(states.size).toBe(ids.length);
    ids.forEach((id, n) => {
      const ex = states.get(id);
      expect(ex?.state).toBe('SUCCESS');
      // a = n + 1; total = 2a + 3a = 5a
      expect(JSON.parse(ex?.output ?? '{}')).toEqual({ result: 5 * (n + 1) });
    });
    // Recorded results are never produced again: their call counts did not move.
    for (const key of recordedKeys) expect(http.calls.get(key), key).toBe(callsAtKill.get(key));
    // Every task ran exactly once per execution.
    for (const id of ids) {
      const tasks = (await (await fetch(`${server.api}/executions/${id}/tasks`)).json()) as {
        tasks: { name: string; state: string }[];
      };
      expect(tasks.tasks.map((t) => t.name).sort()).toEqual(['first', 'joined', 'last', 'left', 'right']);
    }
    expect(await server.stop()).toBe(0);
  }, 120_000);

  it('keeps a durable timer across a kill: the delay ends on its original deadline and fires once', async () => {
    await server.start();
    const reg = await fetch(`${server.api}/workflows`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: `version: '2.0'
delayed:
  tasks:
    later:
      wait-before: 3
      action: std.echo output="woke"
      publish:
        said: <% task().result %>
  output:
    said: <% $.said %>
`,
    });
    expect(reg.status).toBe(201);
    const res = await fetch(`${server.api}/executions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workflow_name: 'delayed' }),
    });
    const { id } = (await res.json()) as { id: string };
    const startedAt = Date.now();
    await sleep(1000);
    await server.kill9();
    await sleep(500);
    await server.start();
    let state = '';
    let output = '{}';
    while (Date.now() - startedAt < 20_000) {
      const ex = (await (await fetch(`${server.api}/executions/${id}`)).json()) as { state: string; output: string };
      ({ state, output } = ex);
      if (state === 'SUCCESS' || state === 'ERROR') break;
      await sleep(50);
    }
    const elapsed = Date.now() - startedAt;
    expect(state).toBe('SUCCESS');
    expect(JSON.parse(output)).toEqual({ said: 'woke' });
    // The deadline was set before the kill: it is neither lost nor restarted from zero.
    expect(elapsed).toBeGreaterThanOrEqual(3_000);
    expect(elapsed).toBeLessThan(3_000 + 2_500);
    const events = (await (await fetch(`${server.api}/executions/${id}/events?limit=1000`)).json()) as {
      events: { type: string }[];
    };
    const types = events.events.map((e) => e.type);
    expect(types.filter((t) => t === 'TimerScheduled')).toHaveLength(1);
    expect(types.filter((t) => t === 'TimerFired')).toHaveLength(1);
  }, 60_000);
});
