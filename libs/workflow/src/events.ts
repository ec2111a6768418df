// The events of one workflow execution's stream (`execution-<id>`). They are
// the only truth about an execution: engine state, read models and audit are
// all folds over them. Every event carries the time it happened (`at`, ISO
// 8601 UTC) so a replay reproduces timestamps without a clock.
import type { WorkflowSpec } from '@sirocco/dsl';
import type { ExecutionState, TaskState, ActionState } from './states.js';

/** Stream name for an execution. */
export const executionStreamId = (executionId: string): string => `execution-${executionId}`;
export const EXECUTION_STREAM_PREFIX = 'execution-';

export interface ExecutionStartedData {
  readonly executionId: string;
  readonly workflowId: string;
  readonly workflowName: string;
  readonly workflowNamespace: string;
  /** The spec as it was when the execution started: replays never see later edits. */
  readonly spec: WorkflowSpec;
  /** Revision of the definition stream the spec came from. */
  readonly definitionRevision: number;
  /** Input after defaults were applied. */
  readonly input: Readonly<Record<string, unknown>>;
  /** Workflow `vars`, evaluated once at start (replays never re-evaluate). */
  readonly vars: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, unknown>>;
  readonly env: Readonly<Record<string, unknown>>;
  readonly description: string;
  readonly rootExecutionId: string;
  readonly parentExecutionId?: string;
  readonly parentTaskExecutionId?: string;
  readonly at: string;
}

export interface TaskExecutionStartedData {
  readonly taskExecutionId: string;
  readonly taskName: string;
  /** RUNNING, or WAITING for a join that is not yet satisfied. */
  readonly state: Extract<TaskState, 'RUNNING' | 'WAITING'>;
  /** Task executions whose transitions led here (empty for start tasks); their outbound contexts form this task's inbound context. */
  readonly triggeredBy: readonly string[];
  readonly stateInfo?: string;
  readonly at: string;
}

export interface TaskExecutionStateChangedData {
  readonly taskExecutionId: string;
  readonly state: TaskState;
  readonly stateInfo?: string;
  /** Set when a waiting join starts running: all upstream task executions. */
  readonly triggeredBy?: readonly string[];
  readonly at: string;
}

export interface ActionExecutionScheduledData {
  readonly actionExecutionId: string;
  readonly taskExecutionId: string;
  readonly actionName: string;
  readonly input: Readonly<Record<string, unknown>>;
  /** with-items index, when the task iterates. */
  readonly itemIndex?: number;
  /** 1 for the first run, +1 for each retry. */
  readonly attempt: number;
  /** Executor queue (Mistral's `target`); absent means the default queue. */
  readonly target?: string;
  /** For an ad-hoc action: the system action that really runs, with its evaluated input. */
  readonly run?: { readonly actionName: string; readonly input: Readonly<Record<string, unknown>> };
  /** For an ad-hoc action: `output` expressions to apply to the result, innermost first. */
  readonly outputTransforms?: readonly unknown[];
  readonly at: string;
}

/**
 * A workflow task starts a child execution (its own stream). The child's id
 * takes the place of an action execution id: its completion is reported
 * back to this stream as ActionExecutionCompleted.
 */
export interface SubworkflowScheduledData {
  /** The child execution's id. */
  readonly actionExecutionId: string;
  readonly taskExecutionId: string;
  readonly workflowName: string;
  readonly workflowNamespace: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, unknown>>;
  readonly itemIndex?: number;
  readonly attempt: number;
  readonly at: string;
}

export interface ActionExecutionCompletedData {
  readonly actionExecutionId: string;
  readonly taskExecutionId: string;
  readonly state: Extract<ActionState, 'SUCCESS' | 'ERROR' | 'CANCELLED'>;
  /** The action's result on SUCCESS, its error (string or data) on ERROR. */
  readonly output: unknown;
  /** What the executor reported, when an ad-hoc action's `output` transformed it into `output`. */
  readonly rawOutput?: unknown;
  /** Delivery of the work item whose run produced this result, when above 1 (the action ran again). */
  readonly workDeliveries?: number;
  readonly at: string;
}

