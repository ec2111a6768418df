// /v2/workbooks: YAML in, JSON out. Saving a workbook also registers its
// workflows and actions (`<workbook>.<name>`); the answer waits until the
// read models and the ad-hoc action registry show all of them.
import express, { Router, type Request } from 'express';
import type { SavedWorkbook } from '@sirocco/catalog';
import { notFound } from '@sirocco/workflow';
import type { RestApiDependencies, WorkbookCatalogPort } from '../dependencies.js';
import { badRequest } from '../http/http-error.js';
import { baseUrl, nextLink, readListRequest, selectFields } from '../http/list-request.js';
import { queryText } from '../http/query-params.js';
import { route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import { WORKBOOK_FIELDS, WORKBOOK_FILTERS, presentWorkbook } from '../presenters/workbook.js';

export function workbooksRouter(
  deps: RestApiDependencies,
  workbooks: WorkbookCatalogPort,
  readTimeoutMs: number,
): Router {
  const router = Router();
  const { readModels } = deps;
  const yamlBody = express.text({ type: () => true, limit: deps.bodyLimitBytes });
  const namespaceOf = (req: Request): string => queryText(req, 'namespace') ?? '';
  const saveOptions = (req: Request) => ({
    namespace: namespaceOf(req),
    ...(queryText(req, 'scope') !== undefined ? { scope: queryText(req, 'scope')! } : {}),
  });
  const text = (req: Request): string => {
    if (typeof req.body !== 'string' || req.body.trim() === '')
      throw badRequest('Workbook definition is empty');
    return req.body;
  };

  const answer = async (saved: SavedWorkbook, mode: 'post' | 'put') => {
    await readModels.waitForPosition(saved.position, readTimeoutMs);
    if (saved.actionsPosition > 0)
      await deps.adHocActions?.registry.waitForPosition(saved.actionsPosition, readTimeoutMs);
    const row = await readModels.findWorkbookByName(saved.workbook.namespace, saved.workbook.name);
    if (!row)
      throw notFound(
        `Workbook not found [name=${saved.workbook.name}, namespace=${saved.workbook.namespace}]`,
      );
    return presentWorkbook(row, mode);
  };

  route(router, '/', {
    get: async (req, res) => {
      const list = readListRequest(req, 'workbooks', WORKBOOK_FILTERS, WORKBOOK_FIELDS);
      const rows = await readModels.listWorkbooks(list.query);
      const next = nextLink(baseUrl(req), 'workbooks', list, rows);
      sendJson(res, 200, {
        workbooks: rows.map((r) => selectFields(presentWorkbook(r), list.fields)),
        ...(next ? { next } : {}),
      });
    },
    post: [
      yamlBody,
      async (req, res) =>
        sendJson(res, 201, await answer(await workbooks.create(text(req), saveOptions(req)), 'post')),
    ],
    put: [
      yamlBody,
      async (req, res) =>
        sendJson(res, 200, await answer(await workbooks.update(text(req), saveOptions(req)), 'put')),
    ],
  });

  route(router, '/:name', {
    get: async (req, res) => {
      const name = String(req.params['name']);
      const namespace = namespaceOf(req);
      const row = await readModels.findWorkbookByName(namespace, name);
      if (!row) throw notFound(`Workbook not found [name=${name}, namespace=${namespace}]`);
      sendJson(res, 200, presentWorkbook(row));
    },
    delete: async (req, res) => {
      const deleted = await workbooks.delete(String(req.params['name']), namespaceOf(req));
      await readModels.waitForPosition(deleted.position, readTimeoutMs);
      res.status(204).end();
    },
  });

  return router;
}
