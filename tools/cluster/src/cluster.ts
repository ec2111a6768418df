// Start and stop a whole distributed Sirocco on one machine: nats-server,
// PostgreSQL (unless SIROCCO_PG_URL is given), a projector, N engines, M
// executors, optional schedulers and the API, each its own process. The
// returned state (pids, ports, directories) is all `stopCluster` needs.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restartApp, startApp, waitReady, type AppProcess, type AppSpec } from './apps.js';
import { startNats, stopNats, type NatsState } from './nats.js';
import { startPostgres, stopPostgres, type PostgresState } from './postgres.js';
import { stopProcess } from './processes.js';

export interface ClusterOptions {
  readonly engines: number;
  readonly executors: number;
  /** Scheduler apps; 0 runs the timer service inside the engines. */
  readonly schedulers?: number;
  readonly apiPort?: number;
  /** Existing PostgreSQL to use instead of a throwaway one. */
  readonly pgUrl?: string;
  /** Extra environment for every app (e.g. SIROCCO_EXECUTOR_ACK_WAIT_MS). */
  readonly env?: Readonly<Record<string, string>>;
  readonly log?: (line: string) => void;
}

export interface ClusterState {
  readonly dir: string;
  readonly nats: NatsState;
  readonly postgres: PostgresState;
  readonly apps: AppProcess[];
  readonly apiUrl: string;
}

export const startCluster = async (options: ClusterOptions): Promise<ClusterState> => {
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'sirocco-cluster-'));
  const logDir = join(dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  let nats: NatsState | undefined;
  let postgres: PostgresState | undefined;
  const apps: AppProcess[] = [];
  try {
    nats = await startNats(dir);
    log(`nats-server (${nats.kind}) at ${nats.url}`);
    postgres = options.pgUrl ? { url: options.pgUrl } : await startPostgres(dir);
    log(`PostgreSQL at ${postgres.url}${postgres.dataDir ? ` (data ${postgres.dataDir})` : ''}`);
    const schedulers = options.schedulers ?? 0;
    const env = {
      SIROCCO_NATS_URL: nats.url,
      SIROCCO_PG_URL: postgres.url,
      SIROCCO_EVENT_STORE: 'postgres',
      SIROCCO_ENGINE_TIMERS: schedulers > 0 ? 'off' : 'on',
      ...options.env,
    };
    const start = async (spec: AppSpec) => {
      const app = await startApp(spec, logDir);
      apps.push(app);
      return app;
    };
    // The projector first: it creates the read-model tables the others read.
    await waitReady(await start({ name: 'projector-1', role: 'projector', env }));
    const group: AppProcess[] = [];
    for (let i = 1; i <= options.engines; i++)
      group.push(await start({ name: `engine-${i}`, role: 'engine', env }));
    for (let i = 1; i <= options.executors; i++)
      group.push(await start({ name: `executor-${i}`, role: 'executor', env }));
    for (let i = 1; i <= schedulers; i++)
      group.push(await start({ name: `scheduler-${i}`, role: 'scheduler', env }));
    const api = await start({ name: 'api-1', role: 'api', env, port: options.apiPort ?? 8989 });
    await Promise.all([...group, api].map((a) => waitReady(a)));
    for (const a of apps) log(`${a.name.padEnd(12)} pid ${a.pid}  port ${a.port}  log ${a.logFile}`);
    return { dir, nats, postgres, apps, apiUrl: `http://127.0.0.1:${api.port}/v2` };
  } catch (e) {
    await stopCluster({ dir, nats, postgres, apps });
    throw e;
  }
};

/** Stops exactly what the state lists (apps first, so they hand work back), then removes the directory. */
export const stopCluster = async (state: {
  dir: string;
  nats?: NatsState | undefined;
  postgres?: PostgresState | undefined;
  apps: readonly AppProcess[];
}): Promise<void> => {
  await Promise.all(state.apps.map((a) => stopProcess(a.pid)));
  if (state.nats) await stopNats(state.nats).catch(() => undefined);
  if (state.postgres) await stopPostgres(state.postgres);
  if (existsSync(state.dir)) rmSync(state.dir, { recursive: true, force: true });
};

export { restartApp };
