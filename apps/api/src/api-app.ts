// Composition root of the API process: the Mistral v2 REST API and the
// workflow catalog, with no engine loop. Writes go to the event store (start
// decisions run here, then their work is published to NATS); reads come from
// the PostgreSQL read models, after waiting for the projector to reach the
// position of the write (read-your-writes across processes).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createGrpcApiHandler, startGrpcHttp2Server } from '@sirocco/grpc-api';
import { ActionRegistry, formatInputSpec } from '@sirocco/actions';
import { DefaultExecutionService, ExecutionCommandHandler } from '@sirocco/engine';
import { createPostgresReadModels, readModelAccess } from '@sirocco/projections';
import { createRestApi } from '@sirocco/rest-api';
import {
  CronTriggerIndex,
  CronTriggerService,
  EventTriggerIndex,
  EventTriggerService,
} from '@sirocco/scheduler';
import {
  actionResolverFor,
  boundPort,
  connectBus,
  contextualBus,
  startCatalogs,
  listen,
  openEventStore,
  openPool,
  PgCheckpointWaiter,
  handleInRequestSpan,
  StampingExecutionRepository,
  workflowResolverFor,
  type Logger,
  type RunningApp,
  type RuntimeConfig,
} from '@sirocco/runtime';

export interface ApiConfig extends RuntimeConfig {
  readonly natsUrl: string;
  readonly eventStore: NonNullable<RuntimeConfig['eventStore']>;
  readonly readModelsUrl: string;
  readonly readYourWritesTimeoutMs: number;
  /** How far ahead a cron trigger's first_execution_time must be (Mistral: 60). */
  readonly cronMinLeadSeconds: number;
  /** Port of the cleartext HTTP/2 server for native gRPC clients; absent: none. */
  readonly grpcPort?: number;
}

export const startApiApp = async (
  config: ApiConfig,
  log: Logger,
): Promise<RunningApp & { url: string; port: number }> => {
  const store = await openEventStore(config.eventStore);
  const bus = contextualBus(await connectBus(config.natsUrl, config.instanceId));
  const pool = openPool(config.readModelsUrl, 10);
  const readModels = createPostgresReadModels(pool);
  const checkpoint = new PgCheckpointWaiter(pool);
  await checkpoint.refresh();

  const registry = ActionRegistry.withStandardActions();
  const catalogs = await startCatalogs(store, readModels, registry, log);
  const catalog = catalogs.workflows;
  const handler = new ExecutionCommandHandler({
    repository: new StampingExecutionRepository(store),
    bus,
    clock: { now: () => new Date() },
    newId: randomUUID,
    resolveAction: actionResolverFor(registry, catalogs.adHocActionRegistry),
  });
  const workflows = workflowResolverFor(catalog);
  const executions = new DefaultExecutionService(handler, workflows, randomUUID);
  // Trigger definitions only; the scheduler app fires them. The indexes answer reads and must be
  // followed here (a write waits for its own event to reach them).
  const cronIndex = new CronTriggerIndex(store, log);
  const cronTriggers = new CronTriggerService({
    eventStore: store,
    index: cronIndex,
    workflows,
    minFirstExecutionLeadMs: config.cronMinLeadSeconds * 1000,
  });
  const eventIndex = new EventTriggerIndex(store, log);
  const eventTriggers = new EventTriggerService({ eventStore: store, index: eventIndex, workflows, bus });
  await Promise.all([cronIndex.start(), eventIndex.start()]);

  const app = createRestApi({
    catalog,
    executions,
    readModels: readModelAccess(readModels, checkpoint),
    actions: registry.list().map((a) => ({
      name: a.name,
      description: a.description,
      input: formatInputSpec(a.inputSpec, a.acceptsAnyInput),
    })),
    adHocActions: { catalog: catalogs.adHocActions, registry: catalogs.adHocActionRegistry },
    workbooks: catalogs.workbooks,
    environments: catalogs.environments,
    cronTriggers,
    eventTriggers,
    readYourWritesTimeoutMs: config.readYourWritesTimeoutMs,
    eventStore: store,
    isReady: () => checkpoint.healthy,
    logger: { error: (msg: string, fields?: Record<string, unknown>) => log.error(msg, fields) },
  });
  // Each request runs in its own span, continuing the caller's `traceparent` when it sent one.
  // gRPC-style API (Connect, gRPC-Web) and REST on one port.
  const grpcDeps = {
    catalog,
    executions,
    readModels: readModelAccess(readModels, checkpoint),
    eventStore: store,
    readYourWritesTimeoutMs: config.readYourWritesTimeoutMs,
  };
  const grpcAndRest = createGrpcApiHandler(grpcDeps, app);
  const grpcServer =
    config.grpcPort === undefined
      ? undefined
      : await startGrpcHttp2Server(grpcDeps, config.host, config.grpcPort);
  if (grpcServer) log.info('gRPC (HTTP/2, cleartext) is serving', { port: config.grpcPort });
  const server = createServer((req, res) => handleInRequestSpan(req, res, grpcAndRest));
  await listen(server, config.host, config.port);
  const port = boundPort(server);
  const url = `http://${config.host}:${port}/v2`;
  log.info('Sirocco API is serving', { url, readModelsAt: checkpoint.position });

  return {
    url,
    port,
    async stop() {
      // Requests in progress finish; idle keep-alive connections close now.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await grpcServer?.close();
      await cronIndex.stop();
      await eventIndex.stop();
      await catalogs.stop();
      await bus.close();
      await store.close();
      await pool.end();
    },
  };
};
