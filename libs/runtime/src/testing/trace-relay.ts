// The second process of tracing.int.spec.ts: an app-like process with its
// own tracer provider and an in-memory exporter. It takes one message from
// `tt.work` through contextualBus, answers on `tt.reply`, and prints the
// spans it finished as JSON on stdout.
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NatsMessageBus } from '@sirocco/messaging/nats';
import { contextualBus } from '../message-context.js';
import { startTracing } from '../tracing.js';

const natsUrl = process.argv[2] ?? 'nats://127.0.0.1:4222';
const exporter = new InMemorySpanExporter();
const tracing = startTracing({
  serviceName: 'trace-relay',
  spanProcessors: [new SimpleSpanProcessor(exporter)],
});
const bus = contextualBus(await NatsMessageBus.connect({ servers: natsUrl, name: 'trace-relay' }));
let handled!: () => void;
const done = new Promise<void>((resolve) => (handled = resolve));
const handle = await bus.consume(
  { stream: 'TRACE_TEST', durableName: 'relay', filterSubject: 'tt.work', ackWaitMs: 10_000, maxDeliver: 3 },
  async (message) => {
    await bus.publish('tt.reply', { echo: message.data });
    await message.ack();
    handled();
  },
);
process.stderr.write('ready\n');
await done;
await handle.stop(); // waits for the handler, so its span has ended
process.stdout.write(
  JSON.stringify(
    exporter.getFinishedSpans().map((s) => ({
      name: s.name,
      kind: s.kind,
      traceId: s.spanContext().traceId,
      spanId: s.spanContext().spanId,
      parentSpanId: s.parentSpanContext?.spanId,
      service: s.resource.attributes['service.name'],
    })),
  ),
);
await bus.close();
await tracing.shutdown();
