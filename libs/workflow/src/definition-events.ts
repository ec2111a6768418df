// Events of a workflow definition's stream (`workflow-<namespace>/<name>`).
// A definition is versioned by its stream revision, so every execution can
// name exactly the version it ran.
import type { WorkflowSpec } from '@sirocco/dsl';

export const workflowDefinitionStreamId = (namespace: string, name: string): string =>
  `workflow-${namespace}/${name}`;
export const WORKFLOW_DEFINITION_STREAM_PREFIX = 'workflow-';

export interface WorkflowDefinitionSavedData {
  readonly workflowId: string;
  readonly name: string;
  readonly namespace: string;
  /** The YAML text of this workflow alone, as Mistral returns it in `definition`. */
  readonly definition: string;
  readonly spec: WorkflowSpec;
  readonly scope: 'private' | 'public';
  readonly tags: readonly string[];
  readonly at: string;
}

export interface WorkflowDefinitionDeletedData {
  readonly workflowId: string;
  readonly name: string;
  readonly namespace: string;
  readonly at: string;
}

export type WorkflowDefinitionEvent =
  | { readonly type: 'WorkflowDefinitionCreated'; readonly data: WorkflowDefinitionSavedData }
  | { readonly type: 'WorkflowDefinitionUpdated'; readonly data: WorkflowDefinitionSavedData }
  | { readonly type: 'WorkflowDefinitionDeleted'; readonly data: WorkflowDefinitionDeletedData };
