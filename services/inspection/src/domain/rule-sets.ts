import { DisciplineForm, DomainError, Role, hasRole, requireTenant, type Principal } from '@chibo/domain';
import { DEFAULT_DISCIPLINE_RULES, type DisciplineRuleSet } from './discipline-rules';
import { isIsoDate } from '@chibo/domain';

/**
 * Bộ quy định — the tenant's versioned rule set for the thresholds DOMAIN.md marks
 * *configurable* (D-5, D-7). A version applies from its date until the next one; a record is
 * judged by the version in force on its own date. Versions are added, never changed.
 */
export interface RuleSetVersion {
  id: string;
  validFrom: string;
  rules: DisciplineRuleSet;
}

/** The rules in force on `date`: the latest version that started on or before it, else the defaults. */
export function ruleSetOn(versions: readonly RuleSetVersion[], date: string): DisciplineRuleSet {
  let best: RuleSetVersion | null = null;
  for (const v of versions) if (v.validFrom <= date && (!best || v.validFrom > best.validFrom)) best = v;
  return best?.rules ?? DEFAULT_DISCIPLINE_RULES;
}

export interface RuleSetPorts {
  ruleSetVersions(): Promise<RuleSetVersion[]>;
  insertRuleSetVersion(v: RuleSetVersion, createdBy: string): Promise<void>;
}

export interface SetRulesCommand {
  validFrom: string;
  /** Years per form; null = no limitation; a form left out keeps the default. */
  limitationYears?: Partial<Record<DisciplineForm, number | null>>;
  stateNoticeDays?: number | null;
  complaintFilingWorkingDays?: number | null;
  complaintResolutionWorkingDays?: number | null;
  complaintResolutionWorkingDaysCentral?: number | null;
}

const between = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;

/** Only the city administrator sets the tenant's rules; each field is checked against sane bounds. */
export async function setDisciplineRules(principal: Principal, cmd: SetRulesCommand, id: string, ports: RuleSetPorts): Promise<RuleSetVersion> {
  requireTenant(principal);
  if (!hasRole(principal, Role.CITY_ADMIN)) {
    throw new DomainError('FORBIDDEN', { vi: 'Chỉ quản trị đảng bộ thành phố đặt bộ quy định', en: 'Only the city administrator sets the rule set' });
  }
  const bad = (field: string) => new DomainError('BAD_USER_INPUT', { vi: `Giá trị không hợp lệ: ${field}`, en: `Invalid value: ${field}` }, { field });
  if (!isIsoDate(cmd.validFrom)) throw bad('validFrom');
  const versions = await ports.ruleSetVersions();
  if (versions.some((v) => v.validFrom === cmd.validFrom)) {
    throw new DomainError('CONFLICT', { vi: 'Đã có bộ quy định áp dụng từ ngày này', en: 'A rule set already starts on that date' }, { field: 'validFrom' });
  }
  const base = ruleSetOn(versions, cmd.validFrom);
  const limitationYears = { ...base.limitationYears };
  for (const [form, years] of Object.entries(cmd.limitationYears ?? {})) {
    if (!(Object.values(DisciplineForm) as string[]).includes(form)) throw bad(`limitationYears.${form}`);
    if (years !== null && !between(years as number, 1, 50)) throw bad(`limitationYears.${form}`);
    limitationYears[form as DisciplineForm] = years as number | null;
  }
  const pick = (v: number | null | undefined, current: number, lo: number, hi: number, field: string) => {
    if (v === null || v === undefined) return current;
    if (!between(v, lo, hi)) throw bad(field);
    return v;
  };
  const rules: DisciplineRuleSet = {
    limitationYears,
    stateNoticeDays: pick(cmd.stateNoticeDays, base.stateNoticeDays, 1, 60, 'stateNoticeDays'),
    complaintFilingWorkingDays: pick(cmd.complaintFilingWorkingDays, base.complaintFilingWorkingDays, 1, 365, 'complaintFilingWorkingDays'),
    complaintResolutionWorkingDays: pick(cmd.complaintResolutionWorkingDays, base.complaintResolutionWorkingDays, 1, 720, 'complaintResolutionWorkingDays'),
    complaintResolutionWorkingDaysCentral: pick(cmd.complaintResolutionWorkingDaysCentral, base.complaintResolutionWorkingDaysCentral, 1, 720, 'complaintResolutionWorkingDaysCentral'),
  };
  const version = { id, validFrom: cmd.validFrom, rules };
  await ports.insertRuleSetVersion(version, principal.subject);
  return version;
}
