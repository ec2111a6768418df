// The engine's view of one execution: a fold of its events (see evolve.ts).
//
// The state is folded in place: appending an event to a 10,000-item
// execution must cost O(1), not a copy of every task. Whoever holds a state
// owns it; to go back, fold the stream again (the engine drops its cached
// state when an append fails).
import type { TaskSpec, WorkflowSpec } from '@sirocco/dsl';
import type { ActionState, ExecutionState, TaskState } from '../states.js';
import type { DeferredCommand, TimerPurpose, TransitionEvent } from '../events.js';
import { indexWorkflowSpec, type WorkflowSpecIndex } from './spec-index.js';

export type Context = Readonly<Record<string, unknown>>;

/** An action run, or a child workflow execution started by a workflow task (`kind`). */
export interface ActionExecution {
  readonly id: string;
  readonly kind: 'action' | 'workflow';
  readonly taskExecutionId: string;
  readonly actionName: string;
  readonly input: Context;
  readonly attempt: number;
  readonly itemIndex: number | undefined;
  /** Executor queue (task `target`), when not the default one. */
  readonly target: string | undefined;
  /** What the executor runs when it differs from the named action (ad-hoc actions). */
  readonly run: { readonly actionName: string; readonly input: Context } | undefined;
  readonly outputTransforms: readonly unknown[] | undefined;
  state: ActionState;
  output: unknown;
  /** False once a later attempt superseded it (Mistral's `accepted`). */
  accepted: boolean;
  /** The highest work-item delivery known to have run it (1 unless it ran again). */
  workDeliveries?: number;
  readonly createdAt: string;
  updatedAt: string;
}

/** Progress of a with-items task, kept incrementally so each item costs O(1). */
export interface WithItemsProgress {
  readonly items: readonly Readonly<Record<string, unknown>>[];
  readonly concurrency: number;
  /** Latest action execution per item index. */
  readonly latest: (string | undefined)[];
  /** Item indexes still to schedule in this attempt, consumed from `queuePos`. */
  queue: number[];
  queuePos: number;
  running: number;
  completed: number;
  failed: number;
}

export interface TaskExecution {
  readonly id: string;
  readonly name: string;
  readonly spec: TaskSpec;
  state: TaskState;
  stateInfo: string | undefined;
  /** Published variables flowing in along transitions (Mistral's `in_context`). */
  inContext: Context;
  published: Context;
  triggeredBy: readonly string[];
  nextTasks: readonly (readonly [string, TransitionEvent])[];
  errorHandled: boolean;
  /** True once the task completed and its transitions were decided. */
  processed: boolean;
  resultDiscarded: boolean;
  readonly actionExecutionIds: string[];
  /** The latest action of a task without with-items. */
  latestActionId: string | undefined;
  withItems: WithItemsProgress | undefined;
  /** Retries done so far (retry policy). */
  retryNo: number;
  /** The wait-after delay already happened for this task execution. */
  waitAfterDone: boolean;
  /** Transitions held back by a pause, acted on at resume. */
  deferred: readonly DeferredCommand[];
  readonly createdAt: string;
  updatedAt: string;
  finishedAt: string | undefined;
}

export interface PendingTimer {
  readonly id: string;
  readonly purpose: TimerPurpose;
  readonly fireAt: string;
  readonly taskExecutionId: string | undefined;
  readonly actionExecutionId: string | undefined;
  readonly itemIndex: number | undefined;
}

export interface ExecutionInfo {
  readonly id: string;
  readonly workflowId: string;
  readonly workflowName: string;
  readonly workflowNamespace: string;
  readonly spec: WorkflowSpec;
  readonly index: WorkflowSpecIndex;
  readonly input: Context;
  readonly params: Context;
  readonly env: Context;
  description: string;
  readonly rootExecutionId: string;
  readonly parentExecutionId: string | undefined;
  readonly parentTaskExecutionId: string | undefined;
  readonly createdAt: string;
}

export interface ExecutionFold {
  /** Undefined until ExecutionStarted was folded. */
  info: ExecutionInfo | undefined;
  state: ExecutionState;
  stateInfo: string | undefined;
  output: Context | undefined;
  /** Mistral's workflow context: `__execution`, vars and globally published variables. */
  context: Record<string, unknown>;
  /** Insertion-ordered: creation order of task executions. */
  readonly tasks: Map<string, TaskExecution>;
  readonly tasksByName: Map<string, TaskExecution[]>;
  readonly actions: Map<string, ActionExecution>;
  /** Task executions not yet SUCCESS/ERROR/CANCELLED, so checks need not scan every task. */
  readonly activeTaskIds: Set<string>;
  /** Timers scheduled and neither fired nor cancelled. */
  readonly timers: Map<string, PendingTimer>;
  updatedAt: string | undefined;
  /** Set by ExecutionDeleted: the execution takes no more commands. */
  deleted: boolean;
}

export const initialExecutionFold = (): ExecutionFold => ({
  info: undefined,
  state: 'IDLE',
  stateInfo: undefined,
  output: undefined,
  context: {},
  tasks: new Map(),
  tasksByName: new Map(),
  actions: new Map(),
  timers: new Map(),
  activeTaskIds: new Set(),
  updatedAt: undefined,
  deleted: false,
});

export const makeExecutionInfo = (
  data: Omit<ExecutionInfo, 'index' | 'createdAt' | 'id' | 'parentExecutionId' | 'parentTaskExecutionId'> & {
    executionId: string;
    at: string;
    parentExecutionId?: string;
    parentTaskExecutionId?: string;
  },
): ExecutionInfo => ({
  id: data.executionId,
  workflowId: data.workflowId,
  workflowName: data.workflowName,
  workflowNamespace: data.workflowNamespace,
  spec: data.spec,
  index: indexWorkflowSpec(data.spec),
  input: data.input,
  params: data.params,
  env: data.env,
  description: data.description,
  rootExecutionId: data.rootExecutionId,
  parentExecutionId: data.parentExecutionId,
  parentTaskExecutionId: data.parentTaskExecutionId,
  createdAt: data.at,
});

/** The latest execution of a task by name, if any. */
export const latestTaskExecution = (fold: ExecutionFold, name: string): TaskExecution | undefined => {
  const list = fold.tasksByName.get(name);
  return list?.[list.length - 1];
};
