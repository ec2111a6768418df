// A throwaway PostgreSQL cluster in the cluster directory, from Debian's
// binaries. PostgreSQL refuses to run as root, so as root the binaries run
// as the `postgres` user, which must own the data directory.
import { execFileSync } from 'node:child_process';
import { chownSync, chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './ports.js';
import { tail } from './processes.js';

export interface PostgresState {
  readonly url: string;
  /** Absent when SIROCCO_PG_URL pointed at a server we did not start. */
  readonly dataDir?: string;
  readonly binDir?: string;
}

const binDir = (): string => {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest)
    throw new Error(
      `No PostgreSQL binaries under ${root} (apt-get install postgresql), and SIROCCO_PG_URL is not set`,
    );
  return join(root, newest, 'bin');
};

const isRoot = (): boolean => process.getuid?.() === 0;

const runPg = (bin: string, args: readonly string[]): void => {
  const [command, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, [...args]];
  execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
};

const postgresUid = (): { uid: number; gid: number } => {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
};

export const startPostgres = async (dir: string): Promise<PostgresState> => {
  const bin = binDir();
  const pgDir = join(dir, 'pg');
  const dataDir = join(pgDir, 'data');
  mkdirSync(pgDir, { recursive: true });
  // The postgres user must reach and own its directory.
  chmodSync(dir, 0o755);
  if (isRoot()) {
    const { uid, gid } = postgresUid();
    chownSync(pgDir, uid, gid);
  }
  const port = await freePort();
  const logFile = join(pgDir, 'postgres.log');
  try {
    runPg(join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    // synchronous_commit=off: a throwaway cluster; a crash of PostgreSQL itself may lose the last
    // few hundred ms, a crash of the apps loses nothing. Many apps, each with pools: more connections.
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${pgDir} -c max_connections=400 -c synchronous_commit=off`;
    runPg(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '30', 'start']);
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`PostgreSQL did not start: ${String(e)}\n${stderr}\n${tail(logFile)}`, { cause: e });
  }
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  try {
    await admin.query('CREATE DATABASE sirocco');
  } finally {
    await admin.end();
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/sirocco`, dataDir, binDir: bin };
};

export const stopPostgres = async (state: PostgresState): Promise<void> => {
  if (!state.dataDir || !state.binDir || !existsSync(state.dataDir)) return;
  try {
    runPg(join(state.binDir, 'pg_ctl'), ['-D', state.dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
  } catch {
    // already stopped
  }
};
