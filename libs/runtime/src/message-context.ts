// What the current unit of work is handling (an HTTP request or a bus
// message). The trace lives in OpenTelemetry's context: an HTTP request runs
// in a SERVER span that continues the caller's `traceparent`, a handled
// message in a CONSUMER span whose parent is the publisher's PRODUCER span
// (`traceparent` header), and every publish in a PRODUCER span. Work details
// (the delivery count of the work item being answered, its headers) ride in
// an AsyncLocalStorage beside it. Decorators use both at the edges: published
// messages get `traceparent` and the delivery count; appended events get the
// same in their metadata, so the history shows when an action ran again.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Span,
} from '@opentelemetry/api';
import type {
  BusMessage,
  ConsumerHandle,
  Headers,
  MessageBus,
  MessageHandler,
  PublishAck,
  PublishOptions,
} from '@sirocco/messaging';
import { formatTraceparent } from './trace-context.js';

/** Header on an action result: how many times the executor got the work item. */
export const WORK_DELIVERY_HEADER = 'sirocco-work-delivery';

export interface MessageContext {
  /** Set while handling a bus message. */
  readonly deliveryCount?: number;
  /** Headers of the message being handled. */
  readonly headers?: Headers;
}

const storage = new AsyncLocalStorage<MessageContext>();
const tracer = () => trace.getTracer('sirocco');

export const currentContext = (): MessageContext | undefined => storage.getStore();

export const runInContext = <T>(ctx: MessageContext, work: () => T): T => storage.run(ctx, work);

/** The W3C `traceparent` of the active span, if any (for event metadata). */
export const activeTraceparent = (): string | undefined => {
  const span = trace.getActiveSpan()?.spanContext();
  if (!span || !isSpanContextValid(span)) return undefined;
  return formatTraceparent({
    traceId: span.traceId,
    spanId: span.spanId,
    flags: span.traceFlags.toString(16).padStart(2, '0'),
  });
};

/** Ends `span` when `work` settles, recording a failure. */
const endWith = <T>(span: Span, work: () => Promise<T>): Promise<T> =>
  work().then(
    (value) => {
      span.end();
      return value;
    },
    (error: unknown) => {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
      span.end();
      throw error;
    },
  );

/** Serves an HTTP request in a SERVER span that continues the caller's trace. */
export const handleInRequestSpan = (
  req: IncomingMessage,
  res: ServerResponse,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): void => {
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const route = (req.url ?? '/').split('?')[0]?.split('/').slice(0, 3).join('/') ?? '/';
  tracer().startActiveSpan(
    `${req.method ?? 'GET'} ${route}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method ?? '', 'url.path': req.url ?? '' },
    },
    parent,
    (span) => {
      res.once('finish', () => {
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
      runInContext({}, () => handler(req, res));
    },
  );
};

/** A low-cardinality name for a subject: its first two tokens (`sirocco.engine`, not the execution id). */
const subjectFamily = (subject: string): string => subject.split('.').slice(0, 2).join('.');

/** The bus, with handlers run inside their message's context and publishes stamped from it. */
export const contextualBus = (
  bus: MessageBus,
  options: { stampWorkDelivery?: boolean } = {},
): MessageBus => ({
  ensureStream: (config) => bus.ensureStream(config),
  lastBySubject: (stream, subject) => bus.lastBySubject(stream, subject),
  close: () => bus.close(),
  publish(subject: string, data: unknown, publishOptions: PublishOptions = {}): Promise<PublishAck> {
    const ctx = currentContext();
    // Outside any request or message (recovery scans, timers): nothing to continue.
    if (!ctx && !trace.getActiveSpan()) return bus.publish(subject, data, publishOptions);
    return tracer().startActiveSpan(
      `publish ${subjectFamily(subject)}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.destination.name': subject,
          ...(publishOptions.msgId === undefined ? {} : { 'messaging.message.id': publishOptions.msgId }),
        },
      },
      (span) =>
        endWith(span, () => {
          const headers: Record<string, string> = { ...publishOptions.headers };
          propagation.inject(context.active(), headers);
          if (options.stampWorkDelivery && ctx?.deliveryCount !== undefined)
            headers[WORK_DELIVERY_HEADER] = String(ctx.deliveryCount);
          return bus.publish(subject, data, { ...publishOptions, headers });
        }),
    );
  },
  consume<T>(
    config: Parameters<MessageBus['consume']>[0],
    handler: MessageHandler<T>,
    onExhausted?: (message: BusMessage<T>, lastError: unknown) => Promise<void>,
  ): Promise<ConsumerHandle> {
    const inSpan = (message: BusMessage<T>, work: () => Promise<void>): Promise<void> =>
      tracer().startActiveSpan(
        `process ${config.stream}`,
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            'messaging.system': 'nats',
            'messaging.destination.name': message.subject,
            'messaging.consumer.group.name': config.durableName,
            ...(message.msgId === undefined ? {} : { 'messaging.message.id': message.msgId }),
          },
        },
        propagation.extract(ROOT_CONTEXT, message.headers),
        (span) =>
          endWith(span, () =>
            runInContext({ deliveryCount: message.deliveryCount, headers: message.headers }, work),
          ),
      );
    return bus.consume<T>(
      config,
      (message) => inSpan(message, () => handler(message)),
      onExhausted && ((message, error) => inSpan(message, () => onExhausted(message, error))),
    );
  },
});
