// A private nats-server with JetStream for integration tests: a container when
// a container runtime is available, otherwise the local binary on a free port
// with a throwaway store directory. Never the machine's shared server.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestNatsServer {
  /** `nats://127.0.0.1:<port>` */
  readonly url: string;
  readonly kind: 'container' | 'local-binary';
  stop(): Promise<void>;
}

const DEFAULT_BINARY = '/usr/sbin/nats-server';
/** Same line as Debian's 2.9.10, so tests see the oldest server we support. */
const DEFAULT_IMAGE = 'nats:2.9.10-alpine';

export interface TestNatsServerOptions {
  /** Default true; false starts a server without JetStream (to test that failure). */
  readonly jetstream?: boolean;
}

export async function startTestNatsServer(options: TestNatsServerOptions = {}): Promise<TestNatsServer> {
  const jetstream = options.jetstream ?? true;
  return (await startInContainer(jetstream)) ?? startLocalBinary(jetstream);
}

async function startInContainer(jetstream: boolean): Promise<TestNatsServer | undefined> {
  try {
    const { getContainerRuntimeClient, GenericContainer, Wait } = await import('testcontainers');
    await getContainerRuntimeClient(); // fails within milliseconds without a runtime
    const container = await new GenericContainer(process.env['SIROCCO_TEST_NATS_IMAGE'] ?? DEFAULT_IMAGE)
      .withCommand(jetstream ? ['-js'] : [])
      .withExposedPorts(4222)
      .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
      .start();
    return {
      url: `nats://${container.getHost()}:${container.getMappedPort(4222)}`,
      kind: 'container',
      stop: async () => {
        await container.stop();
      },
    };
  } catch {
    return undefined;
  }
}

async function startLocalBinary(jetstream: boolean): Promise<TestNatsServer> {
  const binary = process.env['SIROCCO_NATS_SERVER_BIN'] ?? DEFAULT_BINARY;
  if (!existsSync(binary)) {
    throw new Error(
      `No container runtime and no nats-server binary at ${binary}: install nats-server ` +
        '(apt-get install nats-server) or set SIROCCO_NATS_SERVER_BIN.',
    );
  }
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'sirocco-nats-'));
  const args = ['-a', '127.0.0.1', '-p', String(port), ...(jetstream ? ['-js', '-sd', storeDir] : [])];
  const child = spawn(binary, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPort(port, child, () => log);
  } catch (error) {
    await stopChild(child, exited);
    rmSync(storeDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    kind: 'local-binary',
    stop: async () => {
      await stopChild(child, exited);
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}:\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = tcpConnect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline)
      throw new Error(`nats-server did not listen on ${port} within 15 s:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
