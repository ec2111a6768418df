// The executor app's settings: only NATS, no database.
import {
  integer,
  loadRuntimeConfig,
  optional,
  ConfigError,
  type Env,
  type RuntimeConfig,
} from '@sirocco/runtime';

export interface ExecutorConfig extends RuntimeConfig {
  readonly natsUrl: string;
  /** Mistral's task `target`: this executor serves `sirocco.actions.<queue>`. */
  readonly queue: string;
  readonly concurrency: number;
  /** A work item not acked (nor heartbeated) within this is given to another executor. */
  readonly ackWaitMs: number;
}

export const loadExecutorConfig = (env: Env = process.env): ExecutorConfig => {
  const base = loadRuntimeConfig('executor', { defaultPort: 0, nats: true }, env);
  const queue = optional(env, 'SIROCCO_EXECUTOR_QUEUE') ?? 'default';
  if (!/^[A-Za-z0-9_-]+$/.test(queue)) {
    throw new ConfigError(
      `SIROCCO_EXECUTOR_QUEUE may hold letters, digits, '-' and '_' only, got '${queue}'`,
    );
  }
  return {
    ...base,
    natsUrl: base.natsUrl!,
    queue,
    concurrency: integer(env, 'SIROCCO_EXECUTOR_CONCURRENCY', 16, 1, 10_000),
    ackWaitMs: integer(env, 'SIROCCO_EXECUTOR_ACK_WAIT_MS', 30_000, 1_000, 3_600_000),
  };
};
