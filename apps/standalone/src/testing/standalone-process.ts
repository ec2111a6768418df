// For the standalone server's e2e tests: a free port, and the built server
// (apps/standalone/dist/main.js) as a child process, ready once /health
// answers. Never the machine's own port 8989.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** The built server; the tests that spawn it build it first, or skip saying so. */
export const mainJs = join(repoRoot, 'apps/standalone/dist/main.js');

export const freePort = (): Promise<number> =>
  new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))));
    });
  });

export interface StandaloneProcess {
  readonly port: number;
  /** `http://127.0.0.1:<port>/v2` */
  readonly api: string;
  readonly child: ChildProcess;
  /** Everything the server wrote on stderr (its log) so far. */
  stderr(): string;
  /** Sends the signal and waits for the exit (SIGTERM: a clean stop; SIGKILL: a crash). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startStandaloneProcess(options: {
  readonly dataDir: string;
  readonly port?: number;
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}): Promise<StandaloneProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(
    process.execPath,
    [mainJs, '--port', String(port), '--data-dir', options.dataDir, ...(options.args ?? [])],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...options.env } },
  );
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  const running: StandaloneProcess = {
    port,
    api: `http://127.0.0.1:${port}/v2`,
    child,
    stderr: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
  for (const deadline = Date.now() + 30_000; ; await new Promise((r) => setTimeout(r, 50))) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return running;
    if (Date.now() > deadline) {
      await running.stop('SIGKILL');
      throw new Error(`server did not start: ${stderr}`);
    }
  }
}

/** The real python-mistralclient CLI. */
export const MISTRAL_CLI = '/usr/bin/mistral';

/**
 * Runs `mistral ARGS...` against `api` without Keystone; `json` adds `-f json`
 * and parses. A failure throws with the CLI's stderr.
 */
export function mistralCli(api: () => string): {
  run(...args: string[]): Promise<string>;
  json<T = Record<string, string>>(...args: string[]): Promise<T>;
} {
  const run = async (...args: string[]): Promise<string> => {
    try {
      const { stdout } = await execFileAsync(MISTRAL_CLI, args, {
        env: { ...process.env, OS_MISTRAL_URL: api(), OS_AUTH_URL: '', OS_USERNAME: '', OS_PASSWORD: '' },
        timeout: 60_000,
      });
      return stdout;
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      throw new Error(`mistral ${args.join(' ')} failed: ${err.stderr || err.message}`);
    }
  };
  return { run, json: async (...args) => JSON.parse(await run(...args, '-f', 'json')) as never };
}
