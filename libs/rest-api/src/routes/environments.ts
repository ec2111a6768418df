// /v2/environments: JSON bodies (name, description, variables as an object or
// JSON text, scope), checked the way Mistral's WSME layer and controller do.
import { Router, type Request } from 'express';
import type { EnvironmentInput } from '@sirocco/catalog';
import { invalidInput, notFound } from '@sirocco/workflow';
import type { EnvironmentCatalogPort, RestApiDependencies } from '../dependencies.js';
import { badRequest } from '../http/http-error.js';
import { jsonBodyAsText, jsonObjectBody, objectAttribute, textAttribute } from '../http/json-body.js';
import { baseUrl, nextLink, readListRequest, selectFields } from '../http/list-request.js';
import { route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import { ENVIRONMENT_FIELDS, ENVIRONMENT_FILTERS, presentEnvironment } from '../presenters/environment.js';

const ATTRIBUTES = new Set<string>(ENVIRONMENT_FIELDS);
const pyList = (keys: readonly string[]) => `[${keys.map((k) => `'${k}'`).join(', ')}]`;

/** The environment fields of a body; `legal` are the keys this method accepts (Mistral's lists). */
function environmentBody(req: Request, legal: readonly string[], nameRequired: boolean): EnvironmentInput {
  const body = jsonObjectBody(req);
  const unknown = Object.keys(body).find((k) => !ATTRIBUTES.has(k));
  if (unknown) throw badRequest(`Unknown attribute for argument env: ${unknown}`);
  const name = textAttribute(body, 'name');
  if (nameRequired && !name) throw invalidInput('Name of the environment is not provided.');
  if (Object.keys(body).some((k) => !legal.includes(k) && !(nameRequired && k === 'name'))) {
    throw badRequest(
      `Please, check your environment definition. Only: ${pyList(legal)} are allowed as definition keys.`,
    );
  }
  const scope = textAttribute(body, 'scope');
  if (scope !== undefined && scope !== 'private' && scope !== 'public') {
    throw badRequest(
      `Invalid input for field/attribute scope. Value: '${scope}'. Value should be one of: public, private`,
    );
  }
  const description = textAttribute(body, 'description');
  const variables = objectAttribute(body, 'variables');
  return {
    name,
    ...('description' in body ? { description: description ?? null } : {}),
    ...(variables !== undefined ? { variables } : {}),
    ...(scope !== undefined ? { scope } : {}),
  };
}

export function environmentsRouter(
  deps: RestApiDependencies,
  environments: EnvironmentCatalogPort,
  readTimeoutMs: number,
): Router {
  const router = Router();
  const { readModels } = deps;
  const jsonText = jsonBodyAsText(deps.bodyLimitBytes ?? 0);

  const answer = async (saved: { environment: { name: string }; position: number }, mode: 'post' | 'put') => {
    await readModels.waitForPosition(saved.position, readTimeoutMs);
    const row = await readModels.findEnvironmentByName(saved.environment.name);
    if (!row) throw notFound(`Environment not found [name=${saved.environment.name}]`);
    return presentEnvironment(row, mode);
  };

  route(router, '/', {
    get: async (req, res) => {
      const list = readListRequest(req, 'environments', ENVIRONMENT_FILTERS, ENVIRONMENT_FIELDS);
      const rows = await readModels.listEnvironments(list.query);
      const next = nextLink(baseUrl(req), 'environments', list, rows);
      sendJson(res, 200, {
        environments: rows.map((r) => selectFields(presentEnvironment(r, 'get', !!list.fields), list.fields)),
        ...(next ? { next } : {}),
      });
    },
    post: [
      jsonText,
      async (req, res) => {
        const input = environmentBody(req, ['name', 'description', 'variables', 'scope'], false);
        sendJson(res, 201, await answer(await environments.create(input), 'post'));
      },
    ],
    put: [
      jsonText,
      async (req, res) => {
        const input = environmentBody(req, ['description', 'variables', 'scope'], true);
        sendJson(res, 200, await answer(await environments.update(input), 'put'));
      },
    ],
  });

  route(router, '/:name', {
    get: async (req, res) => {
      const name = String(req.params['name']);
      const row = await readModels.findEnvironmentByName(name);
      if (!row) throw notFound(`Environment not found [name=${name}]`);
      sendJson(res, 200, presentEnvironment(row));
    },
    delete: async (req, res) => {
      const deleted = await environments.delete(String(req.params['name']));
      await readModels.waitForPosition(deleted.position, readTimeoutMs);
      res.status(204).end();
    },
  });

  return router;
}
