// The contract every action implements, shaped after mistral_lib's Action:
// a name, a parameter list (shown by GET /v2/actions) and a run method whose
// outcome is either a result or an "error result" (mistral_lib Result(error=)).
// Exceptions thrown by run() are a different thing: the invoker turns them
// into Mistral's "The action raised an exception [...]" error text.

/** One declared parameter; `default` is only shown to users, never applied. */
export interface InputParam {
  readonly name: string;
  readonly hasDefault: boolean;
  readonly default?: unknown;
}

/** What an action knows about the run it belongs to (mistral_lib ExecutionContext). */
export interface ActionContext {
  /** Aborted when the action times out or the executor hands the work back. */
  readonly signal: AbortSignal;
  readonly executionId: string;
  readonly taskExecutionId?: string;
  readonly actionExecutionId: string;
  readonly workflowName?: string;
  /** Where an async action's result is to be sent (Mistral: /v2/action_executions/<id>). */
  readonly callbackUrl?: string;
}

export type ActionOutcome =
  { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: unknown };

export interface Action {
  readonly name: string;
  readonly description: string;
  readonly inputSpec: readonly InputParam[];
  /** Accepts any extra input (Python `**kwargs`): validation is skipped. */
  readonly acceptsAnyInput?: boolean;
  /**
   * True when the real result arrives later through the API (mistral_lib
   * `is_sync() == False`): a successful run reports nothing.
   */
  readonly async?: boolean;
  /** Python class path, for Mistral-shaped messages ("class=..."). */
  readonly className?: string;
  /** How the action shows in "The action raised an exception [action=...]". */
  readonly repr?: string;
  run(input: Readonly<Record<string, unknown>>, ctx: ActionContext): Promise<ActionOutcome>;
}

export const success = (result: unknown): ActionOutcome => ({ ok: true, result });
export const errorResult = (error: unknown): ActionOutcome => ({ ok: false, error });

/** Required parameter. */
export const param = (name: string): InputParam => ({ name, hasDefault: false });
/** Optional parameter with the default Mistral shows for it. */
export const optional = (name: string, defaultValue: unknown = null): InputParam => ({
  name,
  hasDefault: true,
  default: defaultValue,
});
