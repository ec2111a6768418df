// Runs one action the way Mistral's default executor does: look it up,
// check its input, run it under a timeout, and turn a thrown exception into
// "The action raised an exception [action=..., action_ex_id=..., msg='...']"
// (mistral/executors/default_executor.py). Never throws.
import type { Action, ActionContext } from './action.js';
import { raceAbort } from './abortable.js';
import type { ActionFailure } from './failures.js';
import {
  ActionNotFoundFailure,
  CancelledFailure,
  InvalidInputFailure,
  TimeoutFailure,
  ensureActionFailure,
} from './failures.js';
import { validateActionInput } from './input-spec.js';
import type { ActionRegistry } from './registry.js';

export interface InvokeRequest {
  readonly actionName: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly executionId: string;
  readonly taskExecutionId?: string;
  readonly actionExecutionId: string;
  readonly workflowName?: string;
  /** Fail the action after this many seconds (task `timeout`). */
  readonly timeoutSeconds?: number;
  /** Aborting it cancels the run: the outcome is CANCELLED and must not be reported. */
  readonly signal?: AbortSignal;
}

export type Invocation =
  | { readonly state: 'SUCCESS'; readonly output: unknown; readonly async: boolean }
  | {
      readonly state: 'ERROR';
      readonly output: unknown;
      readonly async: boolean;
      readonly failure?: ActionFailure;
    }
  | { readonly state: 'CANCELLED'; readonly reason: unknown };

export async function invokeAction(registry: ActionRegistry, req: InvokeRequest): Promise<Invocation> {
  const action = registry.get(req.actionName);
  if (!action) {
    const failure = new ActionNotFoundFailure(req.actionName);
    return { state: 'ERROR', output: failure.message, async: false, failure };
  }
  const async = action.async === true;
  const invalid = validateActionInput(action, req.input);
  if (invalid !== undefined) {
    return { state: 'ERROR', output: invalid, async, failure: new InvalidInputFailure(invalid) };
  }

  const controller = new AbortController();
  const onOuterAbort = (): void => controller.abort(new CancelledFailure('Action run cancelled'));
  req.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (req.signal?.aborted) onOuterAbort();
  const timer =
    req.timeoutSeconds !== undefined && req.timeoutSeconds > 0
      ? setTimeout(
          () => controller.abort(new TimeoutFailure(req.timeoutSeconds ?? 0)),
          req.timeoutSeconds * 1000,
        )
      : undefined;

  try {
    const ctx = contextFor(req, controller.signal);
    // The race makes an action that ignores its signal still stop on time.
    const outcome = await raceAbort(action.run(req.input, ctx), controller.signal);
    return outcome.ok
      ? { state: 'SUCCESS', output: outcome.result, async }
      : { state: 'ERROR', output: outcome.error, async };
  } catch (thrown) {
    if (req.signal?.aborted) return { state: 'CANCELLED', reason: req.signal.reason };
    const failure = ensureActionFailure(thrown);
    return {
      state: 'ERROR',
      output: exceptionMessage(action, req.actionExecutionId, failure),
      async,
      failure,
    };
  } finally {
    if (timer) clearTimeout(timer);
    req.signal?.removeEventListener('abort', onOuterAbort);
  }
}

function contextFor(req: InvokeRequest, signal: AbortSignal): ActionContext {
  return {
    signal,
    executionId: req.executionId,
    actionExecutionId: req.actionExecutionId,
    callbackUrl: `/v2/action_executions/${req.actionExecutionId}`,
    ...(req.taskExecutionId !== undefined && { taskExecutionId: req.taskExecutionId }),
    ...(req.workflowName !== undefined && { workflowName: req.workflowName }),
  };
}

/** Mistral's error text for an action that raised. */
export function exceptionMessage(action: Action, actionExecutionId: string, failure: Error): string {
  const repr = action.repr ?? `<${action.className ?? action.name} object>`;
  return `The action raised an exception [action=${repr}, action_ex_id=${actionExecutionId}, msg='${failure.message}']`;
}
