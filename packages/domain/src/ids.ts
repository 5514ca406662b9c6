import { ErrorCode, show, userError } from './errors.ts';

const MAX_ID = 2_147_483_647;

/** Ids are positive 32-bit integers written as decimal strings. */
export function parseId(value: string, argument = 'id'): number {
  const n = /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : NaN;
  if (!(n <= MAX_ID)) {
    throw userError(ErrorCode.INVALID_ID, `Expected \`${argument}\` to be a positive whole number written as a string, received ${show(value)}.`, {
      argument,
      received: value,
    });
  }
  return n;
}

/** Like parseId for entity representations: a malformed id simply matches nothing. */
export function tryParseId(value: unknown): number | null {
  return typeof value === 'string' || typeof value === 'number' ? (/^[1-9][0-9]{0,9}$/.test(String(value)) && Number(value) <= MAX_ID ? Number(value) : null) : null;
}
