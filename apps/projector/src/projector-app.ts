// Composition root of the projector process: feeds the PostgreSQL read
// models from the event store, each event applied with its checkpoint in one
// transaction. The API waits on that checkpoint for read-your-writes.
import { ProjectionRunner, createPostgresReadModels } from '@sirocco/projections';
import {
  openEventStore,
  openPool,
  startHealthServer,
  type Logger,
  type RunningApp,
  type RuntimeConfig,
} from '@sirocco/runtime';
import { acquireProjectorLock, tryProjectorLock, type ProjectorLock } from './projector-lock.js';

export interface ProjectorConfig extends RuntimeConfig {
  readonly eventStore: NonNullable<RuntimeConfig['eventStore']>;
  readonly readModelsUrl: string;
}

export const startProjectorApp = async (
  config: ProjectorConfig,
  log: Logger,
): Promise<RunningApp & { port: number }> => {
  const store = await openEventStore(config.eventStore);
  const pool = openPool(config.readModelsUrl, 4);
  const runner = new ProjectionRunner({
    eventStore: store,
    readModels: createPostgresReadModels(pool),
    onError: (e) => log.error('projection failed; it will restart from its checkpoint', { error: String(e) }),
  });
  const stopping = new AbortController();
  let lock: ProjectorLock | undefined;
  // A standby is ready (it does its job: waiting), so rolling updates can proceed.
  let state: 'starting' | 'standby' | 'active' = 'starting';
  const health = await startHealthServer(
    config.host,
    config.port,
    () => state === 'standby' || (state === 'active' && runner.caughtUp),
    () => ({ role: 'projector', instance: config.instanceId, state, position: runner.position }),
  );
  log.info('projector is waiting for the projection lock', { healthPort: health.port });

  const running = (async () => {
    lock = await tryProjectorLock(pool);
    if (!lock) {
      state = 'standby';
      lock = await acquireProjectorLock(pool, stopping.signal);
    }
    if (!lock) return;
    await runner.start();
    state = 'active';
    log.info('projector is applying events', { from: runner.position });
  })().catch((e: unknown) => log.error('projector failed to start', { error: String(e) }));

  return {
    port: health.port,
    async stop() {
      stopping.abort();
      await running;
      // The event being applied commits with its checkpoint; then the lock goes to a standby.
      await runner.stop();
      await lock?.release();
      await health.close();
      await store.close();
      await pool.end();
    },
  };
};

/** `main.js rebuild`: wipes the read models and replays the whole log, then exits. */
export const rebuildReadModels = async (config: ProjectorConfig, log: Logger): Promise<void> => {
  const store = await openEventStore(config.eventStore);
  const pool = openPool(config.readModelsUrl, 4);
  try {
    const lock = await tryProjectorLock(pool);
    if (!lock)
      throw new Error(
        'a projector is running (it holds the projection lock): stop every projector, then rebuild',
      );
    try {
      const runner = new ProjectionRunner({ eventStore: store, readModels: createPostgresReadModels(pool) });
      const started = Date.now();
      await runner.rebuild();
      while (!runner.caughtUp) await new Promise((r) => setTimeout(r, 100));
      await runner.stop();
      log.info('read models rebuilt', { position: runner.position, ms: Date.now() - started });
    } finally {
      await lock.release();
    }
  } finally {
    await store.close();
    await pool.end();
  }
};
