import { Role } from '@chibo/domain';
import { useStack, type TenantHandle } from '@chibo/testkit';

const step = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { disciplineCase { id status } } }`;
const ADD = 'mutation($i: AddTenantCalendarDayInput!) { addTenantCalendarDay(input: $i) { day { id date kind reason } } }';
const REMOVE = 'mutation($id: ID!) { removeTenantCalendarDay(id: $id) }';
const DAYS = 'query($y: Int) { tenantCalendarDays(year: $y) { date kind } }';
const MINE = '{ myDisciplineDecisions { complaintDeadline } }';

/** A warning of a member, announced on Mon 26/1/2026 (before Tết): the member reads its complaint deadline. */
async function announcedWarning(city: TenantHandle) {
  const tree = await city.seedTree();
  const reg = await city.admin.ok('mutation($i: RegisterMemberInput!) { registerMember(input: $i) { member { id } } }', {
    i: { cellId: tree.cell, fullName: 'Hoàng Thị Lan', dateOfBirth: '1982-11-03', gender: 'FEMALE', status: 'OFFICIAL', admittedOn: '2006-02-03', officialOn: '2007-02-03', partyCardNumber: `${Date.now()}${Math.random()}`.slice(0, 20) },
  });
  const memberId: string = reg.registerMember.member.id;
  const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.city });
  const opened = await inspector.ok(step('openDisciplineCase', 'OpenDisciplineCaseInput'), {
    i: { trigger: 'DENUNCIATION', subjectKind: 'OFFICIAL_MEMBER', orgUnitId: tree.cell, subjectMemberId: memberId, title: 'Vi phạm', openedOn: '2026-01-05', violations: [{ occurredOn: '2025-12-01' }] },
  });
  const caseId: string = opened.openDisciplineCase.disciplineCase.id;
  await inspector.ok(step('startDisciplineSelfReview', 'DisciplineCaseStepInput'), { i: { caseId, on: '2026-01-06' } });
  await inspector.ok(step('verifyDisciplineCase', 'VerifyDisciplineCaseInput'), { i: { caseId, findings: 'Có vi phạm', on: '2026-01-12' } });
  await inspector.ok(step('deliberateDisciplineCase', 'DeliberateDisciplineCaseInput'), {
    i: { caseId, deliberatingOrgUnitId: tree.cell, proposedForm: 'WARNING', eligibleVoters: 7, votesFor: 6, votesAgainst: 1, on: '2026-01-19' },
  });
  await inspector.ok(step('decideDisciplineCase', 'DecideDisciplineCaseInput'), { i: { caseId, decidingOrgUnitId: tree.cell, form: 'WARNING', decisionNumber: '02-QĐ/CB', on: '2026-01-20' } });
  await inspector.ok(step('announceDisciplineDecision', 'DisciplineCaseStepInput'), { i: { caseId, on: '2026-01-26' } });
  const subject = await city.user({ role: Role.MEMBER, scope: tree.cell, memberId });
  const deadline = async () => (await subject.ok(MINE)).myDisciplineDecisions[0].complaintDeadline as string;
  return { tree, inspector, caseId, deadline };
}

describe('a tenant’s own days off and worked weekends move its D-7 deadlines', () => {
  const stack = useStack();

  it('D-7: 30 working days across Tết end Mon 16/3; a local holiday moves it a day; a worked Saturday brings it back; only this tenant is affected', async () => {
    const city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh (lịch riêng)');
    const other = await stack().createTenant('Đảng bộ thành phố Vinh (lịch riêng)');
    const here = await announcedWarning(city);
    const there = await announcedWarning(other);
    expect(await here.deadline()).toBe('2026-03-16');

    // Committee staff and the cell do not keep the calendar; a holiday on a Saturday makes no sense.
    for (const user of [await city.user({ role: Role.COMMITTEE_STAFF, scope: here.tree.city }), await city.user({ role: Role.CELL_SECRETARY, scope: here.tree.cell })]) {
      expect((await user.execute(ADD, { i: { date: '2026-03-04', kind: 'HOLIDAY', reason: 'Ngày giải phóng thành phố' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await city.admin.execute(ADD, { i: { date: '2026-03-07', kind: 'HOLIDAY', reason: 'Thứ Bảy' } })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });
    expect(await here.deadline()).toBe('2026-03-16');

    const holiday = (await city.admin.ok(ADD, { i: { date: '2026-03-04', kind: 'HOLIDAY', reason: 'Ngày nghỉ riêng của thành phố' } })).addTenantCalendarDay.day;
    expect(holiday).toMatchObject({ date: '2026-03-04', kind: 'HOLIDAY' });
    expect(await here.deadline()).toBe('2026-03-17');
    expect(await there.deadline()).toBe('2026-03-16');
    expect((await city.admin.execute(ADD, { i: { date: '2026-03-04', kind: 'HOLIDAY', reason: 'Lần nữa' } })).errors?.[0].extensions?.code).toBe('CONFLICT');

    // The inspection commission adds a worked Saturday: the day is won back.
    const saturday = (await here.inspector.ok(ADD, { i: { date: '2026-03-07', kind: 'WORKED_WEEKEND', reason: 'Làm bù' } })).addTenantCalendarDay.day;
    expect(await here.deadline()).toBe('2026-03-16');
    expect((await city.admin.ok(DAYS, { y: 2026 })).tenantCalendarDays).toEqual([
      { date: '2026-03-04', kind: 'HOLIDAY' },
      { date: '2026-03-07', kind: 'WORKED_WEEKEND' },
    ]);
    expect((await other.admin.ok(DAYS, { y: 2026 })).tenantCalendarDays).toEqual([]);
    // Another tenant cannot remove this tenant's day.
    expect((await other.admin.execute(REMOVE, { id: saturday.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');

    // Removed (softly): the holiday alone now counts, and a complaint on day 31 nationally is accepted.
    await city.admin.ok(REMOVE, { id: saturday.id });
    expect(await here.deadline()).toBe('2026-03-17');
    const filed = await here.inspector.ok('mutation($i: FileDisciplineComplaintInput!) { fileDisciplineComplaint(input: $i) { disciplineCase { complaint { filedOn } } } }', {
      i: { caseId: here.caseId, filedOn: '2026-03-17' },
    });
    expect(filed.fileDisciplineComplaint.disciplineCase.complaint.filedOn).toBe('2026-03-17');
    const late = await there.inspector.execute('mutation($i: FileDisciplineComplaintInput!) { fileDisciplineComplaint(input: $i) { disciplineCase { id } } }', {
      i: { caseId: there.caseId, filedOn: '2026-03-17' },
    });
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'D-7', latest: '2026-03-16' });
  });
});
