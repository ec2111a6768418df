// /v2/cron_triggers: create, list, get and delete (Mistral has no update).
// Sirocco accepts two attributes Mistral does not: `workflow_namespace` and
// `timezone` (an IANA zone the pattern is read in; UTC otherwise).
import { Router, type Request } from 'express';
import type { RestApiDependencies } from '../dependencies.js';
import { badRequest, HttpError } from '../http/http-error.js';
import { jsonBodyAsText, jsonObjectBody, objectAttribute, textAttribute } from '../http/json-body.js';
import { baseUrl, selectFields } from '../http/list-request.js';
import { queryInt, queryList, queryText } from '../http/query-params.js';
import { route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import { CRON_TRIGGER_FIELDS, presentCronTrigger, type CronTriggerView } from '../presenters/cron-trigger.js';

export interface CreateCronTriggerBody {
  readonly name: string;
  readonly pattern?: string;
  readonly firstExecutionTime?: string;
  readonly remainingExecutions?: number;
  readonly workflowName?: string;
  readonly workflowId?: string;
  readonly workflowNamespace?: string;
  readonly workflowInput?: Readonly<Record<string, unknown>>;
  readonly workflowParams?: Readonly<Record<string, unknown>>;
  readonly scope?: string;
  readonly timezone?: string;
}

/** What the routes need (CronTriggerService in @sirocco/scheduler). Errors are SiroccoErrors. */
export interface CronTriggersPort {
  create(request: CreateCronTriggerBody): Promise<CronTriggerView>;
  get(identifier: string): CronTriggerView;
  list(): CronTriggerView[];
  delete(identifier: string): Promise<void>;
}

const ATTRIBUTES = new Set<string>([...CRON_TRIGGER_FIELDS, 'workflow_namespace', 'timezone']);
const READ_ONLY = new Set(['id', 'project_id', 'next_execution_time', 'created_at', 'updated_at']);
/** List filters (equality), by Mistral's parameter names. */
const FILTERS = [
  'name',
  'workflow_name',
  'workflow_id',
  'scope',
  'pattern',
  'remaining_executions',
  'project_id',
] as const;

function readCreateBody(req: Request): CreateCronTriggerBody {
  const body = jsonObjectBody(req);
  const unknown = Object.keys(body).find((k) => !ATTRIBUTES.has(k) || READ_ONLY.has(k));
  if (unknown) throw badRequest(`Unknown attribute for argument cron_trigger: ${unknown}`);
  const count = body['remaining_executions'];
  if (count !== undefined && count !== null && (typeof count !== 'number' || !Number.isInteger(count))) {
    throw badRequest(
      `Invalid input for field/attribute remaining_executions. Value: '${JSON.stringify(count)}'. Wrong type. Expected '<class 'int'>'`,
    );
  }
  const text = (name: string) => textAttribute(body, name);
  const pick = <K extends string, V>(key: K, value: V | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Record<K, V>);
  return {
    name: text('name') ?? '',
    ...pick('pattern', text('pattern')),
    ...pick('firstExecutionTime', text('first_execution_time')),
    ...pick('remainingExecutions', typeof count === 'number' ? count : undefined),
    ...pick('workflowName', text('workflow_name')),
    ...pick('workflowId', text('workflow_id')),
    ...pick('workflowNamespace', text('workflow_namespace')),
    ...pick('workflowInput', objectAttribute(body, 'workflow_input')),
    ...pick('workflowParams', objectAttribute(body, 'workflow_params')),
    ...pick('scope', text('scope')),
    ...pick('timezone', text('timezone')),
  };
}

export function cronTriggersRouter(deps: RestApiDependencies): Router {
  const router = Router();
  const port = (): CronTriggersPort => {
    if (!deps.cronTriggers) throw new HttpError(501, 'Cron triggers are not available in this process.');
    return deps.cronTriggers;
  };

  route(router, '/', {
    get: (req, res) => {
      const fields = queryList(req, 'fields');
      if (fields) {
        const bad = fields.find((f) => !(CRON_TRIGGER_FIELDS as readonly string[]).includes(f));
        if (bad) throw badRequest(`Some fields are not valid for cron_triggers: ${bad}`);
      }
      const selected = fields && ['id', ...fields.filter((f) => f !== 'id')];
      let rows = port()
        .list()
        .map((t) => presentCronTrigger(t));
      for (const field of FILTERS) {
        const raw = queryText(req, field);
        if (raw === undefined) continue;
        const value = raw.startsWith('eq:') ? raw.slice(3) : raw;
        rows = rows.filter((r) => String(r[field]) === value);
      }
      const marker = queryText(req, 'marker');
      if (marker) rows = rows.slice(rows.findIndex((r) => r['id'] === marker) + 1);
      const limit = queryInt(req, 'limit');
      const page = limit === undefined ? rows : rows.slice(0, limit);
      const last = page[page.length - 1];
      const next =
        limit !== undefined && last && page.length === limit
          ? `${baseUrl(req)}/v2/cron_triggers?sort_keys=created_at,id&sort_dirs=asc,asc&limit=${limit}&marker=${String(last['id'])}${selected ? `&fields=${selected.join(',')}` : ''}`
          : undefined;
      sendJson(res, 200, {
        cron_triggers: page.map((r) => selectFields(r, selected)),
        ...(next ? { next } : {}),
      });
    },
    post: [
      jsonBodyAsText(deps.bodyLimitBytes ?? 0),
      async (req, res) =>
        sendJson(res, 201, presentCronTrigger(await port().create(readCreateBody(req)), 'post')),
    ],
  });

  route(router, '/:identifier', {
    get: (req, res) => sendJson(res, 200, presentCronTrigger(port().get(String(req.params['identifier'])))),
    delete: async (req, res) => {
      await port().delete(String(req.params['identifier']));
      res.status(204).end();
    },
  });

  return router;
}
