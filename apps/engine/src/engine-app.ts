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
import {
  CronScheduler,
  CronTriggerIndex,
  EventTriggerIndex,
  EventTriggerListener,
  SqlTimerStore,
  TimerService,
} from '@sirocco/scheduler';
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

  const timers = config.timers
    ? new TimerService({
        eventStore: store,
        bus,
        timerStore: new SqlTimerStore(new PostgresDriver(pool)),
        log,
      })
    : undefined;
  await timers?.start();
  // Cron triggers start executions; instances race on the slot's derived id, so one run per slot.
  // Event triggers share one durable consumer per source: each message is handled by one engine.
  const triggerExecutions = new DefaultExecutionService(handler, workflows, randomUUID);
  const cronIndex = config.timers ? new CronTriggerIndex(store, log) : undefined;
  const cron = cronIndex
    ? new CronScheduler({
        eventStore: store,
        index: cronIndex,
        executions: triggerExecutions,
        policy: config.cronCatchUp,
        log,
      })
    : undefined;
  await cron?.start();
  const eventIndex = config.timers ? new EventTriggerIndex(store, log) : undefined;
  const events = eventIndex
    ? new EventTriggerListener({ index: eventIndex, bus, executions: triggerExecutions, log })
    : undefined;
  await events?.start();
  ready = true;

  const health = await startHealthServer(
    config.host,
    config.port,
    () => ready,
    () => ({
      role: 'engine',
      instance: config.instanceId,
      ...(timers ? { timers: timers.stats() } : {}),
      ...(events ? { eventTriggers: events.stats() } : {}),
    }),
  );
  log.info('engine is running', {
    healthPort: health.port,
    timers: Boolean(timers),
    concurrency: config.concurrency,
  });

  return {
    port: health.port,
    async stop() {
      ready = false;
      // Inputs being handled finish (their appends land); the rest is handed back to other engines.
      await engine.stop();
      await cron?.stop();
      await cronIndex?.stop();
      await events?.stop();
      await eventIndex?.stop();
      await timers?.stop();
      await adHocActions.stop();
      await health.close();
      await bus.close();
      await store.close();
      await pool.end();
    },
  };
};
