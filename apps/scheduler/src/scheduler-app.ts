// Composition of the distributed scheduler process: PostgreSQL event log
// (timer table and checkpoint in the same database), NATS JetStream bus.
// Cron and event triggers start executions through the engine library in-process,
// exactly as the API does (appending ExecutionStarted with the expected
// revision, then publishing the first work to NATS).
import { randomUUID } from 'node:crypto';
import * as dsl from '@sirocco/dsl';
import { ActionRegistry } from '@sirocco/actions';
import { WorkflowCatalog, readModelWorkflowIdIndex } from '@sirocco/catalog';
import {
  DefaultExecutionService,
  ExecutionCommandHandler,
  ExecutionRepository,
  type WorkflowResolver,
} from '@sirocco/engine';
import { PostgresEventStore } from '@sirocco/eventstore/postgres';
import { NatsMessageBus } from '@sirocco/messaging/nats';
import { PostgresDriver, createPostgresReadModels } from '@sirocco/projections';
import { SqlTimerStore, startSchedulerRoles, type SchedulerLogger } from '@sirocco/scheduler';
import { isSiroccoError } from '@sirocco/workflow';
import type { SchedulerConfig } from './config.js';
import { startHealthServer } from './health.js';

export interface RunningScheduler {
  readonly healthUrl: string;
  stop(): Promise<void>;
}

export async function startSchedulerApp(
  config: SchedulerConfig,
  log: SchedulerLogger,
): Promise<RunningScheduler> {
  const store = await PostgresEventStore.open({ connectionString: config.pgUrl, schema: config.pgSchema });
  const bus = await NatsMessageBus.connect({ servers: config.natsServers, name: 'sirocco-scheduler' });
  const readModels = createPostgresReadModels(store.pool());
  const catalog = new WorkflowCatalog({
    eventStore: store,
    parser: dsl,
    idIndex: readModelWorkflowIdIndex(readModels),
  });
  const workflows: WorkflowResolver = {
    async resolve({ name, id, namespace }) {
      try {
        return await catalog.get(id ?? name ?? '', namespace);
      } catch (e) {
        if (isSiroccoError(e) && e.code === 'NOT_FOUND') return undefined;
        throw e;
      }
    },
  };
  const registry = ActionRegistry.withStandardActions();
  const handler = new ExecutionCommandHandler({
    repository: new ExecutionRepository(store),
    bus,
    clock: { now: () => new Date() },
    newId: randomUUID,
    resolveAction: (name) => {
      const action = registry.get(name);
      return (
        action && {
          name: action.name,
          input: action.inputSpec,
          acceptsAnyInput: action.acceptsAnyInput === true,
        }
      );
    },
  });
  const executions = new DefaultExecutionService(handler, workflows, randomUUID);
  const roles = await startSchedulerRoles({
    eventStore: store,
    bus,
    timerStore: new SqlTimerStore(new PostgresDriver(store.pool())),
    executions,
    policy: config.cronCatchUp,
    // Event triggers listen on the same NATS: their sources are JetStream streams beside Sirocco's.
    eventBus: bus,
    log,
  });
  const health = await startHealthServer(config.healthHost, config.healthPort, roles);
  log.info('Sirocco scheduler is running', { health: health.url, cronCatchUp: config.cronCatchUp });

  let stopping: Promise<void> | undefined;
  return {
    healthUrl: health.url,
    stop: () =>
      (stopping ??= (async () => {
        await roles.stop();
        await new Promise<void>((resolve) => health.server.close(() => resolve()));
        await bus.close();
        await store.close();
      })()),
  };
}
