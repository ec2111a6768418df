// Standalone configuration from flags and environment variables, validated
// up front so a typo fails at start with a message, not later at run time.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCatchUpPolicy, type CatchUpPolicy } from '@sirocco/scheduler';

export interface StandaloneConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** What cron triggers do about slots missed while the server was down (SIROCCO_CRON_CATCHUP). */
  readonly cronCatchUp: CatchUpPolicy;
  /**
   * NATS server event triggers listen on (--events-nats-url, SIROCCO_EVENTS_NATS_URL). Absent: the
   * process needs no server, and /v2/event_triggers answers 501 saying how to turn it on.
   */
  readonly eventsNatsUrl?: string | undefined;
  /** How far ahead a cron trigger's first_execution_time must be (SIROCCO_CRON_MIN_LEAD_SECONDS; Mistral: 60). */
  readonly cronMinLeadSeconds?: number;
  /** Port of the cleartext HTTP/2 gRPC server (--grpc-port, SIROCCO_GRPC_PORT); absent: none. */
  readonly grpcPort?: number | undefined;
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const parsePort = (raw: string, source: string): number => {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new ConfigError(`${source} must be a port number from 1 to 65535, got '${raw}'`);
  }
  return port;
};

export const loadConfig = (argv: readonly string[], env: NodeJS.ProcessEnv): StandaloneConfig => {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'log-level': { type: 'string' },
        'events-nats-url': { type: 'string' },
        'grpc-port': { type: 'string' },
      },
      strict: true,
    }));
  } catch (e) {
    throw new ConfigError(
      `${e instanceof Error ? e.message : String(e)}. Usage: main.js [--port N] [--host ADDR] [--data-dir DIR] [--log-level LEVEL] [--events-nats-url nats://HOST:PORT] [--grpc-port N]`,
    );
  }
  const port =
    values.port !== undefined
      ? parsePort(values.port, '--port')
      : env['SIROCCO_PORT'] !== undefined
        ? parsePort(env['SIROCCO_PORT'], 'SIROCCO_PORT')
        : 8989;
  const logLevel = values['log-level'] ?? env['SIROCCO_LOG_LEVEL'] ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`log level must be one of ${LOG_LEVELS.join(', ')}, got '${logLevel}'`);
  }
  return {
    host: values.host ?? env['SIROCCO_HOST'] ?? '127.0.0.1',
    port,
    dataDir: resolve(values['data-dir'] ?? env['SIROCCO_DATA_DIR'] ?? '.sirocco'),
    logLevel: logLevel as StandaloneConfig['logLevel'],
    cronCatchUp: catchUpPolicy(env['SIROCCO_CRON_CATCHUP']),
    cronMinLeadSeconds: seconds(env['SIROCCO_CRON_MIN_LEAD_SECONDS'], 'SIROCCO_CRON_MIN_LEAD_SECONDS', 60),
    grpcPort:
      values['grpc-port'] !== undefined
        ? parsePort(values['grpc-port'], '--grpc-port')
        : env['SIROCCO_GRPC_PORT']
          ? parsePort(env['SIROCCO_GRPC_PORT'], 'SIROCCO_GRPC_PORT')
          : undefined,
    eventsNatsUrl: natsUrl(values['events-nats-url'] ?? env['SIROCCO_EVENTS_NATS_URL']),
  };
};

const catchUpPolicy = (raw: string | undefined): CatchUpPolicy => {
  try {
    return parseCatchUpPolicy(raw);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
};

const natsUrl = (raw: string | undefined): string | undefined => {
  if (raw === undefined || raw === '') return undefined;
  if (!/^(nats|tls):\/\/[^\s/]+$/.test(raw)) {
    throw new ConfigError(`the events NATS URL must look like nats://127.0.0.1:4222, got '${raw}'`);
  }
  return raw;
};

const seconds = (raw: string | undefined, source: string, fallback: number): number => {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > 86_400) {
    throw new ConfigError(`${source} must be a whole number of seconds from 0 to 86400, got '${raw}'`);
  }
  return Number(raw);
};
