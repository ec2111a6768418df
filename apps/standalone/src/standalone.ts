// Composition root of the one-process service: every role (API, engine,
// executor, projections) wired to the embedded adapters — the SQLite event
// store and the in-process bus. Durability comes from the store alone: on
// start, work recorded but never delivered is sent again.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AdHocActionRegistry } from '@sirocco/catalog';
import { ActionRegistry, formatInputSpec, invokeAction, validateActionInput } from '@sirocco/actions';
import { createAuditService } from '@sirocco/audit';
import {
  DefaultExecutionService,
  Engine,
  ExecutionCommandHandler,
  ExecutionRepository,
  resendPendingWork,
  scanActiveExecutions,
} from '@sirocco/engine';
import { SqliteEventStore } from '@sirocco/eventstore';
import { Executor } from '@sirocco/executor';
import { InProcessMessageBus } from '@sirocco/messaging';
import {
  ProjectionRunner,
  SqliteDriver,
  createSqliteReadModels,
  readModelAccess,
} from '@sirocco/projections';
import { createGrpcApiHandler, startGrpcHttp2Server } from '@sirocco/grpc-api';
import { createRestApi, type RestApiDependencies } from '@sirocco/rest-api';
import { NatsMessageBus } from '@sirocco/messaging/nats';
import {
  CronTriggerIndex,
  CronTriggerService,
  EventTriggerIndex,
  EventTriggerService,
  SqlTimerStore,
  startSchedulerRoles,
} from '@sirocco/scheduler';
import { actionResolverFor, startCatalogs, workflowResolverFor } from '@sirocco/runtime';
import type { StandaloneConfig } from './config.js';
import type { Logger } from '@sirocco/runtime';

export interface RunningStandalone {
  readonly url: string;
  stop(): Promise<void>;
}

