// One recorded event of an execution's stream, for GET /v2/executions/{id}/events.
// Not a Mistral resource: field names follow Mistral's snake_case style.
import type { RecordedEvent } from '@sirocco/eventstore';

export function presentAuditEvent(e: RecordedEvent): Record<string, unknown> {
  const at = (e.data as { at?: unknown } | null)?.at;
  return {
    id: e.eventId,
    revision: e.revision,
    position: e.position,
    type: e.type,
    // The decision's own time (the engine's clock), then when the store wrote it.
    at: typeof at === 'string' ? at : null,
    recorded_at: e.recordedAt,
    correlation_id: e.metadata.correlationId ?? null,
    causation_id: e.metadata.causationId ?? null,
    // The span that wrote it (OpenTelemetry, W3C form): find the request or message in a trace viewer.
    traceparent: e.metadata.traceparent ?? null,
    data: e.data,
  };
}
