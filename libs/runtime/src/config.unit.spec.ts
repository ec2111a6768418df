import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadRuntimeConfig } from './config.js';
import { formatTraceparent, parseTraceparent } from './trace-context.js';

const NEEDS = { defaultPort: 0, nats: true, eventStore: true, readModels: true };
const ENV = { SIROCCO_NATS_URL: 'nats://127.0.0.1:4222', SIROCCO_PG_URL: 'postgres://u@127.0.0.1:5432/db' };

describe('loadRuntimeConfig', () => {
  it('reads what the role needs, with defaults', () => {
    const config = loadRuntimeConfig('engine', NEEDS, ENV);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      logLevel: 'info',
      natsUrl: ENV.SIROCCO_NATS_URL,
      eventStore: { kind: 'postgres', url: ENV.SIROCCO_PG_URL, schema: 'sirocco' },
      readModelsUrl: ENV.SIROCCO_PG_URL,
    });
    expect(
      loadRuntimeConfig(
        'executor',
        { defaultPort: 0, nats: true },
        { SIROCCO_NATS_URL: ENV.SIROCCO_NATS_URL },
      ),
    ).not.toHaveProperty('eventStore');
  });

  it('names the variable in every error', () => {
    const fails = (env: Record<string, string>, message: RegExp) => {
      expect(() => loadRuntimeConfig('engine', NEEDS, env)).toThrow(ConfigError);
      expect(() => loadRuntimeConfig('engine', NEEDS, env)).toThrow(message);
    };
    fails({ SIROCCO_PG_URL: ENV.SIROCCO_PG_URL }, /SIROCCO_NATS_URL is required/);
    fails({ ...ENV, SIROCCO_NATS_URL: 'http://x' }, /SIROCCO_NATS_URL must use nats:/);
    fails({ ...ENV, SIROCCO_PORT: '70000' }, /SIROCCO_PORT must be a whole number/);
    fails({ ...ENV, SIROCCO_EVENT_STORE: 'mysql' }, /SIROCCO_EVENT_STORE must be one of postgres, kurrentdb/);
    fails({ ...ENV, SIROCCO_EVENT_STORE: 'kurrentdb' }, /SIROCCO_KURRENTDB_URL is required/);
    fails({ ...ENV, SIROCCO_PG_SCHEMA: 'Bad-Name' }, /SIROCCO_PG_SCHEMA/);
  });

  it('selects KurrentDB', () => {
    const config = loadRuntimeConfig('engine', NEEDS, {
      ...ENV,
      SIROCCO_EVENT_STORE: 'kurrentdb',
      SIROCCO_KURRENTDB_URL: 'kurrentdb://127.0.0.1:2113?tls=false',
    });
    expect(config.eventStore).toEqual({ kind: 'kurrentdb', url: 'kurrentdb://127.0.0.1:2113?tls=false' });
  });
});

describe('trace context', () => {
  it('reads and writes a traceparent, refusing invalid ones', () => {
    const parent = parseTraceparent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(parent).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      flags: '01',
    });
    expect(formatTraceparent(parent!)).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(parseTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
    expect(parseTraceparent('garbage')).toBeUndefined();
  });
});
