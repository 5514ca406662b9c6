// One error policy for every service: typed errors keep their code, anything else is a failure of the service.
import { ErrorCode } from '@cq/domain';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { log } from './log.ts';

/**
 * Errors without a code are failures of the service: clients get a code and no internals. Where GraphQL wrapped
 * one of our typed errors (a scalar refusing a value during validation), the typed error's code wins.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const ownCode = typedCodeWithin(error);
  if (ownCode) {
    return { ...formatted, extensions: { ...formatted.extensions, code: ownCode } };
  }
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  log.error({ err: error, path: formatted.path }, 'failure of the service');
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** The code of the first typed error (a DomainError, or a GraphQLError we made) in the chain of wrapped errors. */
function typedCodeWithin(error: unknown): string | undefined {
  for (let e = error; e instanceof Error; e = (e as GraphQLError).originalError) {
    const code = (e as { extensions?: { code?: unknown } }).extensions?.code;
    if (typeof code === 'string' && code in ErrorCode) return code;
  }
  return undefined;
}
