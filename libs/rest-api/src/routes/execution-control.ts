// Changing things that run: PUT/DELETE /v2/executions/{id} (pause, resume,
// cancel, fail, force success, description), PUT /v2/tasks/{id} (rerun a
// failed task) and PUT /v2/action_executions/{id} (an async action's result
// reported from outside). Mounted before the read-only routers: only these
// methods are handled here, everything else falls through to them.
import { Router, type Request } from 'express';
import type { ExecutionControl } from '@sirocco/engine';
import { notFound } from '@sirocco/workflow';
import type { RestApiDependencies } from '../dependencies.js';
import { badRequest } from '../http/http-error.js';
import { jsonBodyAsText, jsonObjectBody } from '../http/json-body.js';
import { sendJson } from '../http/send-json.js';
import { presentActionExecution } from '../presenters/action-execution.js';
import { presentExecution } from '../presenters/execution.js';
import { presentTask } from '../presenters/task.js';

const EXECUTION_STATES = new Set(['PAUSED', 'RUNNING', 'CANCELLED', 'ERROR', 'SUCCESS']);

const optionalText = (body: Record<string, unknown>, name: string): string | undefined => {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badRequest(`'${name}' must be a string`);
  return v;
};

/** Mistral clients send some JSON fields as JSON text; accept both. */
const jsonValue = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

/** The one control command a PUT body asks for (Mistral applies one change per request). */
const executionCommand = (body: Record<string, unknown>): ExecutionControl => {
  const state = optionalText(body, 'state');
  const stateInfo = optionalText(body, 'state_info');
  const description = optionalText(body, 'description');
  if (state === undefined) {
    if (description !== undefined) return { type: 'ChangeDescription', description };
    throw badRequest("Nothing to update: give 'state' (PAUSED, RUNNING, CANCELLED, ERROR, SUCCESS) or 'description'");
  }
  if (!EXECUTION_STATES.has(state)) {
    throw badRequest(`Invalid state '${state}': use one of PAUSED, RUNNING, CANCELLED, ERROR, SUCCESS`);
  }
  const info = stateInfo !== undefined ? { stateInfo } : {};
  switch (state) {
    case 'PAUSED':
      return { type: 'PauseExecution', ...info };
    case 'RUNNING': {
      const env = jsonValue(body['params'] !== undefined ? (jsonValue(body['params']) as Record<string, unknown>)['env'] : undefined);
      return { type: 'ResumeExecution', ...(env && typeof env === 'object' ? { env: env as Record<string, unknown> } : {}) };
    }
    default:
      return { type: 'StopExecution', state: state as 'CANCELLED' | 'ERROR' | 'SUCCESS', ...info };
  }
};

export function executionControlRouter(deps: RestApiDependencies, readTimeoutMs: number): Router {
  const router = Router();
  const { readModels, executions } = deps;
  const body = [jsonBodyAsText(deps.bodyLimitBytes ?? 0)];

  router.put('/:id', ...body, async (req: Request, res) => {
    const id = String(req.params['id']);
    if (!(await readModels.getExecution(id))) throw notFound(`WorkflowExecution not found [id=${id}]`);
    const { position } = await executions.control(id, executionCommand(jsonObjectBody(req)));
    await readModels.waitForPosition(position, readTimeoutMs);
    const row = await readModels.getExecution(id);
    if (!row) throw notFound(`WorkflowExecution not found [id=${id}]`);
    sendJson(res, 200, presentExecution(row, { withOutput: true, withPublishedGlobal: true }));
  });

  router.delete('/:id', async (req, res) => {
    const id = String(req.params['id']);
    if (!(await readModels.getExecution(id))) throw notFound(`WorkflowExecution not found [id=${id}]`);
    const force = req.query['force'] === 'true' || req.query['force'] === '1';
    const { position } = await executions.control(id, { type: 'DeleteExecution', force });
    await readModels.waitForPosition(position, readTimeoutMs);
    res.status(204).end();
  });

  return router;
}

export function taskRerunRouter(deps: RestApiDependencies, readTimeoutMs: number): Router {
  const router = Router();
  const { readModels, executions } = deps;

  router.put('/:id', jsonBodyAsText(deps.bodyLimitBytes ?? 0), async (req: Request, res) => {
    const id = String(req.params['id']);
    const task = await readModels.getTask(id);
    if (!task) throw notFound(`Task execution not found [id=${id}]`);
    const body = jsonObjectBody(req);
    const state = optionalText(body, 'state');
    if (state !== 'RUNNING') throw badRequest("Only state RUNNING (rerun a failed task) can be set on a task");
    const reset = body['reset'] === undefined ? true : body['reset'] === true || body['reset'] === 'true';
    const { position } = await executions.control(task.workflowExecutionId, {
      type: 'RerunTask',
      taskExecutionId: id,
      reset,
    });
    await readModels.waitForPosition(position, readTimeoutMs);
    const [row, result] = await Promise.all([readModels.getTask(id), readModels.getTaskResult(id)]);
    if (!row) throw notFound(`Task execution not found [id=${id}]`);
    sendJson(res, 200, presentTask(row, result ?? { value: null }));
  });

  return router;
}

export function actionResultRouter(deps: RestApiDependencies, readTimeoutMs: number): Router {
  const router = Router();
  const { readModels, executions } = deps;

  router.put('/:id', jsonBodyAsText(deps.bodyLimitBytes ?? 0), async (req: Request, res) => {
    const id = String(req.params['id']);
    const action = await readModels.getActionExecution(id);
    if (!action) throw notFound(`ActionExecution not found [id=${id}]`);
    const body = jsonObjectBody(req);
    const state = optionalText(body, 'state');
    if (state !== 'SUCCESS' && state !== 'ERROR') {
      throw badRequest("'state' must be SUCCESS or ERROR to report an action's result");
    }
    // Mistral's output is `{"result": ...}` (often as JSON text); the result is what the action produced.
    const output = jsonValue(body['output']);
    const result =
      output && typeof output === 'object' && !Array.isArray(output) && 'result' in output
        ? (output as Record<string, unknown>)['result']
        : output;
    const { position } = await executions.reportActionResult(action.workflowExecutionId, id, state, result ?? null);
    await readModels.waitForPosition(position, readTimeoutMs);
    const row = await readModels.getActionExecution(id);
    if (!row) throw notFound(`ActionExecution not found [id=${id}]`);
    sendJson(res, 200, presentActionExecution(row, true));
  });

  return router;
}
