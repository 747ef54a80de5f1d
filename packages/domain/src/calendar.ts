import { DomainError } from './errors';

/**
 * Ngày làm việc — the working-day calendar (DOMAIN.md, last paragraph of D): weekends and
 * Vietnamese public holidays (Labour Code 2019, art. 112: 1/1; Tết 5 days; Hùng Kings 10/3
 * lunar; 30/4; 1/5; 2/9 and one adjacent day; a holiday on a weekend is made up on the next
 * working day) are not working days.
 *
 * Solar dates of lunar New Year and of 10/3 lunar were computed with Hồ Ngọc Đức's Vietnamese
 * lunar calendar algorithm at UTC+7 (https://www.informatik.uni-leipzig.de/~duc/amlich/):
 * Tết 2024-02-10, 2025-01-29, 2026-02-17, 2027-02-06, 2028-01-26, 2029-02-13, 2030-02-02
 * (note 2030: Vietnam's Tết is one day before China's); Hùng Kings 2024-04-18, 2025-04-07,
 * 2026-04-26, 2027-04-16, 2028-04-04, 2029-04-23, 2030-04-12.
 *
 * 2024–2026 follow the government's announced schedules for civil servants (Tết 2024 8–14/2;
 * Tết 2025 25/1–2/2; Tết 2026 14–22/2; 30/4 2024 with Saturday 4/5 worked; 30/4 2025 with
 * Saturday 26/4 worked; 2/9 2024 on 2–3/9, 2025 on 1–2/9). 2027–2030 are not announced yet:
 * they apply art. 112's default (Tết = last day of the lunar year + first four days, weekend
 * days made up; 2/9 paired with the adjacent weekday that joins a weekend). Each year is
 * data: replace it when the government publishes the schedule. A tenant's own days (a local
 * holiday, a swapped Saturday) are layered on with `withOverrides`.
 *
 * One calendar for the platform: membership's transfer deadlines (M-8) and inspection's
 * complaint deadlines (D-7) count the same working days.
 */
export interface HolidayYear {
  /** Weekdays off (holidays and make-up days). */
  holidays: string[];
  /** Weekend days worked instead of a swapped weekday (làm bù). */
  workedWeekends: string[];
}

export const VN_HOLIDAYS: Readonly<Record<number, HolidayYear>> = {
  2024: {
    holidays: ['2024-01-01', '2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14', '2024-04-18', '2024-04-29', '2024-04-30', '2024-05-01', '2024-09-02', '2024-09-03'],
    workedWeekends: ['2024-05-04'],
  },
  2025: {
    holidays: ['2025-01-01', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-04-07', '2025-04-30', '2025-05-01', '2025-05-02', '2025-09-01', '2025-09-02'],
    workedWeekends: ['2025-04-26'],
  },
  2026: {
    holidays: ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-02', '2026-09-03'],
    workedWeekends: [],
  },
  2027: {
    holidays: ['2027-01-01', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-04-16', '2027-04-30', '2027-05-03', '2027-09-02', '2027-09-03'],
    workedWeekends: [],
  },
  2028: {
    holidays: ['2028-01-03', '2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28', '2028-01-31', '2028-04-04', '2028-05-01', '2028-05-02', '2028-09-01', '2028-09-04'],
    workedWeekends: [],
  },
  2029: {
    holidays: ['2029-01-01', '2029-02-12', '2029-02-13', '2029-02-14', '2029-02-15', '2029-02-16', '2029-04-23', '2029-04-30', '2029-05-01', '2029-09-03', '2029-09-04'],
    workedWeekends: [],
  },
  2030: {
    holidays: ['2030-01-01', '2030-02-01', '2030-02-04', '2030-02-05', '2030-02-06', '2030-02-07', '2030-04-12', '2030-04-30', '2030-05-01', '2030-09-02', '2030-09-03'],
    workedWeekends: [],
  },
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y + years, m - 1, d));
  if (t.getUTCMonth() !== m - 1) t.setUTCDate(0);
  return t.toISOString().slice(0, 10);
}

export class WorkingCalendar {
  private readonly holidays = new Set<string>();
  private readonly worked = new Set<string>();

  /**
   * `unknownYears`: a deadline that decides a case (D-7) refuses a year the table does not hold
   * rather than guess; a flag on an old record (M-8 lateness) counts weekends only there.
   */
  constructor(
    private readonly years: Readonly<Record<number, HolidayYear>> = VN_HOLIDAYS,
    private readonly unknownYears: 'refuse' | 'weekendsOnly' = 'refuse',
  ) {
    for (const y of Object.values(years)) {
      y.holidays.forEach((d) => this.holidays.add(d));
      y.workedWeekends.forEach((d) => this.worked.add(d));
    }
  }

  /**
   * This calendar with a tenant's own days on top: extra days off, and weekend days worked.
   * A date in `holidays` wins over the national `workedWeekends` and vice versa, so a tenant can
   * also cancel a national make-up day.
   */
  withOverrides(overrides: HolidayYear): WorkingCalendar {
    const years: Record<number, HolidayYear> = {};
    for (const [y, v] of Object.entries(this.years)) years[Number(y)] = { holidays: [...v.holidays], workedWeekends: [...v.workedWeekends] };
    for (const d of overrides.holidays) {
      const y = (years[Number(d.slice(0, 4))] ??= { holidays: [], workedWeekends: [] });
      y.holidays.push(d);
      y.workedWeekends = y.workedWeekends.filter((w) => w !== d);
    }
    for (const d of overrides.workedWeekends) {
      const y = (years[Number(d.slice(0, 4))] ??= { holidays: [], workedWeekends: [] });
      y.workedWeekends.push(d);
      y.holidays = y.holidays.filter((h) => h !== d);
    }
    return new WorkingCalendar(years, this.unknownYears);
  }

  /** Refuses a date outside the years the calendar holds rather than guessing. */
  private requireYear(date: string): void {
    if (!this.years[Number(date.slice(0, 4))] && this.unknownYears === 'refuse') {
      throw new DomainError(
        'BAD_USER_INPUT',
        { vi: `Chưa có lịch ngày nghỉ lễ cho năm ${date.slice(0, 4)}`, en: `No holiday calendar for ${date.slice(0, 4)}` },
        { date },
      );
    }
  }

  isWorkingDay(date: string): boolean {
    this.requireYear(date);
    if (this.worked.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  }

  /** The date on which the n-th working day after `date` falls (n ≥ 1; `date` itself not counted). */
  addWorkingDays(date: string, n: number): string {
    let d = date;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left -= 1;
    }
    return d;
  }
}

export const VN_CALENDAR = new WorkingCalendar();
/** The same days, counting only weekends in years the table does not hold. */
export const VN_CALENDAR_LENIENT = new WorkingCalendar(VN_HOLIDAYS, 'weekendsOnly');
