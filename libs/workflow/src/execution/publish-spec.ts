// What a task publishes when it ends in `state`, after Mistral's
// DirectWorkflowTaskSpec.get_publish: the on-success/on-error clause's
// publish, overridden by the task's publish (or publish-on-error), overridden
// by the on-complete clause's publish.
import type { OnClausePublishSpec, TaskSpec } from '@sirocco/dsl';
import { mergeContexts } from './data-flow.js';

export interface PublishSpec {
  readonly branch: Record<string, unknown>;
  /** Workflow-wide variables (`global` and `atomic`). */
  readonly global: Record<string, unknown>;
}

const layer = (acc: PublishSpec, p: OnClausePublishSpec | undefined): PublishSpec =>
  p
    ? {
        branch: mergeContexts(acc.branch, p.branch ?? {}),
        global: mergeContexts(mergeContexts(acc.global, p.global ?? {}), p.atomic ?? {}),
      }
    : acc;

export const publishSpecFor = (spec: TaskSpec, state: 'SUCCESS' | 'ERROR'): PublishSpec => {
  const clause = state === 'SUCCESS' ? spec.onSuccess : spec.onError;
  const own = state === 'SUCCESS' ? spec.publish : spec.publishOnError;
  let acc: PublishSpec = { branch: {}, global: {} };
  acc = layer(acc, clause?.publish);
  acc = layer(acc, own ? { branch: own } : undefined);
  acc = layer(acc, spec.onComplete?.publish);
  return acc;
};
