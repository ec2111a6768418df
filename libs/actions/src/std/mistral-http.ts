import type { Action } from '../action.js';
import { HTTP_INPUT_SPEC, runHttp, type HttpActionOptions } from './http.js';

/**
 * std.http that tells the callee how to report back (Mistral-* headers) and
 * is asynchronous: a 2xx only starts it; the callee later sends the result to
 * the callback URL. An error status still fails it at once.
 */
export function mistralHttpAction(options: HttpActionOptions = {}): Action {
  return {
    name: 'std.mistral_http',
    description:
      'Like std.http, adding Mistral-* headers with a callback URL; the result comes later through the API.',
    className: 'mistral.actions.std_actions.MistralHTTPAction',
    inputSpec: HTTP_INPUT_SPEC,
    async: true,
    run: (input, ctx) =>
      runHttp(input, ctx, options, {
        'Mistral-Workflow-Name': ctx.workflowName,
        'Mistral-Workflow-Execution-Id': ctx.executionId,
        'Mistral-Task-Id': ctx.taskExecutionId,
        'Mistral-Action-Execution-Id': ctx.actionExecutionId,
        'Mistral-Callback-URL': ctx.callbackUrl,
      }),
  };
}
