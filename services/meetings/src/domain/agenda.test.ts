import { AgendaCategory as C, AttendanceStatus, ContributionKind, MeetingKind, MeetingStatus, OrgUnitKind, Role, type Principal } from '@chibo/domain';
import { addAgendaItem, contentBalance, onlyChairSpoke, participationRate, recordContributions } from './agenda';
import { MemoryPorts } from './memory-ports';
import { newMeeting, type CellFacts } from './meetings';

const cell: CellFacts = { id: 'cell', kind: OrgUnitKind.CELL, lineage: ['city', 'ward', 'cell'] };
const secretary: Principal = { tenantId: 't', subject: 'sec', roles: [Role.CELL_SECRETARY], scopeOrgUnitId: 'cell' };

describe('G-6: content balance by actual minutes', () => {
  const item = (category: C, actualMinutes: number | null, plannedMinutes = 0) => ({ category, actualMinutes, plannedMinutes });
  it.each<[string, ReturnType<typeof item>[], number | null, boolean]>([
    ['G-6: professional exactly 50 % is not flagged', [item(C.PROFESSIONAL, 45), item(C.PARTY_BUILDING, 45)], 0.5, false],
    ['G-6: professional just over 50 % is flagged', [item(C.PROFESSIONAL, 46), item(C.PARTY_BUILDING, 45)], 46 / 91, true],
    ['G-6: two professional items add up', [item(C.PROFESSIONAL, 30), item(C.PROFESSIONAL, 30), item(C.DISSEMINATION, 30)], 2 / 3, true],
    ['G-6: no professional content', [item(C.HCM_STUDY, 20), item(C.CRITICISM, 70)], 0, false],
    ['G-6: before the meeting the planned minutes count', [item(C.PROFESSIONAL, null, 60), item(C.IDEOLOGY, null, 30)], 2 / 3, true],
    ['G-6: no minutes at all give no share', [], null, false],
  ])('%s', (_name, items, share, flagged) => {
    const b = contentBalance(items);
    if (share === null) expect(b.professionalShare).toBeNull();
    else expect(b.professionalShare).toBeCloseTo(share);
    expect(b.professionalFlag).toBe(flagged);
    expect(b.categories.reduce((a, c) => a + c.share, 0)).toBeCloseTo(items.length ? 1 : 0);
  });

  it('G-6: the threshold is a rule-set value', () => {
    expect(contentBalance([item(C.PROFESSIONAL, 40), item(C.OTHER, 60)], { professionalShareMax: 0.3 }).professionalFlag).toBe(true);
  });
});

describe('G-5: participation', () => {
  const spoke = (...ids: string[]) => ids.map((memberId) => ({ memberId }));
  it.each<[string, string | null, string[], number, number | null, boolean]>([
    ['G-5: distinct speakers other than the chair ÷ present', 'chair', ['chair', 'a', 'b', 'a'], 10, 0.2, false],
    ['G-5: only the chair spoke: rate 0 and flagged', 'chair', ['chair', 'chair'], 10, 0, true],
    ['G-5: nobody spoke: rate 0, not the chair-only flag', 'chair', [], 10, 0, false],
    ['G-5: without a recorded chair every speaker counts', null, ['a', 'b'], 4, 0.5, false],
    ['G-5: nobody present gives no rate', 'chair', [], 0, null, false],
  ])('%s', (_name, chair, speakers, present, rate, flag) => {
    expect(participationRate(chair, spoke(...speakers), present)).toBe(rate);
    expect(onlyChairSpoke(chair, spoke(...speakers))).toBe(flag);
  });
});

