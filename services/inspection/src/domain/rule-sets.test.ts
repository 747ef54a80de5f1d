import { DisciplineForm as F, DomainError, Role, type Principal } from '@chibo/domain';
import { DEFAULT_DISCIPLINE_RULES } from './discipline-rules';
import { ruleSetOn, setDisciplineRules, type RuleSetVersion } from './rule-sets';

const with2y = { ...DEFAULT_DISCIPLINE_RULES, limitationYears: { ...DEFAULT_DISCIPLINE_RULES.limitationYears, REPRIMAND: 2 } };
const with3y = { ...DEFAULT_DISCIPLINE_RULES, limitationYears: { ...DEFAULT_DISCIPLINE_RULES.limitationYears, REPRIMAND: 3 } };
const versions: RuleSetVersion[] = [
  { id: 'b', validFrom: '2027-01-01', rules: with3y },
  { id: 'a', validFrom: '2026-01-01', rules: with2y },
];

describe('configurable rule sets, judged by the version in force on the record’s date (DOMAIN.md: *configurable*)', () => {
  it.each<[string, string, number]>([
    ['D-5: before any version the defaults apply', '2025-12-31', 5],
    ['D-5: from its first day a version applies', '2026-01-01', 2],
    ['D-5: a version applies until the next one', '2026-12-31', 2],
    ['D-5: the later version applies from its date', '2027-06-01', 3],
  ])('%s', (_name, date, years) => {
    expect(ruleSetOn(versions, date).limitationYears.REPRIMAND).toBe(years);
  });

  const ports = () => {
    const saved: RuleSetVersion[] = [];
    return { saved, ruleSetVersions: async () => saved, insertRuleSetVersion: async (v: RuleSetVersion) => void saved.push(v) };
  };
  const admin: Principal = { tenantId: 't', subject: 'a', roles: [Role.CITY_ADMIN], scopeOrgUnitId: null };

  it('only the city administrator sets rules; unspecified thresholds keep the rules in force', async () => {
    const p = ports();
    const v = await setDisciplineRules(admin, { validFrom: '2026-01-01', limitationYears: { [F.REPRIMAND]: 2 }, complaintFilingWorkingDays: 20 }, 'id1', p);
    expect(v.rules).toEqual({ ...DEFAULT_DISCIPLINE_RULES, limitationYears: { ...DEFAULT_DISCIPLINE_RULES.limitationYears, REPRIMAND: 2 }, complaintFilingWorkingDays: 20 });
    const staff: Principal = { ...admin, roles: [Role.COMMITTEE_STAFF], scopeOrgUnitId: 'city' };
    const inspector: Principal = { ...admin, roles: [Role.INSPECTOR], scopeOrgUnitId: 'city' };
    for (const who of [staff, inspector]) {
      expect(((await setDisciplineRules(who, { validFrom: '2026-02-01' }, 'x', p).catch((e) => e)) as DomainError).code).toBe('FORBIDDEN');
    }
    expect(((await setDisciplineRules(admin, { validFrom: '2026-01-01' }, 'x', p).catch((e) => e)) as DomainError).code).toBe('CONFLICT');
    expect(((await setDisciplineRules(admin, { validFrom: '2026-03-01', limitationYears: { [F.WARNING]: 0 } }, 'x', p).catch((e) => e)) as DomainError).details.field).toBe('limitationYears.WARNING');
    expect(((await setDisciplineRules(admin, { validFrom: '2026-03-01', complaintFilingWorkingDays: 1.5 }, 'x', p).catch((e) => e)) as DomainError).code).toBe('BAD_USER_INPUT');
    expect(p.saved).toHaveLength(1);
  });
});
