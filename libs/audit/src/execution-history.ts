// An execution's recorded history as the audit sees it: each event with its
// stream revision, store time, domain time and message lineage.
import type { EventStore, RecordedEvent } from '@sirocco/eventstore';
import { executionStreamId, isExecutionEvent, notFound, type ExecutionEvent } from '@sirocco/workflow';

export type HistoryReader = Pick<EventStore, 'readStream'>;

export interface AuditedEvent {
  readonly revision: number;
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  /** When the store recorded the event. */
  readonly recordedAt: string;
  /** When the event happened (the decision's clock), from the event itself. */
  readonly at: string | undefined;
  readonly correlationId: string | undefined;
  readonly causationId: string | undefined;
}

export const toAuditedEvent = (e: RecordedEvent): AuditedEvent => {
  const at = (e.data as { at?: unknown } | null)?.at;
  return {
    revision: e.revision,
    position: e.position,
    eventId: e.eventId,
    type: e.type,
    data: e.data,
    recordedAt: e.recordedAt,
    at: typeof at === 'string' ? at : undefined,
    correlationId: e.metadata.correlationId,
    causationId: e.metadata.causationId,
  };
};

/** The execution's events as the decider knows them; events of unknown types are skipped. */
export const asExecutionEvents = (recorded: readonly RecordedEvent[]): ExecutionEvent[] =>
  recorded
    .map((e) => ({ type: e.type, data: e.data }))
    .filter((e): e is ExecutionEvent => isExecutionEvent(e));

/** The whole stream; a NOT_FOUND error (404 in the API) when the execution has no events. */
export async function readExecutionStream(
  store: HistoryReader,
  executionId: string,
): Promise<RecordedEvent[]> {
  const events = await store.readStream(executionStreamId(executionId));
  if (events.length === 0) throw notFound(`WorkflowExecution not found [id=${executionId}]`);
  return events;
}
