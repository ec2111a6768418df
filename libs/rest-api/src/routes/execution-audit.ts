// Audit endpoints of an execution, read from its event stream (the truth)
// rather than the read models: its history, its state at a past revision,
// Mistral's report, replay and what-if replay. Mounted before the
// executions router so that `GET /{id}?at_revision=N` is answered here.
import express, { Router, type Request } from 'express';
import type { AuditPort, RestApiDependencies, WhatIfVersion } from '../dependencies.js';
import { HttpError, badRequest } from '../http/http-error.js';
import { jsonObjectBody } from '../http/json-body.js';
import { queryBool, queryInt, queryText } from '../http/query-params.js';
import { route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import { buildExecutionReport } from './execution-report.js';
import { eventsPage, revisionParam, stateAt, type StreamReader } from './execution-history.js';

const unavailable = (what: string) => new HttpError(501, `${what} is not available in this deployment`);

function whatIfVersion(req: Request): WhatIfVersion {
  const fromQuery = queryInt(req, 'definition_revision');
  if (req.method === 'GET' || (fromQuery !== undefined && !req.body)) {
    if (fromQuery === undefined) throw badRequest('definition_revision is required');
    return { definitionRevision: fromQuery };
  }
  if (req.is('text/plain') || req.is('application/x-yaml')) return { definition: String(req.body) };
  const body = jsonObjectBody(req);
  const revision = body['definition_revision'];
  const definition = body['definition'];
  if (typeof definition === 'string') return { definition };
  if (typeof revision === 'number' && Number.isInteger(revision) && revision >= 0)
    return { definitionRevision: revision };
  throw badRequest(
    'Give definition_revision (a revision of the workflow definition) or definition (a YAML text)',
  );
}

export function executionAuditRouter(deps: RestApiDependencies): Router {
  const router = Router();
  const store = (): StreamReader =>
    deps.eventStore ??
    (() => {
      throw unavailable('Execution history');
    })();
  const audit = (): AuditPort =>
    deps.audit ??
    (() => {
      throw unavailable('Replay');
    })();
  const id = (req: Request) => String(req.params['id']);

  // Only with `at_revision`; otherwise the executions router answers.
  router.get('/:id', async (req, res, next) => {
    if (queryText(req, 'at_revision') === undefined) return next();
    sendJson(res, 200, await stateAt(store(), id(req), revisionParam(req, 'at_revision', 0)));
  });

  route(router, '/:id/state', {
    get: async (req, res) =>
      sendJson(res, 200, await stateAt(store(), id(req), revisionParam(req, 'revision', 0))),
  });

  route(router, '/:id/events', {
    get: async (req, res) => sendJson(res, 200, await eventsPage(store(), req, id(req))),
  });

  route(router, '/:id/report', {
    get: async (req, res) => {
      const filters = {
        errorsOnly: queryBool(req, 'errors_only') ?? false,
        maxDepth: queryInt(req, 'max_depth') ?? -1,
        statisticsOnly: queryBool(req, 'statistics_only') ?? false,
      };
      sendJson(res, 200, await buildExecutionReport(deps.readModels, id(req), filters));
    },
  });

  const replay = async (req: Request, res: express.Response) =>
    sendJson(res, 200, await audit().replay(id(req)));
  route(router, '/:id/replay', { get: replay, post: replay });

  const whatIf = async (req: Request, res: express.Response) =>
    sendJson(res, 200, await audit().whatIf(id(req), whatIfVersion(req)));
  route(router, '/:id/what-if', {
    get: whatIf,
    post: [express.text({ type: () => true, limit: deps.bodyLimitBytes ?? 0 }), whatIf],
  });

  return router;
}
