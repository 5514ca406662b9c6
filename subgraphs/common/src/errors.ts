// Typed errors. Every error a client can cause carries a stable `extensions.code` and says what was expected and
// what arrived; the codes are listed in docs/errors.md.
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  NOT_FOUND: 'NOT_FOUND',
  INVALID_ID: 'INVALID_ID',
  INVALID_CURSOR: 'INVALID_CURSOR',
  INVALID_PAGE_SIZE: 'INVALID_PAGE_SIZE',
  INVALID_DATE: 'INVALID_DATE',
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function userError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

export function notFound(type: string, id: string): GraphQLError {
  return userError(ErrorCode.NOT_FOUND, `No ${type} has id "${id}".`, { type, id });
}

/** JSON.stringify for messages: shows strings quoted and anything else as written. */
export const show = (value: unknown) => JSON.stringify(value) ?? String(value);
