import {
  errorResult,
  optional,
  param,
  success,
  type Action,
  type ActionContext,
  type ActionOutcome,
  type InputParam,
} from '../action.js';
import { ApplicationFailure, InvalidInputFailure } from '../failures.js';
import { prepareRequest, type HttpInput } from '../http/request.js';
import { isSuccessStatus, toHttpResult } from '../http/response.js';
import { send } from '../http/transport.js';

export interface HttpActionOptions {
  /** Largest response body accepted, in bytes. */
  readonly maxResponseBytes?: number;
}

export const HTTP_INPUT_SPEC: readonly InputParam[] = [
  param('url'),
  optional('method', 'GET'),
  ...[
    'params',
    'body',
    'json',
    'headers',
    'cookies',
    'auth',
    'timeout',
    'allow_redirects',
    'proxies',
    'verify',
  ].map((n) => optional(n)),
];

/**
 * Sends the request and returns Mistral's result dict. A status outside
 * 200..306 is an error result carrying that same dict (so on-error can read
 * it); a request that cannot be sent raises "Failed to send HTTP request: ...".
 */
export async function runHttp(
  input: Readonly<Record<string, unknown>>,
  ctx: ActionContext,
  options: HttpActionOptions,
  extraHeaders: Readonly<Record<string, string | undefined>> = {},
): Promise<ActionOutcome> {
  let response;
  try {
    const request = prepareRequest(input as HttpInput, extraHeaders);
    response = await send(request, ctx.signal, options.maxResponseBytes ?? 64 * 1024 * 1024);
  } catch (e) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    if (e instanceof InvalidInputFailure) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new ApplicationFailure(`Failed to send HTTP request: ${message}`, { cause: e });
  }
  const result = toHttpResult(response);
  return isSuccessStatus(result.status) ? success(result) : errorResult(result);
}

export function httpAction(options: HttpActionOptions = {}): Action {
  return {
    name: 'std.http',
    description: 'Sends an HTTP request and returns the response (content, status, headers...).',
    className: 'mistral.actions.std_actions.HTTPAction',
    inputSpec: HTTP_INPUT_SPEC,
    run: (input, ctx) => runHttp(input, ctx, options),
  };
}
