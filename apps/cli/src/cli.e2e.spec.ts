// The `sirocco` command line against the built standalone server (a child
// process): define, run and watch, list, operate; exit codes and messages
// for what goes wrong.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const freePort = (): Promise<number> =>
  new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))));
    });
  });

const WORKFLOWS = `---
version: '2.0'
greet:
  input:
    - name
  output:
    greeting: <% $.greeting %>
  tasks:
    hello:
      action: std.echo output="Hello, <% $.name %>!"
      publish:
        greeting: <% task().result %>
broken:
  tasks:
    boom:
      action: std.fail
slow:
  tasks:
    nap:
      action: std.sleep seconds=1
`;

describe('the sirocco CLI', () => {
  let server: ChildProcess;
  let dir: string;
  let url: string;

  const cli = async (...args: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(['--url', url, ...args], {
      out: (t) => (out += t),
      err: (t) => (err += t),
      env: {},
    });
    return { code, out, err };
  };

  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-b', 'apps/standalone'], { cwd: repoRoot, stdio: 'inherit' });
    dir = mkdtempSync(join(tmpdir(), 'sirocco-cli-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn(
      process.execPath,
      [
        join(repoRoot, 'apps/standalone/dist/main.js'),
        '--port',
        String(port),
        '--data-dir',
        join(dir, 'data'),
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    for (const deadline = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 50))) {
      if (
        await fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (Date.now() > deadline) throw new Error('server did not start');
    }
    writeFileSync(join(dir, 'wf.yaml'), WORKFLOWS);
    writeFileSync(join(dir, 'input.json'), '{"name": "file"}');
  }, 120_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('defines workflows and lists them', async () => {
    const created = await cli('workflow', 'create', join(dir, 'wf.yaml'));
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/[0-9a-f-]{36} {2}greet\n/);
    const listed = await cli('--json', 'workflow', 'list');
    expect((JSON.parse(listed.out) as { name: string }[]).map((w) => w.name).sort()).toEqual([
      'broken',
      'greet',
      'slow',
    ]);
    const shown = await cli('workflow', 'get', 'greet');
    expect(shown.out).toContain('action: std.echo output="Hello, <% $.name %>!"');
  });

  it('runs and watches an execution to SUCCESS (exit 0) or ERROR (exit 1)', async () => {
    const ok = await cli('run', 'greet', '--input', `@${join(dir, 'input.json')}`, '--watch');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(
      /ExecutionStarted[\s\S]*TaskExecutionStarted {2}hello RUNNING[\s\S]*ExecutionCompleted {2}SUCCESS/,
    );
    expect(ok.out).toContain('output: {"greeting":"Hello, file!"}');
    const failed = await cli('run', 'broken', '--watch');
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/\nERROR: /);
    const listed = await cli('--json', 'execution', 'list', '--workflow', 'greet');
    const rows = JSON.parse(listed.out) as { id: string; state: string; output: unknown }[];
    expect(rows.map((r) => [r.state, r.output])).toEqual([['SUCCESS', { greeting: 'Hello, file!' }]]);
    const got = await cli('execution', 'get', rows[0]!.id);
    expect(got.out).toContain('state: SUCCESS');
  });

  it('operates a running execution', async () => {
    const started = await cli('--json', 'run', 'slow');
    const { id } = JSON.parse(started.out) as { id: string };
    expect((await cli('execution', 'pause', id)).out).toContain('PAUSED');
    expect((await cli('execution', 'cancel', id, '--info', 'no longer needed')).out).toContain('CANCELLED');
    const resumed = await cli('execution', 'resume', id);
    expect(resumed.code).toBe(3);
    expect(resumed.err).toMatch(/^sirocco: FailedPrecondition: /);
  });

  it('says what is wrong: bad usage exits 2, a refused request 3', async () => {
    const badJson = await cli('run', 'greet', '--input', '{name: x}');
    expect([badJson.code, badJson.err]).toEqual([2, expect.stringContaining('--input is not JSON')]);
    const notObject = await cli('run', 'greet', '--input', '[1]');
    expect(notObject.err).toContain('--input must be a JSON object');
    const unknown = await cli('frobnicate');
    expect([unknown.code, unknown.err]).toEqual([2, expect.stringContaining('unknown command: frobnicate')]);
    const missing = await cli('run', 'nope');
    expect([missing.code, missing.err]).toEqual([3, expect.stringContaining('NotFound: Workflow not found')]);
    const badInput = await cli('run', 'greet', '--input', '{"nam": "typo"}');
    expect([badInput.code, badInput.err]).toEqual([3, expect.stringContaining('InvalidArgument')]);
  });
});
