// Reads of an execution's event stream for the audit endpoints: a page of
// its history, and its state folded up to a revision.
import type { Request } from 'express';
import type { RecordedEvent } from '@sirocco/eventstore';
import {
  executionStreamId,
  foldExecution,
  isExecutionEvent,
  notFound,
  type ExecutionEvent,
} from '@sirocco/workflow';
import type { RestApiDependencies } from '../dependencies.js';
import { badRequest } from '../http/http-error.js';
import { baseUrl } from '../http/list-request.js';
import { queryInt, queryText } from '../http/query-params.js';
import { presentAuditEvent } from '../presenters/audit-event.js';
import { presentExecutionAtRevision } from '../presenters/execution-at-revision.js';

export type StreamReader = NonNullable<RestApiDependencies['eventStore']>;

const missing = (id: string) => notFound(`WorkflowExecution not found [id=${id}]`);

export function revisionParam(req: Request, name: string, min: number): number | undefined {
  const value = queryInt(req, name);
  if (value !== undefined && value < min) throw badRequest(`${name} must be ${min} or more`);
  return value;
}

export async function eventsPage(
  store: StreamReader,
  req: Request,
  id: string,
): Promise<Record<string, unknown>> {
  const stream = executionStreamId(id);
  const limit = queryInt(req, 'limit');
  if (limit !== undefined && limit <= 0) throw badRequest('Limit must be positive.');
  let after = revisionParam(req, 'after_revision', -1) ?? -1;
  const marker = queryText(req, 'marker');
  if (marker) {
    // A marker names the last event of the previous page (as Mistral's markers name rows).
    const found = (await store.readStream(stream)).find((e) => e.eventId === marker);
    if (!found) throw badRequest(`Unknown marker: ${marker}`);
    after = found.revision;
  }
  const events = await store.readStream(stream, {
    fromRevision: after + 1,
    ...(limit ? { maxCount: limit } : {}),
  });
  if (events.length === 0 && (await store.readStream(stream, { maxCount: 1 })).length === 0)
    throw missing(id);
  const last = events[events.length - 1];
  const next =
    limit !== undefined && last && events.length === limit
      ? `${baseUrl(req)}/v2/executions/${encodeURIComponent(id)}/events?limit=${limit}&after_revision=${last.revision}`
      : undefined;
  return { events: events.map(presentAuditEvent), ...(next ? { next } : {}) };
}

/** The execution as of `revision` (the latest when undefined). */
export async function stateAt(
  store: StreamReader,
  id: string,
  revision: number | undefined,
): Promise<Record<string, unknown>> {
  const recorded: RecordedEvent[] = await store.readStream(
    executionStreamId(id),
    revision !== undefined ? { maxCount: revision + 1 } : {},
  );
  if (recorded.length === 0) throw missing(id);
  const last = recorded[recorded.length - 1]!;
  if (revision !== undefined && last.revision < revision) {
    throw badRequest(`Execution ${id} has no revision ${revision} (its last revision is ${last.revision})`);
  }
  const events: ExecutionEvent[] = recorded
    .map((e) => ({ type: e.type, data: e.data }))
    .filter(isExecutionEvent);
  return presentExecutionAtRevision(foldExecution(events), events, last.revision);
}
