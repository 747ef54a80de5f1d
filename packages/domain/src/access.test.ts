import { Role, isInScope, monthPeriod, periodRange, type Principal } from './index';

const p = (roles: Role[], scope: string | null): Principal => ({ tenantId: 't', subject: 's', roles, scopeOrgUnitId: scope });
const lineage = ['city', 'ward', 'cell'];

describe('who may see a unit (DESIGN.md §2)', () => {
  it.each<[string, Principal, boolean]>([
    ['city admin without scope sees the whole tenant', p([Role.CITY_ADMIN], null), true],
    ['committee staff of the ward sees its cells', p([Role.COMMITTEE_STAFF], 'ward'), true],
    ['committee staff of another ward does not', p([Role.COMMITTEE_STAFF], 'ward-2'), false],
    ['cell secretary sees their own cell', p([Role.CELL_SECRETARY], 'cell'), true],
    ['cell secretary of a cell does not see the ward above it', p([Role.CELL_SECRETARY], 'cell'), false],
    ['a member with no scope sees nothing', p([Role.MEMBER], null), false],
  ])('%s', (name, principal, expected) => {
    const target = name.includes('ward above') ? ['city', 'ward'] : lineage;
    expect(isInScope(principal, target)).toBe(expected);
  });
});

describe('reporting periods count in Vietnam time (UTC+7)', () => {
  it.each([
    ['2026-11-30T16:59:59Z', '2026-11'],
    ['2026-11-30T17:00:00Z', '2026-12'],
    ['2026-01-01T00:00:00Z', '2026-01'],
    ['2025-12-31T17:30:00Z', '2026-01'],
  ])('%s is in %s', (instant, period) => {
    expect(monthPeriod(new Date(instant))).toBe(period);
  });

  it('gives a month as [first day 00:00 VN, next month 00:00 VN)', () => {
    expect(periodRange('2026-11')).toEqual({ from: new Date('2026-10-31T17:00:00Z'), to: new Date('2026-11-30T17:00:00Z') });
    expect(periodRange('2026-13')).toBeNull();
  });
});
