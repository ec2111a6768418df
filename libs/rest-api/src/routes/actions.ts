// /v2/actions: system actions (from the action registry) and ad-hoc actions
// (written through the catalog, read from the in-memory registry), listed
// together, filtered and sorted in memory as Mistral does.
import express, { Router, type Request } from 'express';
import type { AdHocActionRecord } from '@sirocco/catalog';
import { toMistralTimestamp } from '@sirocco/projections';
import { notFound } from '@sirocco/workflow';
import type { AdHocActionDependencies, RestApiDependencies } from '../dependencies.js';
import { badRequest } from '../http/http-error.js';
import { listInMemory } from '../http/in-memory-list.js';
import { baseUrl, selectFields } from '../http/list-request.js';
import { queryText } from '../http/query-params.js';
import { route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import {
  ACTION_FIELDS,
  presentAction,
  presentAdHocAction,
  type AdHocActionView,
} from '../presenters/action.js';

// Mistral's filter parameters of GET /v2/actions, in the order its `next` links write them.
const ACTION_FILTERS = [
  'created_at',
  'name',
  'scope',
  'tags',
  'updated_at',
  'description',
  'definition',
  'is_system',
  'input',
  'namespace',
] as const;

const view = (r: AdHocActionRecord): AdHocActionView => ({
  ...r,
  createdAt: toMistralTimestamp(r.createdAt),
  updatedAt: r.updatedAt === null ? null : toMistralTimestamp(r.updatedAt),
});

export function actionsRouter(deps: RestApiDependencies, readTimeoutMs: number): Router {
  const router = Router();
  const adHoc = deps.adHocActions;
  const systemNames = new Set(deps.actions.map((a) => a.name));
  const yamlBody = express.text({ type: () => true, limit: deps.bodyLimitBytes });
  const namespaceOf = (req: Request): string => queryText(req, 'namespace') ?? '';

  route(router, '/', {
    get: (req, res) => {
      const all = [
        ...deps.actions.map(presentAction),
        ...(adHoc?.registry.list() ?? []).map((r) => presentAdHocAction(view(r))),
      ];
      const page = listInMemory(req, all, {
        filterFields: ACTION_FILTERS,
        defaults: { namespace: '' },
        fields: ACTION_FIELDS,
        defaultSortKey: 'name',
      });
      sendJson(res, 200, {
        actions: page.items.map((a) => selectFields(a, page.fields)),
        ...(page.next ? { next: `${baseUrl(req)}/v2/actions?${page.next}` } : {}),
      });
    },
    ...(adHoc
      ? {
          post: [
            yamlBody,
            async (req: Request, res: express.Response) => {
              const saved = await adHoc.catalog.create(definitionText(req), saveOptions(req));
              sendJson(res, 201, { actions: await present(adHoc, saved, 'post') });
            },
          ],
          put: [yamlBody, async (req: Request, res: express.Response) => sendJson(res, 200, await put(req))],
        }
      : {}),
  });

  const put = async (req: Request, identifier?: string) => {
    const saved = await adHoc!.catalog.update(definitionText(req), {
      ...saveOptions(req),
      ...(identifier !== undefined ? { identifier } : {}),
    });
    return { actions: await present(adHoc!, saved, 'put') };
  };

  const saveOptions = (req: Request) => ({
    namespace: namespaceOf(req),
    ...(queryText(req, 'scope') !== undefined ? { scope: queryText(req, 'scope')! } : {}),
  });

  // Answers from the registry once it holds our write, so the times shown are the stored ones.
  const present = async (
    a: AdHocActionDependencies,
    saved: { actions: readonly { name: string; namespace: string; at: string }[]; position: number },
    mode: 'post' | 'put',
  ) => {
    await a.registry.waitForPosition(saved.position, readTimeoutMs);
    return saved.actions.map((s) => {
      const record = a.registry.find(s.name, s.namespace);
      if (!record) throw notFound(`Action not found [name=${s.name}, namespace=${s.namespace}]`);
      return presentAdHocAction(view(record), mode);
    });
  };

  route(router, '/:identifier', {
    get: (req, res) => {
      const name = String(req.params['identifier']);
      const namespace = namespaceOf(req);
      const system = systemNames.has(name) ? deps.actions.find((a) => a.name === name) : undefined;
      if (system) return sendJson(res, 200, presentAction(system));
      const record = adHoc?.registry.find(name, namespace);
      if (!record) throw notFound(`Action not found [name=${name}, namespace=${namespace}]`);
      sendJson(res, 200, presentAdHocAction(view(record)));
    },
    ...(adHoc
      ? {
          put: [
            yamlBody,
            async (req: Request, res: express.Response) =>
              sendJson(res, 200, await put(req, String(req.params['identifier']))),
          ],
          delete: async (req: Request, res: express.Response) => {
            const deleted = await adHoc.catalog.delete(String(req.params['identifier']), namespaceOf(req));
            await adHoc.registry.waitForPosition(deleted.position, readTimeoutMs);
            res.status(204).end();
          },
        }
      : {}),
  });

  return router;
}

function definitionText(req: Request): string {
  if (typeof req.body !== 'string' || req.body.trim() === '') throw badRequest('Action definition is empty');
  return req.body;
}
