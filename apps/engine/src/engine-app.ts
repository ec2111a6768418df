// Composition root of the engine process: the Engine consumer and the
// command handler over the real adapters (event store, NATS, PostgreSQL
// read models). Any number may run: appends carry expected revisions, a
// conflict re-decides, and a redelivered input decides nothing new.
import { randomUUID } from 'node:crypto';
import { ActionRegistry } from '@sirocco/actions';
import { AdHocActionRegistry } from '@sirocco/catalog';
import {
  DefaultExecutionService,
  Engine,
  ExecutionCommandHandler,
  resendPendingWork,
  scanActiveExecutions,
} from '@sirocco/engine';
import { PostgresDriver, createPostgresReadModels } from '@sirocco/projections';
import {
  actionResolverFor,
  workflowResolverFor,
  activeExecutionsFromReadModel,
  connectBus,
  createWorkflowCatalog,
  contextualBus,
  openEventStore,
  openPool,
  startHealthServer,
  StampingExecutionRepository,
  type Logger,
  type RunningApp,
} from '@sirocco/runtime';
import { SqlTimerStore, startSchedulerRoles } from '@sirocco/scheduler';
import type { EngineConfig } from './engine-config.js';

export const startEngineApp = async (
  config: EngineConfig,
  log: Logger,
): Promise<RunningApp & { port: number }> => {
  const store = await openEventStore(config.eventStore);
  const bus = contextualBus(await connectBus(config.natsUrl, config.instanceId));
  const pool = openPool(config.readModelsUrl, 4);
  const repository = new StampingExecutionRepository(store);
  // Ad-hoc actions, held in memory: the decider looks them up synchronously.
  const adHocActions = new AdHocActionRegistry({
    eventStore: store,
    onError: (e) => log.error('ad-hoc action registry failed; it will resubscribe', { error: String(e) }),
  });
  await adHocActions.start();
  const handler = new ExecutionCommandHandler({
    repository,
    bus,
    clock: { now: () => new Date() },
    newId: randomUUID,
    resolveAction: actionResolverFor(ActionRegistry.withStandardActions(), adHocActions),
  });
  // Child workflows of workflow tasks are looked up in the catalog.
  const workflows = workflowResolverFor(createWorkflowCatalog(store, createPostgresReadModels(pool)));
  const engine = new Engine({
    bus,
    handler,
    workflows,
    concurrency: config.concurrency,
    log: (msg, fields) => log.warn(msg, fields),
  });
  let ready = false;
  await engine.start();

  const active =
    config.recovery === 'read-model'
      ? await activeExecutionsFromReadModel(pool, store)
      : await scanActiveExecutions(store);
  const resent = await resendPendingWork(active, handler);
  log.info('recovered pending work', {
    mode: config.recovery,
    activeExecutions: active.length,
    actionsResent: resent,
  });

  // Durable timers, cron triggers and event triggers, exactly as the scheduler app runs them: several
  // engines may, since every fire is recorded once (see @sirocco/scheduler).
  const scheduling = config.timers
    ? await startSchedulerRoles({
        eventStore: store,
        bus,
        timerStore: new SqlTimerStore(new PostgresDriver(pool)),
        executions: new DefaultExecutionService(handler, workflows, randomUUID),
        policy: config.cronCatchUp,
        eventBus: bus,
        log,
      })
    : undefined;
  ready = true;

  const health = await startHealthServer(
    config.host,
    config.port,
    () => ready,
    () => ({
      role: 'engine',
      instance: config.instanceId,
      ...(scheduling ? scheduling.stats() : {}),
    }),
  );
  log.info('engine is running', {
    healthPort: health.port,
    timers: Boolean(scheduling),
    concurrency: config.concurrency,
  });

  return {
    port: health.port,
    async stop() {
      ready = false;
      // Inputs being handled finish (their appends land); the rest is handed back to other engines.
      await engine.stop();
      await scheduling?.stop();
      await adHocActions.stop();
      await health.close();
      await bus.close();
      await store.close();
      await pool.end();
    },
  };
};
