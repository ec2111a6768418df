// The configuration every distributed app reads from its environment. Each
// role asks only for what it uses (the executor needs no database), and
// everything is checked before anything connects.
import { hostname } from 'node:os';
import { ConfigError } from './config-error.js';
import { integer, oneOf, optional, url, type Env } from './env.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type EventStoreConfig =
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string }
  | { readonly kind: 'kurrentdb'; readonly url: string };

export interface RuntimeConfig {
  readonly host: string;
  /** HTTP port: the REST API for the api app, /health and /ready for the others (0: any free port). */
  readonly port: number;
  readonly logLevel: LogLevel;
  /** Shown in logs and in the NATS connection name. */
  readonly instanceId: string;
  /** How long SIGTERM waits for in-flight work before handing it back. */
  readonly shutdownGraceMs: number;
  readonly natsUrl?: string;
  readonly eventStore?: EventStoreConfig;
  /** PostgreSQL holding the read models (and their checkpoints). */
  readonly readModelsUrl?: string;
}

export interface RoleNeeds {
  readonly defaultPort: number;
  readonly nats?: boolean;
  readonly eventStore?: boolean;
  readonly readModels?: boolean;
}

const PG = ['postgres:', 'postgresql:'];

const eventStoreConfig = (env: Env): EventStoreConfig => {
  const kind = oneOf(env, 'SIROCCO_EVENT_STORE', ['postgres', 'kurrentdb'] as const, 'postgres');
  if (kind === 'kurrentdb') {
    return {
      kind,
      url: url(
        env,
        'SIROCCO_KURRENTDB_URL',
        ['kurrentdb:', 'esdb:', 'kurrentdb+discover:', 'esdb+discover:'],
        'e.g. kurrentdb://127.0.0.1:2113?tls=false',
      ),
    };
  }
  const schema = optional(env, 'SIROCCO_PG_SCHEMA') ?? 'sirocco';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new ConfigError(`SIROCCO_PG_SCHEMA must be a lower-case SQL identifier, got '${schema}'`);
  }
  return {
    kind,
    url:
      optional(env, 'SIROCCO_EVENT_STORE_URL') ??
      url(env, 'SIROCCO_PG_URL', PG, 'e.g. postgres://sirocco@127.0.0.1:5432/sirocco'),
    schema,
  };
};

export const loadRuntimeConfig = (role: string, needs: RoleNeeds, env: Env = process.env): RuntimeConfig => {
  const logLevel = oneOf(env, 'SIROCCO_LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info');
  return {
    host: optional(env, 'SIROCCO_HOST') ?? '127.0.0.1',
    port: integer(env, 'SIROCCO_PORT', needs.defaultPort, 0, 65535),
    logLevel,
    instanceId: optional(env, 'SIROCCO_INSTANCE_ID') ?? `${role}-${hostname()}-${process.pid}`,
    shutdownGraceMs: integer(env, 'SIROCCO_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    ...(needs.nats
      ? { natsUrl: url(env, 'SIROCCO_NATS_URL', ['nats:', 'tls:'], 'e.g. nats://127.0.0.1:4222') }
      : {}),
    ...(needs.eventStore ? { eventStore: eventStoreConfig(env) } : {}),
    ...(needs.readModels
      ? {
          readModelsUrl:
            optional(env, 'SIROCCO_READ_MODEL_PG_URL') ??
            url(env, 'SIROCCO_PG_URL', PG, 'the read models live in PostgreSQL'),
        }
      : {}),
  };
};
