// OpenTelemetry tracing for the apps: a tracer provider with the W3C trace
// context propagator and AsyncLocalStorage context manager, so a trace
// started by an API request follows the work through NATS messages (the
// `traceparent` header) and into event metadata. Spans go to an OTLP/HTTP
// collector when the standard OTEL_EXPORTER_OTLP_ENDPOINT (or
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, and to any processors a test
// passes (an InMemorySpanExporter); otherwise they are made, propagated and
// dropped.
import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface TracingOptions {
  /** `service.name` of every span (the app: sirocco-api, sirocco-engine, ...). */
  readonly serviceName: string;
  readonly instanceId?: string;
  /** Extra processors (tests: a SimpleSpanProcessor over an InMemorySpanExporter). */
  readonly spanProcessors?: readonly SpanProcessor[];
  readonly env?: NodeJS.ProcessEnv;
}

export interface Tracing {
  /** True when spans leave the process (an OTLP endpoint is configured). */
  readonly exporting: boolean;
  /** Flushes and unregisters: later spans are no-ops again. */
  shutdown(): Promise<void>;
}

export function startTracing(options: TracingOptions): Tracing {
  const env = options.env ?? process.env;
  const endpoint = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] ?? env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const processors = [...(options.spanProcessors ?? [])];
  // The exporter reads the standard OTEL_EXPORTER_OTLP_* variables (endpoint, headers, timeout) itself.
  if (endpoint) processors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': options.serviceName,
      ...(options.instanceId === undefined ? {} : { 'service.instance.id': options.instanceId }),
    }),
    spanProcessors: processors,
  });
  provider.register();
  return {
    exporting: Boolean(endpoint),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
