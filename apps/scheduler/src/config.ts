// The scheduler process's configuration, from environment variables only,
// validated at start so a typo fails with a message instead of later.
import { parseCatchUpPolicy, type CatchUpPolicy } from '@sirocco/scheduler';

export interface SchedulerConfig {
  /** PostgreSQL holding the event log (SIROCCO_PG_URL). */
  readonly pgUrl: string;
  readonly pgSchema: string;
  /** NATS with JetStream (SIROCCO_NATS_URL), comma-separated servers allowed. */
  readonly natsServers: readonly string[];
  readonly healthHost: string;
  readonly healthPort: number;
  readonly cronCatchUp: CatchUpPolicy;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

function required(env: NodeJS.ProcessEnv, name: string, example: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`${name} is required (e.g. ${name}=${example})`);
  return value;
}

function urlWithScheme(name: string, raw: string, schemes: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL: '${raw}'`);
  }
  if (!schemes.includes(url.protocol)) {
    throw new ConfigError(
      `${name} must start with ${schemes.map((s) => `${s}//`).join(' or ')}, got '${url.protocol}//'`,
    );
  }
  return raw;
}

export function loadSchedulerConfig(env: NodeJS.ProcessEnv): SchedulerConfig {
  const pgUrl = urlWithScheme(
    'SIROCCO_PG_URL',
    required(env, 'SIROCCO_PG_URL', 'postgres://sirocco@db:5432/sirocco'),
    ['postgres:', 'postgresql:'],
  );
  const natsServers = required(env, 'SIROCCO_NATS_URL', 'nats://nats:4222')
    .split(',')
    .map((s) => urlWithScheme('SIROCCO_NATS_URL', s.trim(), ['nats:', 'tls:']));
  const pgSchema = env['SIROCCO_PG_SCHEMA'] ?? 'sirocco';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(pgSchema))
    throw new ConfigError(`SIROCCO_PG_SCHEMA must be a lower-case SQL name, got '${pgSchema}'`);
  const rawPort = env['SIROCCO_SCHEDULER_HEALTH_PORT'] ?? '8992';
  const healthPort = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || healthPort > 65535) {
    throw new ConfigError(
      `SIROCCO_SCHEDULER_HEALTH_PORT must be a port number from 0 to 65535, got '${rawPort}'`,
    );
  }
  const logLevel = env['SIROCCO_LOG_LEVEL'] ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`SIROCCO_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got '${logLevel}'`);
  }
  let cronCatchUp: CatchUpPolicy;
  try {
    cronCatchUp = parseCatchUpPolicy(env['SIROCCO_CRON_CATCHUP']);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  return {
    pgUrl,
    pgSchema,
    natsServers,
    healthHost: env['SIROCCO_SCHEDULER_HEALTH_HOST'] ?? '127.0.0.1',
    healthPort,
    cronCatchUp,
    logLevel: logLevel as SchedulerConfig['logLevel'],
  };
}
