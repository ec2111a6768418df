// Payloads that travel on the bus between apps. Each carries the ids needed
// to dedupe it on the receiving side.

/** Executor work: run one action once. Subject: `sirocco.actions.<queue>`; msgId = actionExecutionId. */
export interface ActionWorkItem {
  readonly executionId: string;
  readonly taskExecutionId: string;
  readonly actionExecutionId: string;
  readonly actionName: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly attempt: number;
  /** Seconds the action may run before it is failed (task `timeout`), when set. */
  readonly timeoutSeconds?: number;
}

/** Executor → engine: the outcome of one action run. msgId = `result-<actionExecutionId>`. */
export interface ActionResultReported {
  readonly kind: 'ActionResultReported';
  readonly executionId: string;
  readonly actionExecutionId: string;
  readonly state: 'SUCCESS' | 'ERROR';
  /** Result on success; error text or error data on failure. */
  readonly output: unknown;
  /** Which delivery of the work item ran the action, when above 1 (it ran again). */
  readonly workDeliveries?: number;
}

/** Scheduler → engine: a durable timer is due. msgId = `timer-<timerId>`. */
export interface TimerDue {
  readonly kind: 'TimerDue';
  readonly executionId: string;
  readonly timerId: string;
}

/** Engine → engine: start a child execution for a workflow task. msgId = `start-<executionId>`. */
export interface StartSubworkflow {
  readonly kind: 'StartSubworkflow';
  /** The child execution's id. */
  readonly executionId: string;
  readonly parentExecutionId: string;
  readonly parentTaskExecutionId: string;
  readonly rootExecutionId: string;
  readonly workflowName: string;
  readonly workflowNamespace: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly params: Readonly<Record<string, unknown>>;
}

/** Parent → child execution: pause, resume or cancel follows the parent. msgId = `<command>-<executionId>-<parent revision time>`. */
export interface ControlExecution {
  readonly kind: 'ControlExecution';
  readonly executionId: string;
  readonly command: 'pause' | 'resume' | 'cancel';
  readonly stateInfo?: string;
}

/** Anything the engine consumes for one execution (subject `sirocco.engine.<executionId>`). */
export type EngineInput = ActionResultReported | TimerDue | StartSubworkflow | ControlExecution;
