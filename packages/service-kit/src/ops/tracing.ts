import { context, propagation, trace, SpanStatusCode, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * OpenTelemetry traces across the gateway and the subgraphs: one trace per client request, with
 * a span in the gateway, one per subgraph call and one per database transaction, joined by the
 * W3C `traceparent` header. Off by default (the API is then a no-op and costs nothing); on when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set (OTLP over HTTP), or in tests with an in-memory exporter.
 */
let provider: BasicTracerProvider | null = null;

export function startTracing(serviceName = 'chibo', exporter?: SpanExporter): BasicTracerProvider | null {
  if (provider) return provider;
  const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!exporter && !endpoint) return null;
  provider = new BasicTracerProvider({ resource: new Resource({ 'service.name': serviceName }) });
  provider.addSpanProcessor(exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(new OTLPTraceExporter()));
  // The active span follows a request through awaits (AsyncLocalStorage), so a database span
  // opened deep in a resolver knows its request.
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable(), propagator: new W3CTraceContextPropagator() });
  return provider;
}

/** For tests: record spans in memory; `stopTracing()` afterwards. */
export function startInMemoryTracing(): InMemorySpanExporter {
  const exporter = new InMemorySpanExporter();
  startTracing('chibo-test', exporter);
  return exporter;
}

export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  provider = null;
  trace.disable();
  propagation.disable();
  context.disable();
}

export function tracer(name: string): Tracer {
  return trace.getTracer(name);
}

/** Run `work` in a span (child of the active one); errors mark the span and pass through. */
export async function inSpan<T>(t: Tracer, name: string, attributes: Record<string, string>, work: (span: Span) => Promise<T>): Promise<T> {
  return t.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** The span context carried by incoming headers (`traceparent`), to continue a trace. */
export function contextFromHeaders(headers: Record<string, string | string[] | undefined>) {
  return propagation.extract(context.active(), headers, {
    get: (h, k) => {
      const v = h[k.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    },
    keys: (h) => Object.keys(h),
  });
}

/** Headers that carry the active span to the next service. */
export function traceHeaders(): Record<string, string> {
  const out: Record<string, string> = {};
  propagation.inject(context.active(), out);
  return out;
}
