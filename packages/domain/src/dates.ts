import { ErrorCode, userError } from './errors.ts';

const chinaDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar date in China Standard Time, the date every "as of today" in the network means. */
export function todayInChina(now: Date = new Date()): string {
  return chinaDate.format(now);
}

/** A period from `from` to `to`, both included: refused when it ends before it starts. */
export function requirePeriod(from: string, to: string): void {
  if (to < from) throw userError(ErrorCode.INVALID_ARGUMENT, `Expected \`to\` on or after \`from\` (${from}), received ${to}.`, { argument: 'to', received: to });
}
