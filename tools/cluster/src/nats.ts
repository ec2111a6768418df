// nats-server with JetStream for a cluster: a container when a container
// runtime answers, otherwise the local binary on a free port with its store
// in the cluster directory. Never the machine's shared server on 4222.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, portOpen, waitUntil } from './ports.js';
import { spawnDetached, stopProcess, tail } from './processes.js';

export type NatsState =
  | { readonly kind: 'local-binary'; readonly url: string; readonly pid: number; readonly storeDir: string }
  | { readonly kind: 'container'; readonly url: string; readonly containerId: string };

const BINARY = process.env['SIROCCO_NATS_SERVER_BIN'] ?? '/usr/sbin/nats-server';
const IMAGE = process.env['SIROCCO_NATS_IMAGE'] ?? 'nats:2.10-alpine';

export const startNats = async (dir: string): Promise<NatsState> =>
  (await startContainer()) ?? startBinary(dir);

async function startContainer(): Promise<NatsState | undefined> {
  try {
    // The cluster outlives this command: no reaper container to remove it on exit.
    process.env['TESTCONTAINERS_RYUK_DISABLED'] ??= 'true';
    const { getContainerRuntimeClient, GenericContainer, Wait } = await import('testcontainers');
    await getContainerRuntimeClient(); // rejects within milliseconds without a runtime
    const container = await new GenericContainer(IMAGE)
      .withCommand(['-js'])
      .withExposedPorts(4222)
      .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
      .start();
    return {
      kind: 'container',
      url: `nats://${container.getHost()}:${container.getMappedPort(4222)}`,
      containerId: container.getId(),
    };
  } catch {
    return undefined;
  }
}

async function startBinary(dir: string): Promise<NatsState> {
  if (!existsSync(BINARY)) {
    throw new Error(
      `No container runtime and no nats-server at ${BINARY}: apt-get install nats-server, or set SIROCCO_NATS_SERVER_BIN`,
    );
  }
  const port = await freePort();
  const storeDir = join(dir, 'nats');
  mkdirSync(storeDir, { recursive: true });
  const logFile = join(dir, 'logs', 'nats.log');
  const pid = spawnDetached({
    command: BINARY,
    args: ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
    logFile,
  });
  await waitUntil(
    'nats-server',
    () => portOpen(port),
    15_000,
    () => tail(logFile),
  );
  return { kind: 'local-binary', url: `nats://127.0.0.1:${port}`, pid, storeDir };
}

export const stopNats = async (state: NatsState): Promise<void> => {
  if (state.kind === 'local-binary') return stopProcess(state.pid);
  const { getContainerRuntimeClient } = await import('testcontainers');
  const client = await getContainerRuntimeClient();
  const container = client.container.getById(state.containerId);
  await client.container.stop(container, { timeout: 10_000 });
  await client.container.remove(container, { removeVolumes: true });
};
