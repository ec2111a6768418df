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

export interface ExecutionService {
  /**
   * Starts an execution. Rejects with a SiroccoError: NOT_FOUND (unknown
   * workflow), INVALID_INPUT (missing/unexpected input, bad params),
   * CONFLICT (id already used). Nothing is written when it rejects.
   */
  start(request: StartExecutionRequest): Promise<StartExecutionResult>;
}