/**
 * An action ran again after its result was recorded: its work item was
 * redelivered (an executor died between reporting and acking) before the
 * redelivery could see the result. The history keeps the first result;
 * this records that the action's side effects happened again.
 */
export interface ActionExecutionRepeatedData {
  readonly actionExecutionId: string;
  readonly taskExecutionId: string;
  readonly workDeliveries: number;
  readonly at: string;
}

export interface TaskExecutionCompletedData {
  readonly taskExecutionId: string;
  readonly state: Extract<TaskState, 'SUCCESS' | 'ERROR' | 'CANCELLED'>;
  readonly stateInfo?: string;
  /** Variables the task published into the branch context. */
  readonly published: Readonly<Record<string, unknown>>;
  /** Variables published to the workflow-wide context (on-clause `global:`). */
  readonly publishedGlobal?: Readonly<Record<string, unknown>>;
  /** Tasks this completion leads to, with the clause that led there (Mistral's `next_tasks`). */
  readonly nextTasks: readonly (readonly [taskName: string, event: TransitionEvent])[];
  /** True when an on-error transition fired for this failure. */
  readonly errorHandled: boolean;
  /** Set when the task's result must not be kept (`keep-result: false`). */
  readonly resultDiscarded?: boolean;
  readonly at: string;
}

export type TransitionEvent = 'on-success' | 'on-error' | 'on-complete';

/** A transition decided when a task completed but held back because the execution was paused. */
export type DeferredCommand =
  | { readonly kind: 'task'; readonly task: string; readonly event: TransitionEvent }
  | {
      readonly kind: 'engine';
      readonly command: 'fail' | 'succeed' | 'pause' | 'noop';
      readonly params: Readonly<Record<string, unknown>>;
      readonly event: TransitionEvent;
    };

export interface TaskTransitionsDeferredData {
  readonly taskExecutionId: string;
  readonly commands: readonly DeferredCommand[];
  readonly at: string;
}

export interface TaskTransitionsResumedData {
  readonly taskExecutionId: string;
  readonly at: string;
}

export interface ExecutionStateChangedData {
  readonly state: Extract<ExecutionState, 'RUNNING' | 'PAUSED'>;
  readonly stateInfo?: string;
  readonly at: string;
}

export interface ExecutionDescriptionChangedData {
  readonly description: string;
  readonly at: string;
}

/** The execution was deleted (DELETE /v2/executions/{id}); its history stays for audit. */
export interface ExecutionDeletedData {
  readonly at: string;
}

export interface ExecutionCompletedData {
  readonly state: Extract<ExecutionState, 'SUCCESS' | 'ERROR' | 'CANCELLED'>;
  readonly output: Readonly<Record<string, unknown>>;
  readonly stateInfo?: string;
  readonly at: string;
}

/** A with-items task's items, evaluated once when the task starts its work. */
export interface WithItemsExpandedData {
  readonly taskExecutionId: string;
  /** One entry per iteration: the with-items variables' values. */
  readonly items: readonly Readonly<Record<string, unknown>>[];
  /** Most actions in flight at once; 0 means no limit. */
  readonly concurrency: number;
  readonly at: string;
}

/** The retry policy starts another attempt: earlier results stop counting. */
export interface TaskExecutionRetriedData {
  readonly taskExecutionId: string;
  /** 1 for the first retry. */
  readonly retryNo: number;
  readonly at: string;
}

/** An operator reruns a failed task (PUT /v2/tasks/{id}). */
export interface TaskExecutionRerunData {
  readonly taskExecutionId: string;
  /** True: every with-items item runs again; false: only the failed ones. */
  readonly reset: boolean;
  readonly at: string;
}

