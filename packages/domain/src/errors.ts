// Typed errors. Every error a client can cause carries a stable `extensions.code` and says what was expected and
// what arrived; the codes are listed in docs/errors.md. Plain errors with no dependency: GraphQL carries an
// error's `extensions` over when it wraps it, and the service kit's formatError keeps the code.

export const ErrorCode = {
  NOT_FOUND: 'NOT_FOUND',
  INVALID_ID: 'INVALID_ID',
  INVALID_CURSOR: 'INVALID_CURSOR',
  INVALID_PAGE_SIZE: 'INVALID_PAGE_SIZE',
  INVALID_DATE: 'INVALID_DATE',
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  INVALID_CREDIT_CODE: 'INVALID_CREDIT_CODE',
  DUPLICATE: 'DUPLICATE',
  /** A rule of DOMAIN.md refuses the change; `extensions.rule` names it (e.g. R19.warning). */
  RULE_VIOLATION: 'RULE_VIOLATION',
  /** The change does not fit the current state (e.g. approving an application that was already decided). */
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  /** Two relationships that may only hold one at a time would overlap in time. */
  RELATIONSHIP_CONFLICT: 'RELATIONSHIP_CONFLICT',
  /** An association would become its own ancestor in the guidance chain. */
  HIERARCHY_CYCLE: 'HIERARCHY_CYCLE',
  /** An Idempotency-Key the caller already used for a different mutation or different arguments. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** Too many attempts of one kind in a day (a society's unmatched rows for one name and birth date). */
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  /** The operation needs something the operator has not configured (e.g. the identity number key). */
  SERVICE_NOT_CONFIGURED: 'SERVICE_NOT_CONFIGURED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error a client caused, with its code and the details that say what was expected and what arrived. */
export class DomainError extends Error {
  readonly extensions: { code: ErrorCode } & Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.extensions = { code, ...details };
  }
}

export function userError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError(code, message, details);
}

export function notFound(type: string, id: string): DomainError {
  return userError(ErrorCode.NOT_FOUND, `No ${type} has id "${id}".`, { type, id });
}

/** JSON.stringify for messages: shows strings quoted and anything else as written. */
export const show = (value: unknown) => JSON.stringify(value) ?? String(value);

/** A refusal by one of the rules of DOMAIN.md, named by its id. */
export function ruleViolation(rule: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return userError(ErrorCode.RULE_VIOLATION, `${rule}: ${message}`, { rule, ...details });
}

/** The value, or a NOT_FOUND error naming what was looked for. */
export function found<T>(value: T | null | undefined, type: string, id: string): T {
  if (value == null) throw notFound(type, id);
  return value;
}
