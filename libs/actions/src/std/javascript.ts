import { optional, param, success, type Action } from '../action.js';
import { ApplicationFailure, CancelledFailure, TimeoutFailure } from '../failures.js';
import { evaluateInSandbox } from './js-sandbox.js';

export interface JavaScriptActionOptions {
  /** Longest a script may run, whatever the task timeout (ms). */
  readonly scriptTimeoutMs?: number;
  readonly maxHeapMb?: number;
}

/**
 * Mistral's JavaScriptAction (std.javascript and its alias std.js): `script`
 * is a function body, `context` is visible to it as `$`, its return value is
 * the result. Failures read "JavaScriptAction failed: <error>".
 */
export function javascriptAction(
  name: 'std.javascript' | 'std.js',
  options: JavaScriptActionOptions = {},
): Action {
  return {
    name,
    description: 'Evaluates `script` as the body of a JavaScript function; `context` is available as `$`.',
    className: 'mistral.actions.std_actions.JavaScriptAction',
    inputSpec: [param('script'), optional('context', null)],
    async run(input, ctx) {
      try {
        const result = await evaluateInSandbox({
          script: String(input['script'] ?? ''),
          context: input['context'] ?? null,
          timeoutMs: options.scriptTimeoutMs ?? 30_000,
          signal: ctx.signal,
          ...(options.maxHeapMb !== undefined && { maxHeapMb: options.maxHeapMb }),
        });
        return success(result);
      } catch (e) {
        // Timeouts and cancellations from the signal keep their own type.
        if (e instanceof TimeoutFailure || e instanceof CancelledFailure) throw e;
        const message = e instanceof Error ? e.message : String(e);
        throw new ApplicationFailure(`JavaScriptAction failed: ${message}`, { cause: e });
      }
    },
  };
}
