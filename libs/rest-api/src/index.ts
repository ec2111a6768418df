export { createRestApi } from './create-rest-api.js';
export {
  DEFAULT_BODY_LIMIT_BYTES,
  type ReadModelAccess,
  type RestApiDependencies,
  type WorkflowCatalogPort,
} from './dependencies.js';
export type { ActionDescriptor } from './presenters/action.js';
export type { ErrorLogger } from './http/error-middleware.js';
export { pyJsonDumps } from './http/python-json.js';
export type { CronTriggersPort, CreateCronTriggerBody } from './routes/cron-triggers.js';
export type { CronTriggerView } from './presenters/cron-trigger.js';
export type { EventTriggersPort, EventTriggerBody } from './routes/event-triggers.js';
export type { EventTriggerView } from './presenters/event-trigger.js';
