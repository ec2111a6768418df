// /v2/executions and /v2/executions/{id}/tasks.
import { Router, type Request } from 'express';
import { isSiroccoError, notFound } from '@sirocco/workflow';
import type { RestApiDependencies } from '../dependencies.js';
import { badRequest } from '../http/http-error.js';
import { jsonBodyAsText, jsonObjectBody, objectAttribute, textAttribute } from '../http/json-body.js';
import { baseUrl, nextLink, readListRequest, selectFields } from '../http/list-request.js';
import { queryBool } from '../http/query-params.js';
import { route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import { EXECUTION_FIELDS, EXECUTION_FILTERS, presentExecution } from '../presenters/execution.js';
import { TASK_FIELDS, TASK_FILTERS, presentTask } from '../presenters/task.js';

// Attributes of Mistral's Execution resource: others are rejected as WSME does.
const EXECUTION_ATTRIBUTES = new Set<string>(EXECUTION_FIELDS);

export function executionsRouter(deps: RestApiDependencies, readTimeoutMs: number): Router {
  const router = Router();
  const { readModels, executions } = deps;

  const executionOr404 = async (id: string) => {
    const row = await readModels.getExecution(id);
    if (!row) throw notFound(`WorkflowExecution not found [id=${id}]`);
    return row;
  };
  const created = (row: Awaited<ReturnType<typeof executionOr404>>) =>
    presentExecution(row, { withOutput: true, withPublishedGlobal: false });

  const start = async (req: Request) => {
    const body = jsonObjectBody(req);
    const unknown = Object.keys(body).find((k) => !EXECUTION_ATTRIBUTES.has(k));
    if (unknown) throw badRequest(`Unknown attribute for argument wf_ex: ${unknown}`);
    const id = textAttribute(body, 'id');
    const workflowName = textAttribute(body, 'workflow_name');
    const workflowId = textAttribute(body, 'workflow_id');
    const namespace = textAttribute(body, 'workflow_namespace');
    const description = textAttribute(body, 'description');
    const input = objectAttribute(body, 'input');
    const params = objectAttribute(body, 'params');
    // Mistral answers a known id with the existing execution instead of starting another.
    if (id) {
      const existing = await readModels.getExecution(id);
      if (existing) return created(existing);
    }
    if (!workflowName && !workflowId) {
      throw badRequest('Workflow ID or workflow name must be provided. Workflow ID is recommended.');
    }
    try {
      const started = await executions.start({
        ...(workflowName ? { workflowName } : {}),
        ...(workflowId ? { workflowId } : {}),
        ...(namespace !== undefined ? { namespace } : {}),
        ...(input ? { input } : {}),
        ...(params ? { params } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(id ? { executionId: id } : {}),
      });
      await readModels.waitForPosition(started.position, readTimeoutMs);
      return created(await executionOr404(started.executionId));
    } catch (error) {
      // Lost a race with another start using the same id: answer with that one.
      if (id && isSiroccoError(error) && error.code === 'CONFLICT') {
        const existing = await readModels.getExecution(id);
        if (existing) return created(existing);
      }
      throw error;
    }
  };

  route(router, '/', {
    get: async (req, res) => {
      const list = readListRequest(req, 'executions', EXECUTION_FILTERS, EXECUTION_FIELDS);
      const withOutput = queryBool(req, 'include_output') ?? false;
      const rows = await readModels.listExecutions(list.query);
      const next = nextLink(baseUrl(req), 'executions', list, rows);
      sendJson(res, 200, {
        executions: rows.map((r) =>
          selectFields(
            presentExecution(r, {
              withOutput: withOutput || !!list.fields?.includes('output'),
              withPublishedGlobal: false,
            }),
            list.fields,
          ),
        ),
        ...(next ? { next } : {}),
      });
    },
    post: [
      jsonBodyAsText(deps.bodyLimitBytes ?? 0),
      async (req, res) => sendJson(res, 201, await start(req)),
    ],
  });

  route(router, '/:id', {
    get: async (req, res) => {
      const row = await executionOr404(String(req.params['id']));
      sendJson(res, 200, presentExecution(row, { withOutput: true, withPublishedGlobal: true }));
    },
  });

  route(router, '/:id/tasks', {
    get: async (req, res) => {
      const executionId = String(req.params['id']);
      const list = readListRequest(req, 'tasks', TASK_FILTERS, TASK_FIELDS, [
        { field: 'workflow_execution_id', op: 'eq', value: executionId },
      ]);
      const rows = await readModels.listTasks(list.query);
      const next = nextLink(baseUrl(req), 'tasks', list, rows);
      sendJson(res, 200, {
        tasks: rows.map((r) => selectFields(presentTask(r), list.fields)),
        ...(next ? { next } : {}),
      });
    },
  });

  return router;
}
