import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('standalone configuration', () => {
  it('has defaults that need no server', () => {
    const c = loadConfig([], {});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8989, cronCatchUp: 'once', cronMinLeadSeconds: 60 });
    expect(c.eventsNatsUrl).toBeUndefined();
    expect(c.grpcPort).toBeUndefined();
  });

  it('reads flags before environment variables', () => {
    const c = loadConfig(['--grpc-port', '9090', '--events-nats-url', 'nats://10.0.0.1:4222'], {
      SIROCCO_GRPC_PORT: '9191',
      SIROCCO_CRON_MIN_LEAD_SECONDS: '5',
    });
    expect(c).toMatchObject({ grpcPort: 9090, eventsNatsUrl: 'nats://10.0.0.1:4222', cronMinLeadSeconds: 5 });
    expect(loadConfig([], { SIROCCO_GRPC_PORT: '9191' }).grpcPort).toBe(9191);
  });

  it('refuses what it cannot use, saying what it wanted', () => {
    expect(() => loadConfig(['--grpc-port', 'x'], {})).toThrow(ConfigError);
    expect(() => loadConfig(['--grpc-port', '70000'], {})).toThrow('--grpc-port must be a port number');
    expect(() => loadConfig(['--events-nats-url', 'http://x'], {})).toThrow('must look like nats://');
    expect(() => loadConfig([], { SIROCCO_CRON_MIN_LEAD_SECONDS: '-1' })).toThrow('whole number of seconds');
    expect(() => loadConfig(['--bogus'], {})).toThrow(/Usage: main\.js/);
  });
});
