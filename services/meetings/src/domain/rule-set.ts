import { DomainError, requireOperation, requireTenant, type Principal } from '@chibo/domain';

/**
 * What the calendar does when the regular meeting's day falls on a Sunday (G-1). DOMAIN.md
 * names the date (the 3rd, Chỉ thị 50) and says nothing about weekends; residential cells
 * (chi bộ tổ dân phố) commonly meet on Sundays, so the default keeps the date. A tenant whose
 * cells are offices may move it to the Saturday before or the Monday after.
 */
export enum SundayRule {
  KEEP = 'KEEP',
  SATURDAY_BEFORE = 'SATURDAY_BEFORE',
  MONDAY_AFTER = 'MONDAY_AFTER',
}

/**
 * Quy định sinh hoạt — a tenant's meeting rule set (*configurable*, versioned like the G-7
 * rubric): a record is judged by the version in force on its date, and a new version never
 * changes what an older one decided.
 */
export interface MeetingRuleSet {
  version: number;
  /** From this date (Vietnam) the version applies. */
  effectiveFrom: string;
  /** G-1: day of the month of the regular meeting (1–28, so every month has it). */
  regularMeetingDay: number;
  sundayRule: SundayRule;
  /** G-1: the day the planner puts the quarter's thematic meeting on, in the quarter's first month. */
  thematicMeetingDay: number;
  /** G-4 flag: a meeting whose attendance rate is below this is flagged (the score uses the rubric's). */
  attendanceRateMin: number;
  /** G-6: a meeting (or a cell over a quarter) whose PROFESSIONAL share exceeds this is flagged. */
  professionalShareMax: number;
  /** G-10 / M-6: unexcused absence in this many distinct months of a year proposes removal. */
  unexcusedMonthsForRemoval: number;
  /** G-10: absent with reason more than this many meetings in a row in a year is flagged. */
  excusedStreakMax: number;
}

/** DOMAIN.md's values: the rule set every tenant starts with (version 0). */
export const DEFAULT_RULE_SET: MeetingRuleSet = {
  version: 0,
  effectiveFrom: '1900-01-01',
  regularMeetingDay: 3,
  sundayRule: SundayRule.KEEP,
  thematicMeetingDay: 15,
  attendanceRateMin: 0.85,
  professionalShareMax: 0.5,
  unexcusedMonthsForRemoval: 3,
  excusedStreakMax: 3,
};

export interface RuleSetPorts {
  /** The latest version effective on or before `date`, or null (the default applies). */
  ruleSetOn(date: string): Promise<MeetingRuleSet | null>;
  latestRuleSet(): Promise<MeetingRuleSet | null>;
  ruleSets(): Promise<MeetingRuleSet[]>;
  insertRuleSet(r: MeetingRuleSet, createdBy: string): Promise<void>;
  publish(event: { type: 'MeetingRuleSetPublished'; payload: { version: number; effectiveFrom: string } }): void;
}

/** The version in force on `date` among `versions`: the latest effective on or before it, else the default. */
export function pickRuleSet(versions: MeetingRuleSet[], date: string): MeetingRuleSet {
  let found: MeetingRuleSet = DEFAULT_RULE_SET;
  for (const v of versions) {
    if (v.effectiveFrom <= date && (v.effectiveFrom > found.effectiveFrom || (v.effectiveFrom === found.effectiveFrom && v.version > found.version))) found = v;
  }
  return found;
}

export async function ruleSetOn(date: string, ports: Pick<RuleSetPorts, 'ruleSetOn'>): Promise<MeetingRuleSet> {
  return (await ports.ruleSetOn(date)) ?? DEFAULT_RULE_SET;
}

/** The day of the regular meeting in a month (`YYYY-MM`) under a rule set: the day, moved off a Sunday if the tenant says so. */
export function regularMeetingDate(period: string, rules: Pick<MeetingRuleSet, 'regularMeetingDay' | 'sundayRule'>): string {
  const [y, m] = period.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, rules.regularMeetingDay));
  if (date.getUTCDay() === 0 && rules.sundayRule !== SundayRule.KEEP) {
    date.setUTCDate(date.getUTCDate() + (rules.sundayRule === SundayRule.SATURDAY_BEFORE ? -1 : 1));
  }
  return date.toISOString().slice(0, 10);
}

export function validateRuleSet(r: Omit<MeetingRuleSet, 'version'>): void {
  const bad = (field: string, vi: string, en: string) => new DomainError('BAD_USER_INPUT', { vi, en }, { rule: 'G-1', field });
  for (const k of ['regularMeetingDay', 'thematicMeetingDay'] as const) {
    if (!Number.isInteger(r[k]) || r[k] < 1 || r[k] > 28) throw bad(k, 'Ngày trong tháng phải từ 1 đến 28', 'The day of the month must be 1 to 28');
  }
  if (!Object.values(SundayRule).includes(r.sundayRule)) throw bad('sundayRule', 'Quy tắc ngày Chủ nhật không hợp lệ', 'Unknown Sunday rule');
  for (const k of ['attendanceRateMin', 'professionalShareMax'] as const) {
    if (!(r[k] >= 0 && r[k] <= 1)) throw bad(k, 'Tỷ lệ phải từ 0 đến 1', 'A rate is between 0 and 1');
  }
  for (const k of ['unexcusedMonthsForRemoval', 'excusedStreakMax'] as const) {
    if (!Number.isInteger(r[k]) || r[k] < 1 || r[k] > 12) throw bad(k, 'Giá trị phải là số nguyên từ 1 đến 12', 'Must be a whole number from 1 to 12');
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(r.effectiveFrom) || Number.isNaN(Date.parse(r.effectiveFrom))) {
    throw bad('effectiveFrom', 'Ngày hiệu lực phải có dạng YYYY-MM-DD', 'effectiveFrom must look like YYYY-MM-DD');
  }
}

/** A city administrator publishes a new version; what was judged under an older one stays as it was. */
export async function setRuleSet(principal: Principal, input: Omit<MeetingRuleSet, 'version'>, ports: Pick<RuleSetPorts, 'latestRuleSet' | 'insertRuleSet' | 'publish'>): Promise<MeetingRuleSet> {
  requireTenant(principal);
  requireOperation(principal, 'setMeetingRuleSet');
  validateRuleSet(input);
  const latest = await ports.latestRuleSet();
  if (latest && input.effectiveFrom < latest.effectiveFrom) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: `Phiên bản mới không thể có hiệu lực trước phiên bản ${latest.version} (${latest.effectiveFrom})`, en: `A new version cannot take effect before version ${latest.version} (${latest.effectiveFrom})` },
      { rule: 'G-1', field: 'effectiveFrom' },
    );
  }
  const ruleSet: MeetingRuleSet = { ...input, version: (latest?.version ?? 0) + 1 };
  await ports.insertRuleSet(ruleSet, principal.subject);
  ports.publish({ type: 'MeetingRuleSetPublished', payload: { version: ruleSet.version, effectiveFrom: ruleSet.effectiveFrom } });
  return ruleSet;
}
