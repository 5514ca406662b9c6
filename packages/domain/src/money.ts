// Exact money: stored in fen (分) as bigint, shown and accepted in yuan as decimal strings. Never floating point.
import { ErrorCode, show, userError } from './errors.ts';

/** "1234.5" → 123450n. Refuses anything but a plain decimal with at most two decimals, and amounts not above zero. */
export function parseYuan(value: string, argument = 'amount', rule?: string): bigint {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(value.trim());
  const fen = match ? BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0')) : null;
  if (fen === null || fen <= 0n) {
    throw userError(
      rule ? ErrorCode.RULE_VIOLATION : ErrorCode.INVALID_ARGUMENT,
      `${rule ? `${rule}: ` : ''}Expected \`${argument}\` in yuan as a decimal above zero with at most two decimals (e.g. "120.50"), received ${show(value)}.`,
      { argument, received: value, ...(rule ? { rule } : {}) },
    );
  }
  return fen;
}

/** 123450n (or "123450" from SQL) → "1234.50". */
export function formatFen(fen: bigint | string | number): string {
  const n = BigInt(fen);
  const sign = n < 0n ? '-' : '';
  const abs = n < 0n ? -n : n;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
