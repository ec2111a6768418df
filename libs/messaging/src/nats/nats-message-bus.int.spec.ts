import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeMessageBusContract } from '../testing/message-bus-contract.js';
import { startTestNatsServer, type TestNatsServer } from '../testing/nats-server.js';
import { NatsMessageBus } from './nats-message-bus.js';
import { versionAtLeast } from './server-version.js';

describe('NatsMessageBus', () => {
  let server: TestNatsServer | undefined;

  beforeAll(async () => {
    server = await startTestNatsServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  describeMessageBusContract('NatsMessageBus', async () => {
    if (!server) throw new Error('nats-server did not start (see the beforeAll error)');
    const bus = await NatsMessageBus.connect({ servers: server.url });
    return { bus, cleanup: () => bus.close() };
  });

  it('refuses a server without JetStream, saying so', async () => {
    const plain = await startTestNatsServer({ jetstream: false });
    try {
      await expect(NatsMessageBus.connect({ servers: plain.url })).rejects.toThrow(
        /JetStream is not enabled/,
      );
    } finally {
      await plain.stop();
    }
  });

  it('refuses to connect where nothing listens, with the connection error', async () => {
    await expect(NatsMessageBus.connect({ servers: 'nats://127.0.0.1:1' })).rejects.toThrow();
  });
});

describe('versionAtLeast', () => {
  it.each([
    ['2.9.10', '2.9.0', true],
    ['2.10.0', '2.9.0', true],
    ['2.8.4', '2.9.0', false],
    ['2.10.4-beta.1', '2.10.4', true],
    ['2.9.10', '2.10.4', false],
  ])('%s >= %s: %s', (version, minimum, expected) => {
    expect(versionAtLeast(version, minimum)).toBe(expected);
  });
});
