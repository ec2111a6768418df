export {
  WorkflowCatalog,
  type ResolvedWorkflow,
  type SaveWorkflowsOptions,
  type SavedWorkflows,
  type UpdateWorkflowsOptions,
  type WorkflowCatalogOptions,
  type WorkflowScope,
} from './workflow-catalog.js';
export type {
  ActionsDocumentParser,
  ParseResult,
  WorkbookDocumentParser,
  WorkflowDocumentParser,
} from './document-parser.js';
export type { WorkflowIdIndex } from './workflow-id-index.js';
export { readDefinitionStream, type DefinitionStreamState } from './definition-stream.js';
export { readModelWorkflowIdIndex } from './read-model-id-index.js';
export type { Scope } from './scope.js';
export { unknownExecutionEnvironment } from './catalog-errors.js';
export {
  AD_HOC_ACTION_EVENT_TYPES,
  AD_HOC_ACTION_STREAM_PREFIX,
  adHocActionStreamId,
  type AdHocActionDeletedData,
  type AdHocActionEvent,
  type AdHocActionSavedData,
} from './ad-hoc-action-events.js';
export {
  AdHocActionCatalog,
  type AdHocActionCatalogOptions,
  type AdHocActionIdIndex,
  type SaveActionsOptions,
  type SavedActions,
  type WorkbookActionItem,
} from './ad-hoc-action-catalog.js';
export {
  AdHocActionRegistry,
  type AdHocActionRecord,
  type AdHocActionRegistryOptions,
} from './ad-hoc-action-registry.js';
export {
  WORKBOOK_STREAM_PREFIX,
  workbookStreamId,
  type WorkbookDeletedData,
  type WorkbookEvent,
  type WorkbookSavedData,
} from './workbook-events.js';
export { WorkbookCatalog, type SavedWorkbook, type WorkbookCatalogOptions } from './workbook-catalog.js';
export { workbookItemDefinition } from './workbook-item-definition.js';
export {
  ENVIRONMENT_STREAM_PREFIX,
  environmentStreamId,
  type EnvironmentDeletedData,
  type EnvironmentEvent,
  type EnvironmentSavedData,
} from './environment-events.js';
export {
  EnvironmentCatalog,
  type EnvironmentCatalogOptions,
  type EnvironmentInput,
  type EnvironmentResolver,
  type SavedEnvironment,
} from './environment-catalog.js';
