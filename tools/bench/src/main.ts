// `npm run bench -- [--url URL] [--workloads chain100,fanout200] [--repeat 3] [--record]`
//
// Runs the shared REST benchmark (../shared/bench/bench.py, the same client
// that measures real Mistral) against Sirocco. Without --url it starts the
// standalone server on a free port with a throwaway data directory, so the
// figures never include someone else's data. --record appends the summary
// to tools/bench/RESULTS.md.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

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

const waitReady = async (url: string, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Server at ${url} did not become ready in ${timeoutMs} ms`);
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      workloads: { type: 'string', default: 'chain100,fanout200' },
      repeat: { type: 'string', default: '3' },
      poll: { type: 'string', default: '0.005' },
      label: { type: 'string', default: 'standalone' },
      record: { type: 'boolean', default: false },
    },
  });
  const benchPy = resolve(repoRoot, '../shared/bench/bench.py');
  if (!existsSync(benchPy)) throw new Error(`The shared benchmark client is missing: ${benchPy}`);

  let server: ChildProcess | undefined;
  let dataDir: string | undefined;
  let url = values.url;
  if (!url) {
    const port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'sirocco-bench-'));
    server = spawn(process.execPath, [join(repoRoot, 'apps/standalone/dist/main.js'), '--port', String(port), '--data-dir', dataDir], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    url = `http://127.0.0.1:${port}/v2`;
    await waitReady(`http://127.0.0.1:${port}/health`, 30_000);
  }
  const jsonOut = join(mkdtempSync(join(tmpdir(), 'sirocco-bench-out-')), 'runs.jsonl');
  try {
    const args = [benchPy, '--url', url, '--workload', values.workloads, '--repeat', values.repeat, '--poll', values.poll, '--json', jsonOut, '--label', values.label];
    if (server?.pid) args.push('--watch-pids', String(server.pid));
    const run = spawnSync('python3', args, { stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`bench.py exited with ${String(run.status)}`);
    const summaries = readFileSync(jsonOut, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((r) => r['type'] === 'summary' || r['kind'] === 'summary' || 'median_wall' in r);
    if (values.record) {
      const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
      const cpu = cpus()[0]?.model ?? 'unknown cpu';
      const lines = summaries.map((s) => `| ${when} | ${values.label} | ${JSON.stringify(s)} |`);
      appendFileSync(join(repoRoot, 'tools/bench/RESULTS.md'), `\n<!-- ${cpu}, ${cpus().length} cores, node ${process.version} -->\n${lines.join('\n')}\n`);
    }
  } finally {
    if (server) {
      server.kill('SIGTERM');
      await new Promise((r) => server?.once('exit', r));
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
};

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
