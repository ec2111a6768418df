// What the current unit of work is handling (an HTTP request or a bus
// message), carried through async calls with AsyncLocalStorage. Decorators
// use it at the edges: published messages get `traceparent` and the
// delivery count of the work item they answer; appended events get the
// same in their metadata, so the history shows when an action ran again.
import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  BusMessage,
  ConsumerHandle,
  Headers,
  MessageBus,
  MessageHandler,
  PublishAck,
  PublishOptions,
} from '@sirocco/messaging';
import { childOf, formatTraceparent, parseTraceparent, type TraceContext } from './trace-context.js';

/** Header on an action result: how many times the executor got the work item. */
export const WORK_DELIVERY_HEADER = 'sirocco-work-delivery';

export interface MessageContext {
  readonly trace: TraceContext;
  /** Set while handling a bus message. */
  readonly deliveryCount?: number;
  /** Headers of the message being handled. */
  readonly headers?: Headers;
}

const storage = new AsyncLocalStorage<MessageContext>();

export const currentContext = (): MessageContext | undefined => storage.getStore();

export const runInContext = <T>(context: MessageContext, work: () => T): T => storage.run(context, work);

/** The context for an incoming HTTP request (continues the caller's trace when it sent one). */
export const requestContext = (traceparent: string | undefined): MessageContext => ({
  trace: childOf(parseTraceparent(traceparent)),
});

const messageContext = (message: BusMessage<unknown>): MessageContext => ({
  trace: childOf(parseTraceparent(message.headers['traceparent'])),
  deliveryCount: message.deliveryCount,
  headers: message.headers,
});

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
    if (!ctx) return bus.publish(subject, data, publishOptions);
    const headers: Record<string, string> = {
      ...publishOptions.headers,
      traceparent: formatTraceparent(childOf(ctx.trace)),
    };
    if (options.stampWorkDelivery && ctx.deliveryCount !== undefined)
      headers[WORK_DELIVERY_HEADER] = String(ctx.deliveryCount);
    return bus.publish(subject, data, { ...publishOptions, headers });
  },
  consume<T>(
    config: Parameters<MessageBus['consume']>[0],
    handler: MessageHandler<T>,
    onExhausted?: (message: BusMessage<T>, lastError: unknown) => Promise<void>,
  ): Promise<ConsumerHandle> {
    return bus.consume<T>(
      config,
      (message) => runInContext(messageContext(message as BusMessage<unknown>), () => handler(message)),
      onExhausted &&
        ((message, error) =>
          runInContext(messageContext(message as BusMessage<unknown>), () => onExhausted(message, error))),
    );
  },
});
