// Workflow definition events → rows of rm_workflows.
import type { WorkflowDefinitionEvent } from '@sirocco/workflow';
import type { ReadModelChange } from './changes.js';
import { toMistralTimestamp } from './timestamps.js';
import { workflowInputSummary, workflowInterface } from './workflow-summary.js';

/** Mistral without Keystone shows this project on every resource. */
export const DEFAULT_PROJECT_ID = '<default-project>';

export function projectWorkflowDefinitionEvent(
  event: WorkflowDefinitionEvent,
  position: number,
): ReadModelChange[] {
  switch (event.type) {
    case 'WorkflowDefinitionCreated':
    case 'WorkflowDefinitionUpdated': {
      const d = event.data;
      const at = toMistralTimestamp(d.at);
      const content = {
        name: d.name,
        namespace: d.namespace,
        definition: d.definition,
        input: workflowInputSummary(d.spec.input),
        interface: JSON.stringify(workflowInterface(d.spec)),
        tags: JSON.stringify(d.tags),
        scope: d.scope,
      };
      if (event.type === 'WorkflowDefinitionCreated') {
        return [
          {
            kind: 'upsert',
            table: 'rm_workflows',
            key: { id: d.workflowId },
            values: {
              ...content,
              project_id: DEFAULT_PROJECT_ID,
              created_at: at,
              updated_at: null,
              created_pos: position,
              updated_pos: null,
            },
          },
        ];
      }
      return [
        {
          kind: 'update',
          table: 'rm_workflows',
          key: { id: d.workflowId },
          set: { ...content, updated_at: at, updated_pos: position },
        },
      ];
    }
    case 'WorkflowDefinitionDeleted':
      return [{ kind: 'delete', table: 'rm_workflows', key: { id: event.data.workflowId } }];
  }
}
