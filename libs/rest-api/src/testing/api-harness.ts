// Starts the API on an ephemeral port over a real SQLite event store,
// catalog and read models, with the fake engine. For tests.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdHocActionCatalog,
  AdHocActionRegistry,
  EnvironmentCatalog,
  WorkbookCatalog,
  WorkflowCatalog,
  readModelWorkflowIdIndex,
} from '@sirocco/catalog';
import * as dsl from '@sirocco/dsl';
import { standInParser } from '@sirocco/catalog/testing';
import { SqliteEventStore } from '@sirocco/eventstore';
import { ProjectionRunner, createSqliteReadModels, readModelAccess } from '@sirocco/projections';
import { createRestApi } from '../create-rest-api.js';
import type { ActionDescriptor } from '../presenters/action.js';
import type { EventTriggersPort } from '../routes/event-triggers.js';
import { FakeExecutionService } from './fake-execution-service.js';

export interface ApiHarness {
  readonly baseUrl: string;
  readonly store: SqliteEventStore;
  readonly runner: ProjectionRunner;
  readonly registry: AdHocActionRegistry;
  /** Errors the API logged as unexpected (500s). */
  readonly logged: unknown[];
  close(): Promise<void>;
}

export const TEST_ACTIONS: readonly ActionDescriptor[] = [
  { name: 'std.noop', description: 'No-operation action.', input: '' },
  { name: 'std.echo', description: 'Echo action.', input: 'output, delay=0' },
  { name: 'std.fail', description: 'Always fail.', input: 'error_data=null' },
];

export interface ApiHarnessOptions {
  readonly bodyLimitBytes?: number;
  /** /v2/event_triggers; absent, those routes answer 501. */
  readonly eventTriggers?: EventTriggersPort;
}

export async function startApiHarness(options: ApiHarnessOptions = {}): Promise<ApiHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'sirocco-api-'));
  const store = SqliteEventStore.open({ path: join(dir, 'sirocco.db') });
  const readModels = createSqliteReadModels(store.database());
  const runner = new ProjectionRunner({ eventStore: store, readModels });
  await runner.start();
  const catalog = new WorkflowCatalog({
    eventStore: store,
    parser: standInParser,
    idIndex: readModelWorkflowIdIndex(readModels),
  });
  // Ad-hoc actions, workbooks and environments use the real DSL parser.
  const registry = new AdHocActionRegistry({ eventStore: store });
  await registry.start();
  const systemActions = new Set(TEST_ACTIONS.map((a) => a.name));
  const actionCatalog = new AdHocActionCatalog({
    eventStore: store,
    parser: dsl,
    idIndex: registry,
    isSystemAction: (name) => systemActions.has(name),
  });
  const workbooks = new WorkbookCatalog({
    eventStore: store,
    parser: dsl,
    workflows: catalog,
    actions: actionCatalog,
  });
  const environments = new EnvironmentCatalog({ eventStore: store });
  const logged: unknown[] = [];
  const app = createRestApi({
    catalog,
    executions: new FakeExecutionService(store, catalog),
    readModels: readModelAccess(readModels, runner),
    actions: TEST_ACTIONS,
    adHocActions: { catalog: actionCatalog, registry },
    workbooks,
    environments,
    ...(options.bodyLimitBytes !== undefined ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    ...(options.eventTriggers ? { eventTriggers: options.eventTriggers } : {}),
    isReady: () => runner.caughtUp,
    logger: {
      error: (_message, error) => {
        logged.push(error);
        if (process.env['API_DEBUG']) console.error(error);
      },
    },
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    store,
    runner,
    registry,
    logged,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await runner.stop();
      await registry.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
