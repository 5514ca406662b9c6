// What every service (the gateway and each subgraph) is built with: configuration (the one place the environment is
// read), authentication and access, the request context and loaders, pagination, scalars, HTTP serving. The server
// of a subgraph itself is in ./subgraph.ts.
export * from './config.ts';
export * from './auth.ts';
export * from './access.ts';
export * from './context.ts';
export * from './loaders.ts';
export * from './pagination.ts';
export * from './scalars.ts';
export * from './format-error.ts';
export * from './http.ts';
export * from './log.ts';
export * from './metrics.ts';
export * from './offline.ts';
export * from './sdl.ts';
export { IDEMPOTENCY_HEADER, parseIdempotencyKey } from './idempotency.ts';