describe('G-3, G-5: agenda items and contributions', () => {
  function setup(status: MeetingStatus) {
    const p = new MemoryPorts([cell]);
    const m = newMeeting('t', 'cell', { kind: MeetingKind.REGULAR, status, title: 'Tháng 11', heldAt: new Date('2026-11-03T01:00:00Z') });
    p.meetings.push(m);
    return { p, m };
  }

  it('G-3: items are numbered in order and carry category, presenter and planned minutes', async () => {
    const { p, m } = setup(MeetingStatus.PLANNED);
    await addAgendaItem(secretary, { meetingId: m.id, category: C.DISSEMINATION, title: 'Quán triệt Chỉ thị 50', presenterMemberId: 'AN', plannedMinutes: 30 }, p);
    const second = await addAgendaItem(secretary, { meetingId: m.id, category: C.PROFESSIONAL, title: 'Công tác tổ dân phố', plannedMinutes: 20 }, p);
    expect(second).toMatchObject({ position: 2, category: C.PROFESSIONAL, presenterMemberId: null, plannedMinutes: 20, actualMinutes: null });
    expect(p.agenda[0].presenterMemberId).toBe('an');
  });

  it.each<[string, MeetingStatus, object, string, string | undefined]>([
    ['G-3: actual minutes only once held', MeetingStatus.PREPARED, { actualMinutes: 10, presenterMemberId: 'an' }, 'RULE_VIOLATION', 'G-3'],
    ['G-2: a prepared meeting keeps every item assigned', MeetingStatus.PREPARED, {}, 'RULE_VIOLATION', 'G-2'],
    ['G-2: approved minutes freeze the agenda', MeetingStatus.MINUTES_APPROVED, {}, 'RULE_VIOLATION', 'G-2'],
    ['G-2: a cancelled meeting has no agenda to change', MeetingStatus.CANCELLED, {}, 'RULE_VIOLATION', 'G-2'],
    ['G-3: minutes are whole and not negative', MeetingStatus.PLANNED, { plannedMinutes: -5 }, 'BAD_USER_INPUT', undefined],
    ['G-3: a title is required', MeetingStatus.PLANNED, { title: ' ' }, 'BAD_USER_INPUT', undefined],
  ])('%s', async (_name, status, change, code, rule) => {
    const { p, m } = setup(status);
    const act = addAgendaItem(secretary, { meetingId: m.id, category: C.OTHER, title: 'Khác', plannedMinutes: 10, ...change }, p);
    await expect(act).rejects.toMatchObject({ code, ...(rule ? { details: expect.objectContaining({ rule }) } : {}) });
    expect(p.agenda).toEqual([]);
  });

  async function held() {
    const s = setup(MeetingStatus.HELD);
    s.p.agenda.push({ id: 'item', meetingId: s.m.id, position: 1, category: C.OTHER, title: 'x', presenterMemberId: null, plannedMinutes: 10, actualMinutes: 10 });
    s.p.attendance.push(
      { meetingId: s.m.id, memberId: 'an', status: AttendanceStatus.PRESENT, reason: null },
      { meetingId: s.m.id, memberId: 'binh', status: AttendanceStatus.ABSENT_EXCUSED, reason: 'Ốm' },
    );
    return s;
  }

  it('G-5: many contributions in one command', async () => {
    const { p, m } = await held();
    await recordContributions(secretary, { meetingId: m.id, contributions: [{ memberId: 'an', agendaItemId: 'item', kind: ContributionKind.PROPOSAL }] }, p);
    expect(p.contributions).toEqual([expect.objectContaining({ memberId: 'an', agendaItemId: 'item', kind: 'PROPOSAL' })]);
  });

  it.each<[string, string, string]>([
    ['G-5: an absent member did not speak', 'binh', 'item'],
    ['G-5: the item must be on this agenda', 'an', 'other-item'],
  ])('%s', async (_name, memberId, agendaItemId) => {
    const { p, m } = await held();
    await expect(recordContributions(secretary, { meetingId: m.id, contributions: [{ memberId, agendaItemId, kind: ContributionKind.OPINION }] }, p)).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      details: expect.objectContaining({ rule: 'G-5' }),
    });
    expect(p.contributions).toEqual([]);
  });
});
