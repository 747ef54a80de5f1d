import { randomUUID } from 'node:crypto';
import { DomainError, Role, hasRole, isIsoDate, nfc, requireTenant, type HolidayYear, type Principal } from '@chibo/domain';

/** A tenant's own day: a weekday off (a local holiday) or a weekend day worked (làm bù). */
export enum TenantDayKind {
  HOLIDAY = 'HOLIDAY',
  WORKED_WEEKEND = 'WORKED_WEEKEND',
}

export interface TenantDay {
  id: string;
  date: string;
  kind: TenantDayKind;
  reason: string;
}

export interface TenantDayPorts {
  activeTenantDays(): Promise<TenantDay[]>;
  insertTenantDay(day: TenantDay, by: string): Promise<void>;
  removeTenantDay(id: string, by: string): Promise<boolean>;
}

/** The overrides `WorkingCalendar.withOverrides` layers onto the national calendar. */
export function overridesOf(days: readonly TenantDay[]): HolidayYear {
  return {
    holidays: days.filter((d) => d.kind === TenantDayKind.HOLIDAY).map((d) => d.date),
    workedWeekends: days.filter((d) => d.kind === TenantDayKind.WORKED_WEEKEND).map((d) => d.date),
  };
}

/** The tenant's calendar is kept by its administrator and its inspection commission, whose deadlines it moves. */
function requireCalendarKeeper(principal: Principal): void {
  requireTenant(principal);
  if (!hasRole(principal, Role.CITY_ADMIN, Role.INSPECTOR)) {
    throw new DomainError('FORBIDDEN', { vi: 'Chỉ quản trị đảng bộ hoặc cán bộ kiểm tra quản lý lịch ngày nghỉ', en: 'Only the city administrator or inspectors keep the calendar' });
  }
}

export async function addTenantDay(principal: Principal, input: { date: string; kind: TenantDayKind; reason: string }, ports: TenantDayPorts): Promise<TenantDay> {
  requireCalendarKeeper(principal);
  if (!isIsoDate(input.date)) throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày không hợp lệ (YYYY-MM-DD)', en: 'Invalid date (YYYY-MM-DD)' }, { field: 'date' });
  const weekend = [0, 6].includes(new Date(`${input.date}T00:00:00Z`).getUTCDay());
  if (weekend !== (input.kind === TenantDayKind.WORKED_WEEKEND)) {
    throw new DomainError(
      'BAD_USER_INPUT',
      { vi: 'Ngày nghỉ riêng phải là ngày thường; ngày làm bù phải là thứ Bảy hoặc Chủ nhật', en: 'A day off falls on a weekday; a worked day on a weekend' },
      { field: 'kind' },
    );
  }
  const reason = nfc(input.reason ?? '');
  if (!reason || reason.length > 200) throw new DomainError('BAD_USER_INPUT', { vi: 'Lý do phải có từ 1 đến 200 ký tự', en: 'The reason must be 1 to 200 characters' }, { field: 'reason' });
  if ((await ports.activeTenantDays()).some((d) => d.date === input.date)) {
    throw new DomainError('CONFLICT', { vi: 'Ngày này đã có trong lịch riêng', en: 'That day is already in the calendar' }, { field: 'date' });
  }
  const day = { id: randomUUID(), date: input.date, kind: input.kind, reason };
  await ports.insertTenantDay(day, principal.subject);
  return day;
}

export async function removeTenantDay(principal: Principal, id: string, ports: TenantDayPorts): Promise<void> {
  requireCalendarKeeper(principal);
  if (!(await ports.removeTenantDay(id, principal.subject))) {
    throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy ngày trong lịch riêng', en: 'Calendar day not found' }, { id });
  }
}
