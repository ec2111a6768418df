// The one entry point of the projection logic: a recorded event → changes.
// Pure, so rebuilding from zero replays exactly what live updates did.
import type { RecordedEvent } from '@sirocco/eventstore';
import {
  EXECUTION_STREAM_PREFIX,
  WORKFLOW_DEFINITION_STREAM_PREFIX,
  isExecutionEvent,
  type ExecutionEvent,
  type WorkflowDefinitionEvent,
} from '@sirocco/workflow';
import type { ReadModelChange } from './changes.js';
import { CATALOG_EVENT_TYPES, projectCatalogEvent } from './project-catalog-event.js';
import { projectExecutionEvent } from './project-execution-event.js';
import { projectWorkflowDefinitionEvent } from './project-workflow-definition-event.js';

const DEFINITION_EVENT_TYPES = new Set([
  'WorkflowDefinitionCreated',
  'WorkflowDefinitionUpdated',
  'WorkflowDefinitionDeleted',
]);

/** Events of other streams (and unknown types) change nothing. */
export function projectEvent(event: RecordedEvent): ReadModelChange[] {
  const typed = { type: event.type, data: event.data };
  if (
    event.streamId.startsWith(WORKFLOW_DEFINITION_STREAM_PREFIX) &&
    DEFINITION_EVENT_TYPES.has(event.type)
  ) {
    return projectWorkflowDefinitionEvent(typed as WorkflowDefinitionEvent, event.position);
  }
  if (event.streamId.startsWith(EXECUTION_STREAM_PREFIX) && isExecutionEvent(typed)) {
    const executionId = event.streamId.slice(EXECUTION_STREAM_PREFIX.length);
    return projectExecutionEvent(executionId, typed as ExecutionEvent, event.position);
  }
  if (CATALOG_EVENT_TYPES.has(event.type)) return projectCatalogEvent(event);
  return [];
}
