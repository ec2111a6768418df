// /v2/event_triggers: create, list, get, update and delete, as Mistral 15.
// The rules (mandatory fields, the workflow and its input, one trigger per
// exchange/topic/event/workflow, what PUT may not change) are the service's;
// this reads Mistral's JSON bodies and writes Mistral's resource.
import { Router, type Request } from 'express';
import type { RestApiDependencies } from '../dependencies.js';
import { badRequest, HttpError } from '../http/http-error.js';
import { jsonBodyAsText, jsonObjectBody, objectAttribute, textAttribute } from '../http/json-body.js';
import { baseUrl, selectFields } from '../http/list-request.js';
import { queryInt, queryList, queryText } from '../http/query-params.js';
import { route } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import {
  EVENT_TRIGGER_FIELDS,
  presentEventTrigger,
  type EventTriggerView,
} from '../presenters/event-trigger.js';

/** A POST or PUT body, camelCase. Absent fields are left out. */
export interface EventTriggerBody {
  readonly name?: string;
  readonly workflowId?: string;
  readonly workflowInput?: Readonly<Record<string, unknown>>;
  readonly workflowParams?: Readonly<Record<string, unknown>>;
  readonly exchange?: string;
  readonly topic?: string;
  readonly event?: string;
  readonly scope?: string;
}

/** What the routes need (EventTriggerService in @sirocco/scheduler). Errors are SiroccoErrors. */
export interface EventTriggersPort {
  create(request: EventTriggerBody): Promise<EventTriggerView>;
  get(identifier: string): EventTriggerView;
  /** Active triggers in creation order. */
  list(): EventTriggerView[];
  /** Rejects changes of exchange, topic, event and workflow_id. */
  update(identifier: string, request: EventTriggerBody): Promise<EventTriggerView>;
  delete(identifier: string): Promise<void>;
}

const ATTRIBUTES = new Set<string>(EVENT_TRIGGER_FIELDS);
/** Mistral's EventTrigger declares these `readonly`: WSME refuses them in a body. */
const READ_ONLY = new Set(['id', 'created_at', 'updated_at', 'project_id']);
/** List filters (equality), by Mistral's parameter names. */
const FILTERS = ['name', 'workflow_id', 'exchange', 'topic', 'event', 'scope', 'project_id'] as const;

/** The same body for POST and PUT (Mistral's EventTrigger resource either way). */
function readBody(req: Request): EventTriggerBody {
  const body = jsonObjectBody(req);
  const unknown = Object.keys(body).find((k) => !ATTRIBUTES.has(k));
  if (unknown) throw badRequest(`Unknown attribute for argument event_trigger: ${unknown}`);
  const readOnly = Object.keys(body).find((k) => READ_ONLY.has(k));
  if (readOnly) {
    const v = body[readOnly];
    throw badRequest(
      `Invalid input for field/attribute ${readOnly}. Value: '${typeof v === 'string' ? v : JSON.stringify(v)}'. Cannot set read only field.`,
    );
  }
  const text = (name: string) => textAttribute(body, name);
  const pick = <K extends string, V>(key: K, value: V | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Record<K, V>);
  return {
    ...pick('name', text('name')),
    ...pick('workflowId', text('workflow_id')),
    ...pick('workflowInput', objectAttribute(body, 'workflow_input')),
    ...pick('workflowParams', objectAttribute(body, 'workflow_params')),
    ...pick('exchange', text('exchange')),
    ...pick('topic', text('topic')),
    ...pick('event', text('event')),
    ...pick('scope', text('scope')),
  };
}

export function eventTriggersRouter(deps: RestApiDependencies): Router {
  const router = Router();
  const port = (): EventTriggersPort => {
    if (!deps.eventTriggers)
      throw new HttpError(
        501,
        deps.eventTriggersUnavailable ?? 'Event triggers are not available in this process.',
      );
    return deps.eventTriggers;
  };

  route(router, '/', {
    get: (req, res) => {
      const fields = queryList(req, 'fields');
      if (fields) {
        const unknown = fields.filter((f) => !ATTRIBUTES.has(f));
        if (unknown.length > 0) {
          throw badRequest(
            `Some fields do not exist  [${unknown.join(', ')}], please choose from [${EVENT_TRIGGER_FIELDS.join(', ')}]`,
          );
        }
      }
      const selected = fields && fields.length > 0 ? ['id', ...fields.filter((f) => f !== 'id')] : undefined;
      const limit = queryInt(req, 'limit');
      if (limit !== undefined && limit <= 0) throw badRequest('Limit must be positive.');
      let rows = port()
        .list()
        .map((t) => presentEventTrigger(t));
      const marker = queryText(req, 'marker');
      if (marker) {
        const at = rows.findIndex((r) => r['id'] === marker);
        if (at < 0) port().get(marker); // throws: not found
        rows = rows.slice(at + 1);
      }
      const filters: [string, string][] = [];
      for (const field of FILTERS) {
        const raw = queryText(req, field);
        if (raw === undefined) continue;
        const value = raw.startsWith('eq:') ? raw.slice(3) : raw;
        filters.push([field, value]);
        rows = rows.filter((r) => String(r[field]) === value);
      }
      const page = limit === undefined ? rows : rows.slice(0, limit);
      const last = page[page.length - 1];
      const next =
        limit !== undefined && last && page.length === limit
          ? `${baseUrl(req)}/v2/event_triggers?${[
              'sort_keys=created_at,id',
              'sort_dirs=asc,asc',
              ...filters.map(([f, v]) => `${f}=eq:${encodeURIComponent(v)}`),
              `limit=${limit}`,
              `marker=${String(last['id'])}`,
              ...(selected ? [`fields=${selected.join(',')}`] : []),
            ].join('&')}`
          : undefined;
      sendJson(res, 200, {
        event_triggers: page.map((r) => selectFields(r, selected)),
        ...(next ? { next } : {}),
      });
    },
    post: [
      jsonBodyAsText(deps.bodyLimitBytes ?? 0),
      async (req, res) => sendJson(res, 201, presentEventTrigger(await port().create(readBody(req)), 'post')),
    ],
  });

  route(router, '/:identifier', {
    get: (req, res) => sendJson(res, 200, presentEventTrigger(port().get(String(req.params['identifier'])))),
    put: [
      jsonBodyAsText(deps.bodyLimitBytes ?? 0),
      async (req, res) =>
        sendJson(
          res,
          200,
          presentEventTrigger(await port().update(String(req.params['identifier']), readBody(req))),
        ),
    ],
    delete: async (req, res) => {
      await port().delete(String(req.params['identifier']));
      res.status(204).end();
    },
  });

  return router;
}
