// One trace across two processes over a real nats-server: this process
// starts a span and publishes through contextualBus; a second process (its
// own tracer provider, testing/trace-relay.ts) consumes, answers, and
// reports its spans; this process consumes the answer. Every span must sit
// in the same trace, each hop the child of the span that sent it.
import { execFileSync, spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NatsMessageBus } from '@sirocco/messaging/nats';
import { startTestNatsServer, type TestNatsServer } from '@sirocco/messaging/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contextualBus } from './message-context.js';
import { parseTraceparent } from './trace-context.js';
import { startTracing, type Tracing } from './tracing.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const relayJs = join(repoRoot, 'libs/runtime/dist/testing/trace-relay.js');

interface ReportedSpan {
  name: string;
  kind: SpanKind;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  service: string;
}

describe('OpenTelemetry traces across processes over NATS', () => {
  let nats: TestNatsServer;
  let tracing: Tracing;
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    execFileSync('npx', ['tsc', '-b', 'libs/runtime'], { cwd: repoRoot, stdio: 'inherit' });
    nats = await startTestNatsServer();
    tracing = startTracing({
      serviceName: 'trace-origin',
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
  }, 120_000);

  afterAll(async () => {
    await tracing?.shutdown();
    await nats?.stop();
  });

  it('keeps one trace from a request through a worker process and back', async () => {
    const bus = contextualBus(await NatsMessageBus.connect({ servers: nats.url, name: 'trace-origin' }));
    await bus.ensureStream({ name: 'TRACE_TEST', subjects: ['tt.>'], retention: 'workqueue' });
    const relay = spawn(process.execPath, [relayJs, nats.url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    relay.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    relay.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((r) => relay.once('exit', r));

    const replies: { traceparent: string | undefined }[] = [];
    const replyConsumer = await bus.consume(
      {
        stream: 'TRACE_TEST',
        durableName: 'origin',
        filterSubject: 'tt.reply',
        ackWaitMs: 10_000,
        maxDeliver: 3,
      },
      async (message) => {
        replies.push({ traceparent: message.headers['traceparent'] });
        await message.ack();
      },
    );
    const rootSpanId = await trace.getTracer('test').startActiveSpan('POST /v2/executions', async (span) => {
      await bus.publish('tt.work', { n: 1 });
      span.end();
      return span.spanContext().spanId;
    });

    expect(await exited, stderr).toBe(0);
    await vi.waitFor(() => expect(replies).toHaveLength(1));
    await replyConsumer.stop();
    await bus.close();

    const here = exporter.getFinishedSpans();
    const root = here.find((s) => s.name === 'POST /v2/executions')!;
    const publishWork = here.find((s) => s.kind === SpanKind.PRODUCER)!;
    const processReply = here.find((s) => s.kind === SpanKind.CONSUMER)!;
    const there = JSON.parse(stdout) as ReportedSpan[];
    const processWork = there.find((s) => s.kind === SpanKind.CONSUMER)!;
    const publishReply = there.find((s) => s.kind === SpanKind.PRODUCER)!;
    const traceId = root.spanContext().traceId;

    expect(root.spanContext().spanId).toBe(rootSpanId);
    // origin: request -> publish
    expect(publishWork).toMatchObject({ name: 'publish tt.work' });
    expect(publishWork.spanContext().traceId).toBe(traceId);
    expect(publishWork.parentSpanContext?.spanId).toBe(rootSpanId);
    // relay (another process, another provider): process -> publish, both in the origin's trace
    expect(processWork).toMatchObject({ name: 'process TRACE_TEST', service: 'trace-relay', traceId });
    expect(processWork.parentSpanId).toBe(publishWork.spanContext().spanId);
    expect(publishReply).toMatchObject({
      name: 'publish tt.reply',
      traceId,
      parentSpanId: processWork.spanId,
    });
    // back at the origin: the reply's consumer span is the child of the relay's publish
    expect(processReply.spanContext().traceId).toBe(traceId);
    expect(processReply.parentSpanContext?.spanId).toBe(publishReply.spanId);
    expect(parseTraceparent(replies[0]?.traceparent)).toMatchObject({ traceId, spanId: publishReply.spanId });
  }, 60_000);
});
