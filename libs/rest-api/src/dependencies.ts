// What the REST API needs; the composition root (apps/standalone) builds it.
import type {
  AdHocActionCatalog,
  AdHocActionRegistry,
  EnvironmentCatalog,
  WorkbookCatalog,
  WorkflowCatalog,
} from '@sirocco/catalog';
import type { ExecutionService } from '@sirocco/engine';
import type { EventStore } from '@sirocco/eventstore';
import type { ReadModelAccess } from '@sirocco/projections';
import type { ErrorLogger } from './http/error-middleware.js';
import type { ActionDescriptor } from './presenters/action.js';
import type { ActionRunnerPort } from './routes/action-runs.js';
import type { CronTriggersPort } from './routes/cron-triggers.js';
import type { EventTriggersPort } from './routes/event-triggers.js';

/** The catalog operations the API uses (WorkflowCatalog has them). */
export type WorkflowCatalogPort = Pick<WorkflowCatalog, 'create' | 'update' | 'delete'>;

export type { ReadModelAccess };

/** Ad-hoc actions: written through the catalog, read from the registry (in memory). */
export interface AdHocActionDependencies {
  readonly catalog: Pick<AdHocActionCatalog, 'create' | 'update' | 'delete'>;
  readonly registry: Pick<AdHocActionRegistry, 'find' | 'list' | 'waitForPosition'>;
}

export type WorkbookCatalogPort = Pick<WorkbookCatalog, 'create' | 'update' | 'delete'>;
export type EnvironmentCatalogPort = Pick<EnvironmentCatalog, 'create' | 'update' | 'delete'>;

/** The other definition version of a what-if replay: a stream revision or a YAML text. */
export type WhatIfVersion = { readonly definitionRevision: number } | { readonly definition: string };

/** Replay and what-if replay (`@sirocco/audit`), wired by the composition root. */
export interface AuditPort {
  /** Rebuilds the execution from its events and compares with the read model. */
  replay(executionId: string): Promise<unknown>;
  /** Re-drives the recorded history through another definition version. */
  whatIf(executionId: string, other: WhatIfVersion): Promise<unknown>;
}

export interface RestApiDependencies {
  readonly catalog: WorkflowCatalogPort;
  readonly executions: ExecutionService;
  /** `readModelAccess(readModels, projectionRunner)` from @sirocco/projections. */
  readonly readModels: ReadModelAccess;
  /** The actions GET /v2/actions lists. */
  readonly actions: readonly ActionDescriptor[];
  /** POST/PUT/DELETE /v2/actions and ad-hoc actions in lists; without it only system actions are listed. */
  readonly adHocActions?: AdHocActionDependencies;
  /** /v2/workbooks (answers 404 without it). */
  readonly workbooks?: WorkbookCatalogPort;
  /** /v2/environments (answers 404 without it). */
  readonly environments?: EnvironmentCatalogPort;
  /** Largest request body accepted; default 10 MiB. Bigger bodies get 413. */
  readonly bodyLimitBytes?: number;
  /** How long a write waits for its own result to be readable; default 10 s. */
  readonly readYourWritesTimeoutMs?: number;
  /** For GET /ready: true once the read models have caught up. Default: always ready. */
  readonly isReady?: () => boolean;
  readonly logger?: ErrorLogger;
  /** The execution streams, for the audit endpoints (events, state at a revision). */
  readonly eventStore?: Pick<EventStore, 'readStream'>;
  /** Replay endpoints; absent means they answer 501. */
  readonly audit?: AuditPort;
  /** /v2/cron_triggers (CronTriggerService from @sirocco/scheduler); absent: those routes answer 501. */
  readonly cronTriggers?: CronTriggersPort;
  /** /v2/event_triggers (EventTriggerService from @sirocco/scheduler); absent: those routes answer 501. */
  readonly eventTriggers?: EventTriggersPort;
  /** The 501 message when `eventTriggers` is absent: how to turn them on in this process. */
  readonly eventTriggersUnavailable?: string;
  /** POST /v2/action_executions (run an action outside a workflow); absent: that POST answers 400. */
  readonly runAction?: ActionRunnerPort;
}

export const DEFAULT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
