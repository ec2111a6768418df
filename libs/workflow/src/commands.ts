// Inputs to the decider: what someone asks of one execution.
import type { WorkflowSpec, InputParamSpec } from '@sirocco/dsl';

export interface StartExecution {
  readonly type: 'StartExecution';
  readonly executionId: string;
  readonly workflowId: string;
  readonly workflowName: string;
  readonly workflowNamespace: string;
  readonly spec: WorkflowSpec;
  readonly definitionRevision: number;
  readonly input: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, unknown>>;
  readonly description: string;
  readonly rootExecutionId?: string;
  readonly parentExecutionId?: string;
  readonly parentTaskExecutionId?: string;
}

export interface ReportActionResult {
  readonly type: 'ReportActionResult';
  readonly actionExecutionId: string;
  readonly state: 'SUCCESS' | 'ERROR';
  readonly output: unknown;
  /** How many times the executors got the work item whose run this reports (absent: unknown, 1). */
  readonly workDeliveries?: number;
}

/** A durable timer is due (reported by the scheduler). */
export interface FireTimer {
  readonly type: 'FireTimer';
  readonly timerId: string;
}

/** PUT /v2/executions/{id} state=PAUSED. */
export interface PauseExecution {
  readonly type: 'PauseExecution';
  readonly stateInfo?: string;
}

/** PUT /v2/executions/{id} state=RUNNING: continue exactly where it stopped. */
export interface ResumeExecution {
  readonly type: 'ResumeExecution';
  readonly env?: Readonly<Record<string, unknown>>;
}

/** PUT /v2/executions/{id} state=CANCELLED / ERROR / SUCCESS: end it now. */
export interface StopExecution {
  readonly type: 'StopExecution';
  readonly state: 'CANCELLED' | 'ERROR' | 'SUCCESS';
  readonly stateInfo?: string;
}

/** PUT /v2/tasks/{id} state=RUNNING: run a failed task again. */
export interface RerunTask {
  readonly type: 'RerunTask';
  readonly taskExecutionId: string;
  readonly reset: boolean;
}

/** PUT /v2/executions/{id} with a new description. */
export interface ChangeDescription {
  readonly type: 'ChangeDescription';
  readonly description: string;
}

/** DELETE /v2/executions/{id}: only a finished execution, unless forced (which cancels it first). */
export interface DeleteExecution {
  readonly type: 'DeleteExecution';
  readonly force?: boolean;
}

export type ExecutionCommand =
  | ChangeDescription
  | DeleteExecution
  | RerunTask
  | StartExecution
  | ReportActionResult
  | FireTimer
  | PauseExecution
  | ResumeExecution
  | StopExecution;

/** What the decider may know about an action: whether it exists and what input it takes. */
export interface ActionDescriptor {
  readonly name: string;
  readonly input: readonly InputParamSpec[];
  /** Accepts any input (e.g. `**kwargs` actions). */
  readonly acceptsAnyInput?: boolean;
  /**
   * Set for an ad-hoc action: it runs `base` (resolved again, so ad-hoc
   * actions may build on ad-hoc actions) with `baseInput` evaluated over its
   * own input, and its result is `output` evaluated over the base's result.
   */
  readonly adHoc?: {
    readonly base: string;
    readonly baseInput: Readonly<Record<string, unknown>>;
    readonly output?: unknown;
  };
}

/** Everything outside the core that a decision may use, injected so decide stays pure. */
export interface DecideContext {
  /** Time of the decision (ISO 8601 UTC). */
  readonly now: string;
  /** A fresh unique id (uuid) each call. */
  newId(): string;
  /** Looks an action up by name in the execution's namespace; undefined when unknown. */
  resolveAction(name: string, namespace: string): ActionDescriptor | undefined;
}
