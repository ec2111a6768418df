export { diffValues, type Mismatch } from './diff.js';
export {
  asExecutionEvents,
  readExecutionStream,
  toAuditedEvent,
  type AuditedEvent,
  type HistoryReader,
} from './execution-history.js';
export { replayExecution, type ReplayReport, type ReplaySources } from './replay.js';
export {
  viewOfFold,
  viewOfReadModel,
  type ExecutionView,
  type ReadModelReader,
  type TaskView,
} from './state-views.js';
export { specAtRevision, specFromYaml } from './definition-versions.js';
export { IdMap } from './what-if/id-map.js';
export { compareEvents } from './what-if/compare-events.js';
export {
  whatIfReplay,
  type WhatIfDifference,
  type WhatIfOptions,
  type WhatIfReport,
} from './what-if/what-if-replay.js';
export {
  whatIfExecution,
  type OtherVersion,
  type WhatIfExecutionReport,
} from './what-if/what-if-execution.js';
export { createAuditService, type AuditService, type AuditServiceOptions } from './audit-service.js';
