// /v2/action_executions and /v2/action_executions/{id} (read-only here).
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

export function actionExecutionsRouter(deps: RestApiDependencies): Router {
  const router = Router();
  const { readModels } = deps;

  route(router, '/', {
    get: async (req, res) => {
      const list = readListRequest(
        req,
        'action_executions',
        ACTION_EXECUTION_FILTERS,
        ACTION_EXECUTION_FIELDS,
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

  route(router, '/:id', {
    get: async (req, res) => {
      const id = String(req.params['id']);
      const row = await readModels.getActionExecution(id);
      if (!row) throw notFound(`ActionExecution not found [id=${id}]`);
      sendJson(res, 200, presentActionExecution(row, true));
    },
  });

  return router;
}
