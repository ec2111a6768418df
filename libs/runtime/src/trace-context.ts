// W3C trace context (https://www.w3.org/TR/trace-context/) without an SDK:
// each hop keeps the trace id and gets a new parent id, so a trace started
// by an API request can be followed through NATS messages and event metadata.
// An OpenTelemetry SDK, when added, can take over from the same header.
import { randomBytes } from 'node:crypto';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export interface TraceContext {
  readonly traceId: string;
  readonly spanId: string;
  readonly flags: string;
}

export const parseTraceparent = (value: string | undefined): TraceContext | undefined => {
  const m = value ? TRACEPARENT.exec(value.trim().toLowerCase()) : null;
  if (!m || /^0+$/.test(m[1]!) || /^0+$/.test(m[2]!)) return undefined;
  return { traceId: m[1]!, spanId: m[2]!, flags: m[3]! };
};

export const formatTraceparent = (t: TraceContext): string => `00-${t.traceId}-${t.spanId}-${t.flags}`;

/** A child of `parent` (same trace, new span id), or the root of a new trace. */
export const childOf = (parent: TraceContext | undefined): TraceContext => ({
  traceId: parent?.traceId ?? randomBytes(16).toString('hex'),
  spanId: randomBytes(8).toString('hex'),
  flags: parent?.flags ?? '01',
});
