export {
  WorkflowCatalog,
  type ResolvedWorkflow,
  type SaveWorkflowsOptions,
  type SavedWorkflows,
  type UpdateWorkflowsOptions,
  type WorkflowCatalogOptions,
  type WorkflowScope,
} from './workflow-catalog.js';
export type { ParseResult, WorkflowDocumentParser } from './document-parser.js';
export type { WorkflowIdIndex } from './workflow-id-index.js';
export { readDefinitionStream, type DefinitionStreamState } from './definition-stream.js';
export { readModelWorkflowIdIndex } from './read-model-id-index.js';
