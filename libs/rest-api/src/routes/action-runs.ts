// POST /v2/action_executions: runs one action outside any workflow, as
// Mistral's engine start_action does. The action is looked up and its input
// checked first (400 in Mistral's words), then:
// - a sync action runs here and the answer carries its outcome;
// - an async action (std.async_noop...) is started and answered RUNNING.
// Nothing is recorded: these runs are not in the event store, so they are
// not listed and GET/PUT /v2/action_executions/{id} do not find them.
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import type { RestApiDependencies } from '../dependencies.js';
import { badRequest } from '../http/http-error.js';
import { jsonBodyAsText, jsonObjectBody } from '../http/json-body.js';
import { sendJson } from '../http/send-json.js';
import { presentActionRun } from '../presenters/action-run.js';

/** What the API knows of a runnable action before running it. */
export interface RunnableAction {
  /** Mistral's is_sync() is False: the result comes later, through PUT /v2/action_executions/{id}. */
  readonly async: boolean;
  /** Mistral's "Invalid input [name=..., class=..., missing=[...], unexpected=[...]]", undefined when it fits. */
  checkInput(input: Readonly<Record<string, unknown>>): string | undefined;
}

export interface ActionRunRequest {
  readonly name: string;
  readonly namespace: string;
  readonly input: Readonly<Record<string, unknown>>;
  /** The id the action sees (its callback URL); Mistral uses `None` for unsaved runs. */
  readonly actionExecutionId: string;
  readonly timeoutSeconds?: number;
}

export interface ActionRunOutcome {
  readonly state: 'SUCCESS' | 'ERROR';
  /** The result (SUCCESS) or the error (ERROR), as Mistral's `{"result": ...}` carries it. */
  readonly output: unknown;
}

/** Runs actions in the API process (the composition root wires it over the ActionRegistry). */
export interface ActionRunnerPort {
  /** undefined when there is no such action; a text when it exists but cannot run outside a workflow. */
  find(name: string, namespace: string): RunnableAction | { readonly unsupported: string } | undefined;
  run(request: ActionRunRequest): Promise<ActionRunOutcome>;
}

const truthy = (v: unknown): boolean => v === true || v === 'true' || v === 'True' || v === 1;

/** Python's repr of a JSON value, close enough for error texts. */
const pyRepr = (v: unknown): string => {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return `'${v.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (typeof v === 'number') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  return `{${Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`)
    .join(', ')}}`;
};

const pyType = (v: unknown): string =>
  Array.isArray(v) ? 'list' : typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v === 'boolean' ? 'bool' : 'dict';

/** `input`/`params`: an object or JSON text of one, in Mistral's error words otherwise. */
function jsonObjectField(body: Record<string, unknown>, name: string): Record<string, unknown> {
  let v = body[name];
  if (v === undefined || v === null || v === '') return {};
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown;
    } catch (e) {
      throw badRequest(
        `Invalid input for field/attribute action_ex. Value: '${pyRepr(body)}'. ${(e as Error).message}`,
      );
    }
    if (v === null) return {};
    if (typeof v !== 'object' || Array.isArray(v)) {
      throw badRequest(`JsonType field value must be a dictionary [actual=${pyRepr(v)}]`);
    }
    return v as Record<string, unknown>;
  }
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw badRequest(
      `Invalid input for field/attribute action_ex. Value: '${pyRepr(body)}'. ` +
        `the JSON object must be str, bytes or bytearray, not ${pyType(v)}`,
    );
  }
  return v as Record<string, unknown>;
}

const optionalText = (body: Record<string, unknown>, name: string): string | undefined => {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') {
    throw badRequest(
      `Invalid input for field/attribute ${name}. Value: '${pyRepr(v)}'. Wrong type. Expected '<class 'str'>', got '<class '${pyType(v)}'>'`,
    );
  }
  return v;
};

function timeoutOf(params: Record<string, unknown>): number | undefined {
  const t = params['timeout'];
  if (t === undefined || t === null) return undefined;
  const n = typeof t === 'string' ? Number(t) : t;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    throw badRequest(`Invalid action timeout: ${pyRepr(t)} (a number of seconds is expected)`);
  }
  return n > 0 ? n : undefined;
}

export function actionRunsRouter(deps: RestApiDependencies): Router {
  const router = Router();
  const runner = deps.runAction;

  // Only POST: GET / falls through to the read-only router.
  router.post(
      '/',
      jsonBodyAsText(deps.bodyLimitBytes ?? 0),
      async (req: Request, res) => {
        const body = jsonObjectBody(req);
        const name = optionalText(body, 'name');
        const description = optionalText(body, 'description') ?? null;
        const namespace = optionalText(body, 'workflow_namespace') ?? '';
        const input = jsonObjectField(body, 'input');
        const params = jsonObjectField(body, 'params');
        if (!name) throw badRequest('Please provide at least action name to run action.');
        if (!runner) throw badRequest('Running actions outside a workflow is not enabled on this server');

        const action = runner.find(name, namespace);
        if (!action) throw badRequest(`Failed to find action [action_name=${name}]`);
        if ('unsupported' in action) throw badRequest(action.unsupported);
        const invalid = action.checkInput(input);
        if (invalid !== undefined) throw badRequest(invalid);
        const sync = truthy(params['run_sync']);
        if (sync && action.async) throw badRequest('Action does not support synchronous execution.');
        const timeoutSeconds = timeoutOf(params);
        const common = { name, namespace, input, description };

        if (action.async) {
          // Started; its result would come through the API (not recorded here, see above).
          const id = randomUUID();
          const outcome = await runner.run({
            name,
            namespace,
            input,
            actionExecutionId: id,
            ...(timeoutSeconds !== undefined && { timeoutSeconds }),
          });
          if (outcome.state === 'ERROR') {
            sendJson(res, 201, presentActionRun({ ...common, id, state: 'ERROR', output: outcome.output }));
            return;
          }
          sendJson(res, 201, presentActionRun({ ...common, id, state: 'RUNNING' }));
          return;
        }
        // `save_result` is not honoured: the run is answered like an unsaved one.
        const outcome = await runner.run({
          name,
          namespace,
          input,
          actionExecutionId: 'None',
          ...(timeoutSeconds !== undefined && { timeoutSeconds }),
        });
        sendJson(res, 201, presentActionRun({ ...common, id: null, state: outcome.state, output: outcome.output }));
      },
  );

  return router;
}