/** Why a timer exists; the engine acts on its firing accordingly. */
export type TimerPurpose = 'wait-before' | 'wait-after' | 'retry' | 'timeout';

/** A durable timer: the scheduler holds it and reports its firing to the engine. */
export interface TimerScheduledData {
  readonly timerId: string;
  /** When to fire (ISO 8601 UTC). */
  readonly fireAt: string;
  readonly purpose: TimerPurpose;
  readonly taskExecutionId?: string;
  readonly actionExecutionId?: string;
  /** with-items index the timer belongs to, when the task iterates. */
  readonly itemIndex?: number;
  readonly at: string;
}

export interface TimerFiredData {
  readonly timerId: string;
  readonly at: string;
}

export interface TimerCancelledData {
  readonly timerId: string;
  readonly at: string;
}

export type ExecutionEvent =
  | { readonly type: 'ExecutionStarted'; readonly data: ExecutionStartedData }
  | { readonly type: 'TaskExecutionStarted'; readonly data: TaskExecutionStartedData }
  | { readonly type: 'TaskExecutionStateChanged'; readonly data: TaskExecutionStateChangedData }
  | { readonly type: 'ActionExecutionScheduled'; readonly data: ActionExecutionScheduledData }
  | { readonly type: 'SubworkflowScheduled'; readonly data: SubworkflowScheduledData }
  | { readonly type: 'ActionExecutionCompleted'; readonly data: ActionExecutionCompletedData }
  | { readonly type: 'TaskExecutionCompleted'; readonly data: TaskExecutionCompletedData }
  | { readonly type: 'ExecutionStateChanged'; readonly data: ExecutionStateChangedData }
  | { readonly type: 'TaskTransitionsDeferred'; readonly data: TaskTransitionsDeferredData }
  | { readonly type: 'TaskTransitionsResumed'; readonly data: TaskTransitionsResumedData }
  | { readonly type: 'ExecutionCompleted'; readonly data: ExecutionCompletedData }
  | { readonly type: 'ExecutionDescriptionChanged'; readonly data: ExecutionDescriptionChangedData }
  | { readonly type: 'ExecutionDeleted'; readonly data: ExecutionDeletedData }
  | { readonly type: 'WithItemsExpanded'; readonly data: WithItemsExpandedData }
  | { readonly type: 'TaskExecutionRetried'; readonly data: TaskExecutionRetriedData }
  | { readonly type: 'TaskExecutionRerun'; readonly data: TaskExecutionRerunData }
  | { readonly type: 'TimerScheduled'; readonly data: TimerScheduledData }
  | { readonly type: 'TimerFired'; readonly data: TimerFiredData }
  | { readonly type: 'TimerCancelled'; readonly data: TimerCancelledData }
  | { readonly type: 'ActionExecutionRepeated'; readonly data: ActionExecutionRepeatedData };

export type ExecutionEventType = ExecutionEvent['type'];

export const EXECUTION_EVENT_TYPES: readonly ExecutionEventType[] = [
  'ExecutionStarted',
  'TaskExecutionStarted',
  'TaskExecutionStateChanged',
  'ActionExecutionScheduled',
  'SubworkflowScheduled',
  'ActionExecutionCompleted',
  'TaskExecutionCompleted',
  'ExecutionStateChanged',
  'TaskTransitionsDeferred',
  'TaskTransitionsResumed',
  'ExecutionCompleted',
  'ExecutionDescriptionChanged',
  'ExecutionDeleted',
  'WithItemsExpanded',
  'TaskExecutionRetried',
  'TaskExecutionRerun',
  'TimerScheduled',
  'TimerFired',
  'TimerCancelled',
  'ActionExecutionRepeated',
];

export const isExecutionEvent = (e: { type: string }): e is ExecutionEvent =>
  (EXECUTION_EVENT_TYPES as readonly string[]).includes(e.type);
