// The engine app's settings on top of the shared runtime ones.
import {
  ConfigError,
  integer,
  loadRuntimeConfig,
  oneOf,
  optional,
  type Env,
  type RuntimeConfig,
} from '@sirocco/runtime';
import { parseCatchUpPolicy, type CatchUpPolicy } from '@sirocco/scheduler';

export interface EngineConfig extends RuntimeConfig {
  readonly natsUrl: string;
  readonly eventStore: NonNullable<RuntimeConfig['eventStore']>;
  readonly readModelsUrl: string;
  /** Engine inputs handled at once by this instance. */
  readonly concurrency: number;
  /** How to find executions whose work a crash may have left unsent. */
  readonly recovery: 'read-model' | 'log-scan';
  /** Run the durable timers and cron triggers in this process (off when apps/scheduler runs). */
  readonly timers: boolean;
  readonly cronCatchUp: CatchUpPolicy;
}

const catchUp = (env: Env): CatchUpPolicy => {
  try {
    return parseCatchUpPolicy(optional(env, 'SIROCCO_CRON_CATCHUP'));
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
};

export const loadEngineConfig = (env: Env = process.env): EngineConfig => {
  const base = loadRuntimeConfig(
    'engine',
    { defaultPort: 0, nats: true, eventStore: true, readModels: true },
    env,
  );
  return {
    ...base,
    natsUrl: base.natsUrl!,
    eventStore: base.eventStore!,
    readModelsUrl: base.readModelsUrl!,
    concurrency: integer(env, 'SIROCCO_ENGINE_CONCURRENCY', 64, 1, 10_000),
    recovery: oneOf(env, 'SIROCCO_ENGINE_RECOVERY', ['read-model', 'log-scan'] as const, 'read-model'),
    timers: oneOf(env, 'SIROCCO_ENGINE_TIMERS', ['on', 'off'] as const, 'on') === 'on',
    cronCatchUp: catchUp(env),
  };
};
