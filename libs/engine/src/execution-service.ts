// What the API (and later the gRPC API and CLI) asks of the engine. The API
// never appends execution events itself: it calls these, which run the pure
// decider and append with expected revisions.

export interface StartExecutionRequest {
  readonly workflowName?: string;
  readonly workflowId?: string;
  /** Namespace to look the workflow up in ('' is Mistral's default namespace). */
  readonly namespace?: string;
  readonly input?: Readonly<Record<string, unknown>>;
  /** Mistral `params`: env, task_name (reverse), ... */
  readonly params?: Readonly<Record<string, unknown>>;
  readonly description?: string;
  /** Caller-chosen id (Mistral accepts `id` in the body); generated when absent. */
  readonly executionId?: string;
}

export interface StartExecutionResult {
  readonly executionId: string;
  /** Global store position of the last event written: wait for read models to reach it. */
  readonly position: number;
}

/** Operator changes to a running execution (PUT /v2/executions/{id}). */
export type ExecutionControl =
  | { readonly type: 'PauseExecution'; readonly stateInfo?: string }
  | { readonly type: 'ResumeExecution'; readonly env?: Readonly<Record<string, unknown>> }
  | { readonly type: 'StopExecution'; readonly state: 'CANCELLED' | 'ERROR' | 'SUCCESS'; readonly stateInfo?: string }
  /** PUT /v2/tasks/{id} state=RUNNING (reset: rerun every with-items item, not only the failed ones). */
  | { readonly type: 'RerunTask'; readonly taskExecutionId: string; readonly reset: boolean }
  | { readonly type: 'ChangeDescription'; readonly description: string }
  | { readonly type: 'DeleteExecution'; readonly force?: boolean };

export interface ExecutionService {
  /**
   * Starts an execution. Rejects with a SiroccoError: NOT_FOUND (unknown
   * workflow), INVALID_INPUT (missing/unexpected input, bad params),
   * CONFLICT (id already used). Nothing is written when it rejects.
   */
  start(request: StartExecutionRequest): Promise<StartExecutionResult>;

  /**
   * Pauses, resumes or stops an execution; pause and cancel reach its
   * subworkflows. Rejects with NOT_FOUND, or INVALID_STATE for an impossible
   * change (e.g. pausing a finished execution). Returns the position to wait
   * for before reading (-1 when nothing changed).
   */
  control(executionId: string, command: ExecutionControl): Promise<{ position: number }>;

  /**
   * Reports the result of an action run from outside (async actions,
   * PUT /v2/action_executions/{id}). A result for an action that already has
   * one changes nothing.
   */
  reportActionResult(
    executionId: string,
    actionExecutionId: string,
    state: 'SUCCESS' | 'ERROR',
    output: unknown,
  ): Promise<{ position: number }>;
}
