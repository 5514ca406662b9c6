// Safe retries of mutations. A client that sends `Idempotency-Key: <key>` and loses the answer sends the same request
// again with the same key: each mutation field whose change committed the first time returns that first result, and
// nothing changes twice. The key is the caller's own (keys of different callers never meet), kept with the change in
// the same transaction (so a crash cannot separate them), and bound to the request: the same key with another field
// or other arguments is refused.
import { createHash } from 'node:crypto';
import { ErrorCode, userError } from '@cq/domain';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** Printable ASCII, as the IETF draft and the usual clients (UUIDs, ULIDs) have it. */
const KEY = /^[\x21-\x7e]{1,200}$/;

/** The key as sent, or undefined when there is none; a malformed key is refused before anything runs. */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY.test(header)) {
    throw userError(
      ErrorCode.INVALID_ARGUMENT,
      `幂等键格式不正确 · Expected an Idempotency-Key header of 1 to 200 printable ASCII characters (a UUID, say), received ${JSON.stringify(header.slice(0, 40))}${header.length > 40 ? '…' : ''} (${header.length} characters).`,
      { header: 'Idempotency-Key', http: { status: 400 } },
    );
  }
  return header;
}

/** The field and its arguments, hashed: what a retry must repeat exactly. Arguments arrive coerced in schema order. */
export const fingerprintOf = (field: string, args: unknown) => createHash('sha256').update(field).update('\0').update(JSON.stringify(args) ?? '').digest('base64url');

export function keyReused(key: string, field: string) {
  return userError(
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
    `幂等键已用于另一请求 · Expected a retry of the request first sent with Idempotency-Key ${JSON.stringify(key)} (the same mutation field with the same arguments), received ${field} with different arguments. Use a new key for a new request.`,
    { field },
  );
}

// A transaction's result is a row or a value built from rows: JSON, except for timestamps, which are tagged so that a
// replayed result is the same value the first answer was built from.
const DATE_TAG = '$cq.date';

export function encodeResult(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, function (this: Record<string, unknown>, key: string, json: unknown) {
      const raw = this[key];
      return raw instanceof Date ? { [DATE_TAG]: raw.toISOString() } : json;
    }),
  );
}

export function decodeResult(stored: unknown): unknown {
  return JSON.parse(JSON.stringify(stored), (_key, value: unknown) =>
    value && typeof value === 'object' && DATE_TAG in value ? new Date((value as Record<string, string>)[DATE_TAG]!) : value,
  );
}
