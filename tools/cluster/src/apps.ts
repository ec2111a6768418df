// The Sirocco apps of a cluster, each its own process on 127.0.0.1, started
// from their built `dist/main.js` with configuration in the environment.
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitUntil } from './ports.js';
import { isAlive, spawnDetached, tail } from './processes.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export type Role = 'api' | 'engine' | 'executor' | 'projector' | 'scheduler';

export interface AppProcess {
  readonly name: string;
  readonly role: Role;
  readonly pid: number;
  /** The API port, or the health port of the other apps. */
  readonly port: number;
  readonly env: Readonly<Record<string, string>>;
  readonly logFile: string;
}

const mainOf = (role: Role): string => join(REPO_ROOT, 'apps', role, 'dist', 'main.js');

export interface AppSpec {
  readonly name: string;
  readonly role: Role;
  readonly port?: number;
  readonly env: Readonly<Record<string, string>>;
}

export const startApp = async (spec: AppSpec, logDir: string): Promise<AppProcess> => {
  const port = spec.port ?? (await freePort());
  const env = {
    ...spec.env,
    SIROCCO_PORT: String(port),
    SIROCCO_HOST: '127.0.0.1',
    SIROCCO_INSTANCE_ID: spec.name,
  };
  const logFile = join(logDir, `${spec.name}.log`);
  const pid = spawnDetached({ command: process.execPath, args: [mainOf(spec.role)], env, logFile });
  return { name: spec.name, role: spec.role, pid, port, env, logFile };
};

/** Waits for /ready (the app is connected and has done its start-up work). */
export const waitReady = async (app: AppProcess, timeoutMs = 60_000): Promise<void> => {
  await waitUntil(
    app.name,
    async () => {
      if (!isAlive(app.pid)) throw new Error(`${app.name} exited during start:\n${tail(app.logFile)}`);
      try {
        return (await fetch(`http://127.0.0.1:${app.port}/ready`)).ok;
      } catch {
        return false;
      }
    },
    timeoutMs,
    () => tail(app.logFile),
  );
};

/** Starts the same app again (same name, port and environment), e.g. after a kill. */
export const restartApp = async (app: AppProcess, logDir: string): Promise<AppProcess> => {
  const started = await startApp({ name: app.name, role: app.role, port: app.port, env: app.env }, logDir);
  await waitReady(started);
  return started;
};
