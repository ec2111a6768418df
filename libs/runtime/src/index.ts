export { ConfigError } from './config-error.js';
export * from './env.js';
export {
  loadRuntimeConfig,
  type EventStoreConfig,
  type LogLevel,
  type RoleNeeds,
  type RuntimeConfig,
} from './config.js';
export { createLogger, type LogFields, type Logger } from './logger.js';
export { startHealthServer, listen, boundPort, type HealthServer } from './health-server.js';
export { runApp, type AppSpec, type RunningApp } from './run-app.js';
export { openEventStore, connectBus, openPool } from './adapters.js';
export { PgCheckpointWaiter } from './pg-checkpoint-waiter.js';
export { activeExecutionsFromReadModel } from './active-executions.js';
export * from './trace-context.js';
export * from './message-context.js';
export { startTracing, type Tracing, type TracingOptions } from './tracing.js';
export { StampingExecutionRepository } from './stamping-repository.js';
export { actionResolverFor, workflowResolverFor } from './resolvers.js';
export { createWorkflowCatalog, startCatalogs, type Catalogs } from './catalog.js';
