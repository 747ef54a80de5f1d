/**
 * Reporting periods. Committees count in Vietnam's time (UTC+7, no daylight saving): a meeting
 * held at 06:00 on the 1st belongs to the new month even though it is still the 30th in UTC.
 * Month periods look like `2026-11`; the dashboard issue adds quarters, years and terms.
 */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

export function monthPeriod(date: Date): string {
  const local = new Date(date.getTime() + VN_OFFSET_MS);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/** Start (inclusive) and end (exclusive) instants of a period, or null when not a period. */
export function periodRange(period: string): { from: Date; to: Date } | null {
  const m = MONTH.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  return {
    from: new Date(Date.UTC(year, month, 1) - VN_OFFSET_MS),
    to: new Date(Date.UTC(year, month + 1, 1) - VN_OFFSET_MS),
  };
}
