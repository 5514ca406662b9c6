// Bounds on one request as a whole: a deadline shared by every subgraph call it makes (a plan of several calls in
// sequence cannot add up to more), and a largest answer, from a subgraph or to the client, so one request cannot
// hold the gateway's memory or the network for long.
import { log } from '@cq/service-kit';
import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';

/** Carries the request's deadline (epoch milliseconds) from the data source to the fetcher; never sent on. */
export const DEADLINE_HEADER = 'x-cq-deadline';

const timedOut = (name: string, timeoutMs: number) =>
  new GraphQLError(`请求超过 ${timeoutMs} 毫秒时限 · Expected the request to be answered within ${timeoutMs} ms; it ran out of time waiting for the ${name} subgraph. Ask for less, or try again shortly.`, {
    extensions: { code: 'REQUEST_TIMEOUT', serviceName: name, timeoutMs },
  });

const tooLarge = (what: string, maxBytes: number, bytes: number | undefined) =>
  new GraphQLError(
    `应答超过 ${maxBytes} 字节上限 · Expected ${what} of at most ${maxBytes} bytes, received ${bytes === undefined ? 'more' : bytes}; ask for fewer rows (\`first\`) or fewer fields.`,
    { extensions: { code: 'RESPONSE_TOO_LARGE', maxBytes, ...(bytes === undefined ? {} : { bytes }) } },
  );

/**
 * Calls one subgraph within what is left of the request's deadline, and refuses an answer over the size limit
 * before reading it. A subgraph that cannot be reached fails its part with SUBGRAPH_UNAVAILABLE naming it (never
 * the internal address), one that runs out the deadline with REQUEST_TIMEOUT; each leaves one log line, no stack.
 */
export function boundedFetcher(name: string, limits: { timeoutMs: number; maxResponseBytes: number }): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    const deadline = Number(headers.get(DEADLINE_HEADER) ?? Date.now() + limits.timeoutMs);
    headers.delete(DEADLINE_HEADER);
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw timedOut(name, limits.timeoutMs);
    let response: Response;
    try {
      response = await fetch(input, { ...init, headers, signal: AbortSignal.timeout(remaining) });
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError') {
        log.warn({ subgraph: name, cause: `no answer within the request's deadline of ${limits.timeoutMs} ms` }, 'subgraph timed out');
        throw timedOut(name, limits.timeoutMs);
      }
      const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      log.warn({ subgraph: name, cause }, 'subgraph unavailable');
      throw new GraphQLError(`子图 ${name} 暂时无法访问 · The ${name} subgraph cannot be reached; try again shortly.`, { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: name } });
    }
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > limits.maxResponseBytes) {
      await response.body?.cancel();
      log.warn({ subgraph: name, bytes: length, maxBytes: limits.maxResponseBytes }, 'subgraph answer too large');
      throw tooLarge(`the ${name} subgraph's answer`, limits.maxResponseBytes, length);
    }
    return response;
  };
}

/**
 * Refuses to send an answer over the size limit: the client gets RESPONSE_TOO_LARGE instead (the rows are not
 * partly sent, which a client could mistake for all of them). Mounted in front of the GraphQL handler.
 */
export function responseSizeCap(maxBytes: number): RequestHandler {
  return (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      const bytes = typeof body === 'string' ? Buffer.byteLength(body) : Buffer.isBuffer(body) ? body.length : 0;
      if (bytes <= maxBytes) return send(body);
      log.warn({ bytes, maxBytes }, 'answer too large');
      const error = tooLarge('an answer', maxBytes, bytes);
      return send(JSON.stringify({ data: null, errors: [{ message: error.message, extensions: error.extensions }] }));
    };
    next();
  };
}
