// What the gRPC-style API needs: the same ports the REST API uses, so both
// answer from one engine, one catalog and one set of read models.
import type { WorkflowCatalog } from '@sirocco/catalog';
import type { ExecutionService } from '@sirocco/engine';
import type { EventStore } from '@sirocco/eventstore';
import type { ReadModelAccess } from '@sirocco/projections';

export interface GrpcApiDependencies {
  readonly catalog: Pick<WorkflowCatalog, 'create'>;
  readonly executions: ExecutionService;
  readonly readModels: ReadModelAccess;
  /** The execution streams, for WatchExecution. */
  readonly eventStore: Pick<EventStore, 'readStream'>;
  /** How long a write waits for its own result to be readable; default 10 s. */
  readonly readYourWritesTimeoutMs?: number;
  /** How often WatchExecution looks for new events; default 50 ms. */
  readonly watchPollMs?: number;
}
