import { VN_CALENDAR, VN_HOLIDAYS, WorkingCalendar, addYears } from './calendar';

describe('working-day calendar (D-7: Vietnamese public holidays, Tết included)', () => {
  it.each<[string, string, boolean]>([
    ['D-7: New Year 2026 is a holiday', '2026-01-01', false],
    ['D-7: an ordinary Friday is a working day', '2026-01-02', true],
    ['D-7: a Saturday is not a working day', '2026-01-03', false],
    ['D-7: a Sunday is not a working day', '2026-01-04', false],
    ['D-7: Tết 2026 eve (Mon 16/2) is off', '2026-02-16', false],
    ['D-7: lunar New Year 2026 (Tue 17/2) is off', '2026-02-17', false],
    ['D-7: Fri 20/2/2026 is the last Tết day off', '2026-02-20', false],
    ['D-7: Mon 23/2/2026 is back to work', '2026-02-23', true],
    ['D-7: Tết 2025 ran Mon 27/1 to Fri 31/1', '2025-01-27', false],
    ['D-7: Mon 3/2/2025 is back to work', '2025-02-03', true],
    ['D-7: Tết 2024 eve Thu 8/2 is off', '2024-02-08', false],
    ['D-7: Hùng Kings 2025 (10/3 lunar = Mon 7/4)', '2025-04-07', false],
    ['D-7: Hùng Kings 2026 on Sunday is made up Monday 27/4', '2026-04-27', false],
    ['D-7: 30/4 is off', '2027-04-30', false],
    ['D-7: 1/5/2027 on Saturday is made up Monday 3/5', '2027-05-03', false],
    ['D-7: 2/9 is off', '2029-09-04', false],
    ['D-7: the swapped Saturday 4/5/2024 was worked', '2024-05-04', true],
    ['D-7: Mon 29/4/2024 was swapped off', '2024-04-29', false],
    ['D-7: Tết 2030 follows Vietnam’s lunar calendar (2/2, a day before China’s)', '2030-02-01', false],
  ])('%s', (_name, date, working) => {
    expect(VN_CALENDAR.isWorkingDay(date)).toBe(working);
  });

  it.each(Object.entries(VN_HOLIDAYS))('D-7: %s has New Year, five Tết weekdays around lunar New Year, Hùng Kings, 30/4, 1/5 and two days at 2/9', (year, y) => {
    const ds = y.holidays;
    expect(ds.every((d) => d.startsWith(year))).toBe(true);
    expect(new Set(ds).size).toBe(ds.length);
    // Every listed holiday is a weekday; weekend holidays appear as their make-up day.
    expect(ds.every((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))).toBe(true);
    const jan = ds.filter((d) => d <= `${year}-01-03`);
    expect(jan).toHaveLength(1);
    const tet = ds.filter((d) => d > `${year}-01-03` && d < `${year}-03-01`);
    expect(tet).toHaveLength(5);
    expect(ds.filter((d) => d.slice(5, 7) === '09')).toHaveLength(2);
    expect(ds.filter((d) => d >= `${year}-04-01` && d <= `${year}-05-03`)).toHaveLength(y.holidays.length - 1 - 5 - 2);
  });

  it('refuses dates outside the years it holds instead of guessing', () => {
    expect(() => VN_CALENDAR.isWorkingDay('2031-01-02')).toThrow(/2031/);
    expect(new WorkingCalendar({}).addWorkingDays.bind(new WorkingCalendar({}), '2026-01-01', 1)).toThrow();
  });

  it('adds years, with 29 February to 28 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('a tenant override adds a local day off and can cancel a national make-up Saturday', () => {
    const local = VN_CALENDAR.withOverrides({ holidays: ['2026-11-25', '2025-04-26'], workedWeekends: ['2026-11-28'] });
    expect(local.isWorkingDay('2026-11-25')).toBe(false);
    expect(VN_CALENDAR.isWorkingDay('2026-11-25')).toBe(true);
    expect(local.isWorkingDay('2026-11-28')).toBe(true);
    expect(VN_CALENDAR.isWorkingDay('2025-04-26')).toBe(true);
    expect(local.isWorkingDay('2025-04-26')).toBe(false);
  });
});
