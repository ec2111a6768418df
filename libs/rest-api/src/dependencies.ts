// What the REST API needs; the composition root (apps/standalone) builds it.
import type { WorkflowCatalog } from '@sirocco/catalog';
import type { ExecutionService } from '@sirocco/engine';
import type { ReadModelAccess } from '@sirocco/projections';
import type { ErrorLogger } from './http/error-middleware.js';
import type { ActionDescriptor } from './presenters/action.js';

/** The catalog operations the API uses (WorkflowCatalog has them). */
export type WorkflowCatalogPort = Pick<WorkflowCatalog, 'create' | 'update' | 'delete'>;

export type { ReadModelAccess };

export interface RestApiDependencies {
  readonly catalog: WorkflowCatalogPort;
  readonly executions: ExecutionService;
  /** `readModelAccess(readModels, projectionRunner)` from @sirocco/projections. */
  readonly readModels: ReadModelAccess;
  /** The actions GET /v2/actions lists. */
  readonly actions: readonly ActionDescriptor[];
  /** Largest request body accepted; default 10 MiB. Bigger bodies get 413. */
  readonly bodyLimitBytes?: number;
  /** How long a write waits for its own result to be readable; default 10 s. */
  readonly readYourWritesTimeoutMs?: number;
  /** For GET /ready: true once the read models have caught up. Default: always ready. */
  readonly isReady?: () => boolean;
  readonly logger?: ErrorLogger;
}

export const DEFAULT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
