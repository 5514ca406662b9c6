// OpenTelemetry traces, off unless the operator names where to send them (docs/operations.md). Without an endpoint
// the SDK is not even loaded: no provider is registered, no exporter exists, no span leaves the process.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { RequestHandler } from 'express';

export interface Tracing {
  /** Runs each request under a server span whose parent is the caller's (the W3C traceparent header). */
  middleware: RequestHandler;
  /** Names that span after the operation and marks it failed when the answer carries errors. */
  plugin: ApolloServerPlugin<BaseContext>;
  /** Sends the spans still buffered; called when the service stops. */
  shutdown(): Promise<void>;
}

let processWideSet = false;

/**
 * `global`: make this service's provider the process's. @apollo/gateway creates its spans through the global API,
 * so the gateway's provider is registered; each subgraph sends through a provider of its own, so that under
 * `npm start`, where all run in one process, every span still carries the name of the service that made it.
 */
export async function startTracing(service: string, endpoint: string | undefined, { global = false } = {}): Promise<Tracing | undefined> {
  if (!endpoint) return undefined;
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, { W3CTraceContextPropagator }, { AsyncLocalStorageContextManager }] =
    await Promise.all([
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/core'),
      import('@opentelemetry/context-async-hooks'),
    ]);
  // OTLP over HTTP with JSON bodies. A collector that does not answer costs at most 5 s at a stop (the services
  // allow themselves 10 s to stop), and spans it misses are dropped, never retried without end.
  const exporter = new OTLPTraceExporter({ url: endpoint, timeoutMillis: 5_000 });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [new BatchSpanProcessor(exporter, { exportTimeoutMillis: 5_000 })],
  });
  if (!processWideSet) {
    // Once per process: the active span follows the request through async calls, and travels between services
    // in the W3C traceparent header.
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    processWideSet = true;
  }
  if (global) trace.setGlobalTracerProvider(provider);
  return { middleware: serverSpans(provider.getTracer('@cq/service-kit')), plugin: operationSpans(), shutdown: () => provider.shutdown() };
}

function serverSpans(tracer: Tracer): RequestHandler {
  return (req, res, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(`${req.method} /graphql`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'http.route': '/graphql' } }, parent);
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    // Everything the request does from here (the gateway's own spans, its calls to subgraphs) is a child of it.
    context.with(trace.setSpan(parent, span), next);
  };
}

function operationSpans(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        // Names and codes only: never the document or the variables, which may hold personal data.
        async willSendResponse({ operation, operationName, errors }) {
          const span = trace.getActiveSpan();
          if (!span) return;
          const type = operation?.operation ?? 'unknown';
          span.updateName(`${type} ${operationName ?? 'anonymous'}`);
          span.setAttributes({ 'graphql.operation.type': type, ...(operationName ? { 'graphql.operation.name': operationName } : {}) });
          if (errors?.length) {
            const codes = [...new Set(errors.map(({ extensions: { code } }) => (typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR')))];
            span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') });
          }
        },
      };
    },
  };
}
