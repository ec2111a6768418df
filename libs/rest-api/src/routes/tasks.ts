// /v2/tasks, /v2/tasks/{id}, /v2/tasks/{id}/action_executions.
import { Router } from 'express';
import { notFound } from '@sirocco/workflow';
import type { RestApiDependencies } from '../dependencies.js';
import { baseUrl, nextLink, readListRequest, selectFields } from '../http/list-request.js';
import { route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import {
  ACTION_EXECUTION_FIELDS,
  ACTION_EXECUTION_FILTERS,
  presentActionExecution,
} from '../presenters/action-execution.js';
import { TASK_FIELDS, TASK_FILTERS, presentTask } from '../presenters/task.js';

export function tasksRouter(deps: RestApiDependencies): Router {
  const router = Router();
  const { readModels } = deps;

  route(router, '/', {
    get: async (req, res) => {
      const list = readListRequest(req, 'tasks', TASK_FILTERS, TASK_FIELDS);
      const rows = await readModels.listTasks(list.query);
      const next = nextLink(baseUrl(req), 'tasks', list, rows);
      sendJson(res, 200, {
        tasks: rows.map((r) => selectFields(presentTask(r), list.fields)),
        ...(next ? { next } : {}),
      });
    },
  });

  route(router, '/:id', {
    get: async (req, res) => {
      const id = String(req.params['id']);
      const [row, result] = await Promise.all([readModels.getTask(id), readModels.getTaskResult(id)]);
      if (!row) throw notFound(`Task execution not found [id=${id}]`);
      sendJson(res, 200, presentTask(row, result ?? { value: null }));
    },
  });

  route(router, '/:id/action_executions', {
    get: async (req, res) => {
      const list = readListRequest(
        req,
        'action_executions',
        ACTION_EXECUTION_FILTERS,
        ACTION_EXECUTION_FIELDS,
        [{ field: 'task_execution_id', op: 'eq', value: String(req.params['id']) }],
      );
      const rows = await readModels.listActionExecutions(list.query);
      const next = nextLink(baseUrl(req), 'action_executions', list, rows);
      sendJson(res, 200, {
        action_executions: rows.map((r) =>
          selectFields(presentActionExecution(r, !!list.fields?.includes('output')), list.fields),
        ),
        ...(next ? { next } : {}),
      });
    },
  });

  return router;
}
