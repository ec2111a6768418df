// The definition catalogs over the event store, the same wiring as the
// standalone with the PostgreSQL read models for id lookups: workflows,
// ad-hoc actions (held in memory: the engine looks them up synchronously),
// workbooks and environments.
import * as dsl from '@sirocco/dsl';
import type { ActionRegistry } from '@sirocco/actions';
import {
  AdHocActionCatalog,
  AdHocActionRegistry,
  EnvironmentCatalog,
  WorkbookCatalog,
  WorkflowCatalog,
  readModelWorkflowIdIndex,
} from '@sirocco/catalog';
import type { EventStore } from '@sirocco/eventstore';
import type { ReadModelQueries } from '@sirocco/projections';
import type { Logger } from './logger.js';

export const createWorkflowCatalog = (store: EventStore, readModels: ReadModelQueries): WorkflowCatalog =>
  new WorkflowCatalog({ eventStore: store, parser: dsl, idIndex: readModelWorkflowIdIndex(readModels) });

export interface Catalogs {
  readonly workflows: WorkflowCatalog;
  readonly adHocActionRegistry: AdHocActionRegistry;
  readonly adHocActions: AdHocActionCatalog;
  readonly workbooks: WorkbookCatalog;
  readonly environments: EnvironmentCatalog;
  stop(): Promise<void>;
}

export const startCatalogs = async (
  store: EventStore,
  readModels: ReadModelQueries,
  registry: ActionRegistry,
  log: Logger,
): Promise<Catalogs> => {
  const workflows = createWorkflowCatalog(store, readModels);
  const adHocActionRegistry = new AdHocActionRegistry({
    eventStore: store,
    onError: (e) => log.error('ad-hoc action registry failed; it will resubscribe', { error: String(e) }),
  });
  await adHocActionRegistry.start();
  const adHocActions = new AdHocActionCatalog({
    eventStore: store,
    parser: dsl,
    idIndex: adHocActionRegistry,
    isSystemAction: (name) => registry.get(name) !== undefined,
  });
  const workbooks = new WorkbookCatalog({ eventStore: store, parser: dsl, workflows, actions: adHocActions });
  const environments = new EnvironmentCatalog({ eventStore: store });
  return {
    workflows,
    adHocActionRegistry,
    adHocActions,
    workbooks,
    environments,
    stop: () => adHocActionRegistry.stop(),
  };
};
