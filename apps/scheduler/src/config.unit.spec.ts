import { describe, expect, it } from 'vitest';
import { ConfigError, loadSchedulerConfig } from './config.js';

const base = { SIROCCO_PG_URL: 'postgres://u@db:5432/s', SIROCCO_NATS_URL: 'nats://n1:4222,nats://n2:4222' };

describe('loadSchedulerConfig', () => {
  it('reads the environment with defaults', () => {
    expect(loadSchedulerConfig(base)).toEqual({
      pgUrl: 'postgres://u@db:5432/s',
      pgSchema: 'sirocco',
      natsServers: ['nats://n1:4222', 'nats://n2:4222'],
      healthHost: '127.0.0.1',
      healthPort: 8992,
      cronCatchUp: 'once',
      logLevel: 'info',
    });
    expect(loadSchedulerConfig({ ...base, SIROCCO_CRON_CATCHUP: 'skip' }).cronCatchUp).toBe('skip');
  });

  it.each([
    [{ SIROCCO_NATS_URL: 'nats://n:4222' }, /SIROCCO_PG_URL is required/],
    [{ SIROCCO_PG_URL: 'postgres://db/s' }, /SIROCCO_NATS_URL is required/],
    [{ ...base, SIROCCO_PG_URL: 'mysql://db/s' }, /SIROCCO_PG_URL must start with postgres:\/\//],
    [{ ...base, SIROCCO_NATS_URL: 'not a url' }, /SIROCCO_NATS_URL is not a URL/],
    [{ ...base, SIROCCO_CRON_CATCHUP: 'all' }, /SIROCCO_CRON_CATCHUP must be one of once, skip, got 'all'/],
    [{ ...base, SIROCCO_SCHEDULER_HEALTH_PORT: '70000' }, /HEALTH_PORT must be a port number/],
    [{ ...base, SIROCCO_LOG_LEVEL: 'loud' }, /SIROCCO_LOG_LEVEL must be one of/],
  ])('rejects %j with a clear message', (env, message) => {
    expect(() => loadSchedulerConfig(env)).toThrow(ConfigError);
    expect(() => loadSchedulerConfig(env)).toThrow(message);
  });
});
