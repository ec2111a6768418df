// The event-store contract against a real KurrentDB: the server in
// EVENTSTORE_CONNECTION_STRING, else a container (testcontainers), else the
// suite is skipped with a line saying why. Never a fake server. Each test
// gets its own stream namespace on the shared server.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { describeEventStoreContract } from '@sirocco/eventstore/testing';
import type { KurrentDbEventStore as Store } from './kurrentdb-event-store.js';

const IMAGE = process.env['SIROCCO_KURRENTDB_IMAGE'] ?? 'docker.kurrent.io/kurrent-latest/kurrentdb:25.0';

interface Server {
  readonly connectionString: string;
  stop(): Promise<void>;
}

const clientInstalled = async (): Promise<boolean> => {
  try {
    await import('@kurrent/kurrentdb-client');
    return true;
  } catch {
    return false;
  }
};

const startContainer = async (): Promise<Server | string> => {
  try {
    const { getContainerRuntimeClient, GenericContainer, Wait } = await import('testcontainers');
    try {
      await getContainerRuntimeClient();
    } catch (e) {
      return `no EVENTSTORE_CONNECTION_STRING and no container runtime (${(e as Error).message})`;
    }
    const container = await new GenericContainer(IMAGE)
      .withEnvironment({
        KURRENTDB_CLUSTER_SIZE: '1',
        KURRENTDB_RUN_PROJECTIONS: 'None',
        KURRENTDB_INSECURE: 'true',
      })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHttp('/health/live', 2113))
      .start();
    return {
      connectionString: `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
      stop: async () => void (await container.stop()),
    };
  } catch (e) {
    return `could not start ${IMAGE}: ${(e as Error).message}`;
  }
};

const external = process.env['EVENTSTORE_CONNECTION_STRING'];
const server: Server | string = !(await clientInstalled())
  ? '@kurrent/kurrentdb-client is not installed (run npm install)'
  : external
    ? { connectionString: external, stop: async () => undefined }
    : await startContainer();

if (typeof server === 'string') {
  process.stdout.write(`[eventstore-kurrentdb] SKIPPED the KurrentDB contract suite: ${server}\n`);
  describe.skip(`KurrentDbEventStore (skipped: ${server})`, () => {
    it('contract', () => undefined);
  });
} else {
  let KurrentDbEventStore: typeof Store;
  beforeAll(async () => {
    ({ KurrentDbEventStore } = await import('./kurrentdb-event-store.js'));
  });
  afterAll(() => server.stop());
  describeEventStoreContract('KurrentDbEventStore', async () => {
    const store = await KurrentDbEventStore.connect({
      connectionString: server.connectionString,
      namespace: `t${randomBytes(5).toString('hex')}-`,
    });
    return { store, cleanup: () => store.close() };
  });
}
