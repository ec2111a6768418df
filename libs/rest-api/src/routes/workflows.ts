// /v2/workflows: definitions are YAML text in, JSON out.
import express, { Router, type Request } from 'express';
import { notFound } from '@sirocco/workflow';
import type { RestApiDependencies } from '../dependencies.js';
import { badRequest } from '../http/http-error.js';
import { baseUrl, nextLink, readListRequest, selectFields } from '../http/list-request.js';
import { queryText } from '../http/query-params.js';
import { route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import { WORKFLOW_FIELDS, WORKFLOW_FILTERS, presentWorkflow } from '../presenters/workflow.js';

export function workflowsRouter(deps: RestApiDependencies, readTimeoutMs: number): Router {
  const router = Router();
  const { catalog, readModels } = deps;
  // Any content type: mistralclient sends text/plain, curl users often send other types.
  const yamlBody = express.text({ type: () => true, limit: deps.bodyLimitBytes });

  const definitionText = (req: Request): string => {
    if (typeof req.body !== 'string' || req.body.trim() === '')
      throw badRequest('Workflow definition is empty');
    return req.body;
  };
  const namespaceOf = (req: Request): string => queryText(req, 'namespace') ?? '';

  const savedRows = async (ids: readonly string[], position: number) => {
    await readModels.waitForPosition(position, readTimeoutMs);
    const rows = await Promise.all(ids.map((id) => readModels.getWorkflow(id)));
    return rows.filter((r) => r !== undefined);
  };

  const put = async (req: Request, identifier?: string) => {
    const saved = await catalog.update(definitionText(req), {
      namespace: namespaceOf(req),
      ...(queryText(req, 'scope') !== undefined ? { scope: queryText(req, 'scope')! } : {}),
      ...(identifier !== undefined ? { identifier } : {}),
    });
    return (
      await savedRows(
        saved.workflows.map((w) => w.workflowId),
        saved.position,
      )
    ).map((r) => presentWorkflow(r, 'put'));
  };

  route(router, '/', {
    get: async (req, res) => {
      const list = readListRequest(req, 'workflows', WORKFLOW_FILTERS, WORKFLOW_FIELDS);
      const rows = await readModels.listWorkflows(list.query);
      const next = nextLink(baseUrl(req), 'workflows', list, rows);
      sendJson(res, 200, {
        workflows: rows.map((r) => selectFields(presentWorkflow(r), list.fields)),
        ...(next ? { next } : {}),
      });
    },
    post: [
      yamlBody,
      async (req, res) => {
        const saved = await catalog.create(definitionText(req), {
          namespace: namespaceOf(req),
          ...(queryText(req, 'scope') !== undefined ? { scope: queryText(req, 'scope')! } : {}),
        });
        const rows = await savedRows(
          saved.workflows.map((w) => w.workflowId),
          saved.position,
        );
        sendJson(res, 201, { workflows: rows.map((r) => presentWorkflow(r, 'post')) });
      },
    ],
    put: [yamlBody, async (req, res) => sendJson(res, 200, { workflows: await put(req) })],
  });

  route(router, '/:identifier', {
    get: async (req, res) => {
      const identifier = String(req.params['identifier']);
      const namespace = namespaceOf(req);
      const row =
        (await readModels.findWorkflowByName(namespace, identifier)) ??
        (await readModels.getWorkflow(identifier));
      if (!row)
        throw notFound(`Workflow not found [workflow_identifier=${identifier}, namespace=${namespace}]`);
      sendJson(res, 200, presentWorkflow(row));
    },
    put: [
      yamlBody,
      async (req, res) => {
        const [one] = await put(req, String(req.params['identifier']));
        sendJson(res, 200, one ?? {});
      },
    ],
    delete: async (req, res) => {
      const deleted = await catalog.delete(String(req.params['identifier']), namespaceOf(req));
      await readModels.waitForPosition(deleted.position, readTimeoutMs);
      res.status(204).end();
    },
  });

  return router;
}
