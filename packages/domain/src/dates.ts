const chinaDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar date in China Standard Time, the date every "as of today" in the network means. */
export function todayInChina(now: Date = new Date()): string {
  return chinaDate.format(now);
}
