// /v2/actions: the system actions, listed from the registry in memory.
// Ad-hoc actions (POST /v2/actions) are not supported yet.
import { Router, type Request } from 'express';
import { notFound, parseFilterParam } from './route-helpers.js';
import type { RestApiDependencies } from '../dependencies.js';
import { badRequest } from '../http/http-error.js';
import { baseUrl, selectFields } from '../http/list-request.js';
import { queryInt, queryList, queryText } from '../http/query-params.js';
import { route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import { ACTION_FIELDS, presentAction, type ActionDescriptor } from '../presenters/action.js';

function matches(action: ActionDescriptor, req: Request): boolean {
  for (const field of ['name', 'namespace'] as const) {
    const raw = queryText(req, field);
    if (raw === undefined) continue;
    const value = field === 'name' ? action.name : '';
    const f = parseFilterParam(field, raw);
    const list = Array.isArray(f.value) ? f.value : [f.value];
    const ok =
      f.op === 'in'
        ? list.includes(value)
        : f.op === 'nin'
          ? !list.includes(value)
          : f.op === 'neq'
            ? value !== list[0]
            : f.op === 'has'
              ? value.includes(list[0] ?? '')
              : value === list[0];
    if (!ok) return false;
  }
  return true;
}

export function actionsRouter(deps: RestApiDependencies): Router {
  const router = Router();

  route(router, '/', {
    get: async (req, res) => {
      const limit = queryInt(req, 'limit');
      if (limit !== undefined && limit <= 0) throw badRequest('Limit must be positive.');
      const desc = queryList(req, 'sort_dirs')?.[0] === 'desc';
      const fields = queryList(req, 'fields');
      const unknownField = fields?.find((f) => !(ACTION_FIELDS as readonly string[]).includes(f));
      if (unknownField) {
        throw badRequest(
          `Some fields do not exist  [${unknownField}], please choose from [${ACTION_FIELDS.join(', ')}]`,
        );
      }
      let actions = deps.actions
        .filter((a) => matches(a, req))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      if (desc) actions = actions.reverse();
      const marker = queryText(req, 'marker');
      if (marker) {
        const at = actions.findIndex((a) => a.name === marker);
        if (at < 0) throw notFound(`Action not found [id=${marker}]`);
        actions = actions.slice(at + 1);
      }
      const page = limit !== undefined ? actions.slice(0, limit) : actions;
      const selected =
        fields && fields.length > 0 ? (fields.includes('id') ? fields : ['id', ...fields]) : undefined;
      const last = page[page.length - 1];
      const next =
        limit !== undefined && last && page.length === limit
          ? `${baseUrl(req)}/v2/actions?sort_keys=name,id&sort_dirs=${desc ? 'desc' : 'asc'},asc&limit=${limit}&marker=${encodeURIComponent(last.name)}${selected ? `&fields=${selected.join(',')}` : ''}`
          : undefined;
      sendJson(res, 200, {
        actions: page.map((a) => selectFields(presentAction(a), selected)),
        ...(next ? { next } : {}),
      });
    },
  });

  route(router, '/:identifier', {
    get: async (req, res) => {
      const name = String(req.params['identifier']);
      const action = deps.actions.find((a) => a.name === name);
      if (!action) throw notFound(`Action not found [name=${name}, namespace=]`);
      sendJson(res, 200, presentAction(action));
    },
  });

  return router;
}
