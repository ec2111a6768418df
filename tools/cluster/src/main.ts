// `npm run cluster:start -- --engines N --executors M [--schedulers K] [--port P]`
// and `npm run cluster:stop`: a distributed Sirocco on this machine.
import { parseArgs } from 'node:util';
import { startCluster, stopCluster } from './cluster.js';
import { DEFAULT_STATE_FILE, readState, removeState, writeState } from './state-file.js';
import { isAlive } from './processes.js';

const USAGE = `usage: cluster start [--engines N] [--executors M] [--schedulers K] [--port P] [--state-file F]
       cluster stop [--state-file F]
       cluster status [--state-file F]`;

const count = (raw: string | undefined, name: string, fallback: number, min: number, max = 64): number => {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max)
    throw new Error(`--${name} must be a number from ${min} to ${max}, got '${raw}'`);
  return n;
};

const main = async (): Promise<void> => {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      engines: { type: 'string' },
      executors: { type: 'string' },
      schedulers: { type: 'string' },
      port: { type: 'string' },
      'state-file': { type: 'string' },
    },
  });
  const stateFile = values['state-file'] ?? DEFAULT_STATE_FILE;
  const command = positionals[0];
  if (command === 'start') {
    const existing = readState(stateFile);
    if (existing && existing.apps.some((a) => isAlive(a.pid))) {
      throw new Error(`a cluster is already running (state in ${stateFile}); run npm run cluster:stop first`);
    }
    const state = await startCluster({
      engines: count(values.engines, 'engines', 2, 1),
      executors: count(values.executors, 'executors', 2, 1),
      schedulers: count(values.schedulers, 'schedulers', 0, 0),
      apiPort: count(values.port, 'port', 8989, 1, 65535),
      ...(process.env['SIROCCO_PG_URL'] ? { pgUrl: process.env['SIROCCO_PG_URL'] } : {}),
      log: (line) => console.log(line),
    });
    writeState(stateFile, state);
    console.log(
      `\nSirocco cluster is up: ${state.apiUrl}\nstate: ${stateFile}\nstop it with: npm run cluster:stop`,
    );
  } else if (command === 'stop') {
    const state = readState(stateFile);
    if (!state) return console.log(`no cluster state at ${stateFile}: nothing to stop`);
    await stopCluster(state);
    removeState(stateFile);
    console.log(
      `stopped ${state.apps.length} apps, nats-server and ${state.postgres.dataDir ? 'PostgreSQL' : 'nothing else'}; removed ${state.dir}`,
    );
  } else if (command === 'status') {
    const state = readState(stateFile);
    if (!state) return console.log('no cluster');
    console.log(state.apiUrl);
    for (const a of state.apps)
      console.log(`${a.name.padEnd(12)} ${isAlive(a.pid) ? 'up  ' : 'down'} pid ${a.pid} port ${a.port}`);
  } else {
    throw new Error(USAGE);
  }
};

main().catch((e: unknown) => {
  console.error(`cluster: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
