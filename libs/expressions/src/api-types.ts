/** Types of the public API (re-exported by index.ts). */

/** Mistral's context functions, supplied by the engine. */
export interface ExpressionFunctions {
  /** task() / task('name') -> {id,name,spec,state,state_info,result,published} or null */
  task?(name?: string): unknown;
  tasks?(workflowExecutionId?: string, recursive?: boolean, state?: string, flat?: boolean): unknown;
  /** execution() -> {id,name,spec,input,start_params,created_at,updated_at,root_execution_id, params...} */
  execution?(): unknown;
  executions?(...args: unknown[]): unknown;
  /** env() -> the execution's env dict (used when the data has no `__env` key). */
  env?(): unknown;
  global?(name: string): unknown;
  /**
   * Source of `uuid()` (a random v4 uuid string). The library is deterministic and
   * has no randomness of its own: without this, `uuid()` fails with an error.
   */
  uuid?(): string;
  /** Source of random numbers in [0, 1) for Jinja's `random` filter. */
  random?(): number;
}

export interface ExpressionContext {
  /** The data context: `$` in YAQL, `_` in Jinja. */
  readonly data: unknown;
  readonly functions?: ExpressionFunctions;
}
