// Citizen identity numbers arrive only to be checked and hashed with the hub's key (from the one configuration
// module); neither the number nor a part of it is ever stored, logged or put in an error message.
import { createHmac } from 'node:crypto';
import { ErrorCode, identityNumberProblem, normaliseIdentityNumber, userError } from '@cq/domain';
import { loadConfig } from '@cq/service-kit';

let configuredKey: { key: string | undefined } | undefined;

function identityKey(): string {
  configuredKey ??= { key: loadConfig().auth.identityNumberKey };
  if (!configuredKey.key) {
    throw userError(ErrorCode.SERVICE_NOT_CONFIGURED, 'Expected the people service to have IDENTITY_NUMBER_KEY configured to match or record identity numbers, but it has none; ask the operator.');
  }
  return configuredKey.key;
}

const EXPECTED = '18 characters: 17 digits and a check digit or X, with a real birth date (GB 11643-1999)';

/** What is wrong with a number, said without repeating it; null when it is well formed. */
export function identityNumberMistake(value: string): string | null {
  const number = normaliseIdentityNumber(value);
  const problem = identityNumberProblem(number);
  if (!problem) return null;
  const received = problem === 'length' ? `${number.length} characters` : problem === 'characters' ? 'characters other than digits and a final X' : `a wrong ${problem}`;
  return `expected ${EXPECTED}, received ${received}`;
}

/**
 * The keyed hash of a well-formed number (HMAC-SHA256 of the normalised number, hex; the demo data's is computed the
 * same way in SQL): without the key nobody can test a guessed number against a copy of the hashes. INVALID_ARGUMENT
 * naming the argument for a malformed number.
 */
export function hashIdentityNumber(value: string, argument: string): string {
  const mistake = identityNumberMistake(value);
  if (mistake) throw userError(ErrorCode.INVALID_ARGUMENT, `\`${argument}\`: ${mistake}.`, { argument });
  return createHmac('sha256', identityKey()).update(normaliseIdentityNumber(value)).digest('hex');
}

/**
 * Whom a matching row describes, for counting a society's misses (data/societies.ts): a keyed hash of the name and
 * the birth date the number holds, so that the count names neither.
 */
export const describedPerson = (normalisedName: string, value: string) =>
  createHmac('sha256', identityKey()).update(`described|${normalisedName}|${normaliseIdentityNumber(value).slice(6, 14)}`).digest('hex');