export const startStandalone = async (config: StandaloneConfig, log: Logger): Promise<RunningStandalone> => {
  mkdirSync(config.dataDir, { recursive: true });
  const store = SqliteEventStore.open({ path: join(config.dataDir, 'sirocco.db') });
  const readModels = createSqliteReadModels(store.database());
  const projections = new ProjectionRunner({
    eventStore: store,
    readModels,
    onError: (e) => log.error('projection failed; it will restart from its checkpoint', { error: String(e) }),
  });
  await projections.start();

  const bus = new InProcessMessageBus();
  const registry = ActionRegistry.withStandardActions();
  // Workflows, ad-hoc actions (held in memory: the decider looks them up synchronously), workbooks, environments.
  const catalogs = await startCatalogs(store, readModels, registry, log);
  const { workflows: catalog, adHocActionRegistry, adHocActions, workbooks, environments } = catalogs;
  const repository = new ExecutionRepository(store);
  const handler = new ExecutionCommandHandler({
    repository,
    bus,
    clock: { now: () => new Date() },
    newId: randomUUID,
    resolveAction: actionResolverFor(registry, adHocActionRegistry),
    markDoneActions: false,
  });
  const workflows = workflowResolverFor(catalog);
  const executions = new DefaultExecutionService(handler, workflows, randomUUID, environments);
  const engine = new Engine({ bus, handler, workflows, log: (msg, fields) => log.warn(msg, fields) });
  await engine.start();
  const executor = new Executor({ bus, registry, concurrency: 64 });
  await executor.start();

  // Durable timers (their table sits in the same SQLite file), cron triggers, and event triggers
  // when a NATS server is configured (their messages come from NATS subjects; all else stays here).
  const cronIndex = new CronTriggerIndex(store, log);
  const cronTriggers = new CronTriggerService({
    eventStore: store,
    index: cronIndex,
    workflows,
    minFirstExecutionLeadMs: (config.cronMinLeadSeconds ?? 60) * 1000,
  });
  const eventBus =
    config.eventsNatsUrl === undefined
      ? undefined
      : await NatsMessageBus.connect({ servers: config.eventsNatsUrl, name: 'sirocco-standalone' });
  const eventIndex = eventBus ? new EventTriggerIndex(store, log) : undefined;
  const eventTriggers =
    eventBus && eventIndex
      ? new EventTriggerService({ eventStore: store, index: eventIndex, workflows, bus: eventBus })
      : undefined;
  const scheduling = await startSchedulerRoles({
    eventStore: store,
    bus,
    timerStore: new SqlTimerStore(new SqliteDriver(store.database())),
    executions,
    policy: config.cronCatchUp,
    log,
    cronIndex,
    ...(eventBus && eventIndex ? { eventBus, eventIndex } : {}),
  });
  if (eventBus) log.info('event triggers listen on NATS', { url: config.eventsNatsUrl });

  const active = await scanActiveExecutions(store);
  const resent = await resendPendingWork(active, handler);
  if (active.length > 0)
    log.info('resumed running executions', { executions: active.length, actionsResent: resent });

  const app = createRestApi({
    catalog,
    executions,
    readModels: readModelAccess(readModels, projections),
    actions: registry.list().map((a) => ({
      name: a.name,
      description: a.description,
      input: formatInputSpec(a.inputSpec, a.acceptsAnyInput),
    })),
    adHocActions: { catalog: adHocActions, registry: adHocActionRegistry },
    workbooks,
    environments,
    isReady: () => projections.caughtUp,
    cronTriggers,
    ...(eventTriggers ? { eventTriggers } : {}),
    eventTriggersUnavailable:
      'Event triggers listen on NATS: start the server with --events-nats-url nats://HOST:PORT (or SIROCCO_EVENTS_NATS_URL).',
    eventStore: store,
    audit: createAuditService({
      events: store,
      readModels: readModelAccess(readModels, projections),
      resolveAction: actionResolverFor(registry, adHocActionRegistry),
    }),
    logger: { error: (msg: string, fields?: Record<string, unknown>) => log.error(msg, fields) },
    runAction: actionRunner(registry, adHocActionRegistry),
  });
  // gRPC-style API (Connect, gRPC-Web) and REST on one port; native gRPC (HTTP/2) on its own when asked.
  const grpcDeps = {
    catalog,
    executions,
    readModels: readModelAccess(readModels, projections),
    eventStore: store,
  };
  const server: Server = createServer(createGrpcApiHandler(grpcDeps, app));
  const grpcServer =
    config.grpcPort === undefined
      ? undefined
      : await startGrpcHttp2Server(grpcDeps, config.host, config.grpcPort);
  if (grpcServer)
    log.info('gRPC (HTTP/2, cleartext) is serving', { address: `${config.host}:${String(config.grpcPort)}` });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const url = `http://${config.host}:${config.port}/v2`;
  log.info('Sirocco standalone is serving', { url, dataDir: config.dataDir });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await grpcServer?.close();
      await scheduling.stop();
      await cronIndex.stop();
      await eventIndex?.stop();
      await eventBus?.close();
      await executor.stop();
      await engine.stop();
      await projections.stop();
      await catalogs.stop();
      await bus.close();
      await store.close();
    })());
  return { url, stop };
};

/**
 * POST /v2/action_executions runs system actions here, in the API process
 * (Mistral's run_sync path); ad-hoc actions need the engine's input
 * expansion and are refused. Runs are not recorded.
 */
const actionRunner = (
  registry: ActionRegistry,
  adHoc: AdHocActionRegistry,
): NonNullable<RestApiDependencies['runAction']> => ({
  find(name, namespace) {
    const action = registry.get(name);
    if (action) {
      return { async: action.async === true, checkInput: (input) => validateActionInput(action, input) };
    }
    return adHoc.get(name, namespace)
      ? {
          unsupported: `Running ad-hoc action ${name} outside a workflow is not supported; run it from a workflow task`,
        }
      : undefined;
  },
  async run({ name, input, actionExecutionId, timeoutSeconds }) {
    const outcome = await invokeAction(registry, {
      actionName: name,
      input,
      executionId: 'None',
      actionExecutionId,
      ...(timeoutSeconds !== undefined && { timeoutSeconds }),
    });
    return outcome.state === 'CANCELLED'
      ? { state: 'ERROR', output: String(outcome.reason) }
      : { state: outcome.state, output: outcome.output };
  },
});
