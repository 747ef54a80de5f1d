import { AgendaCategory, MeetingKind, MeetingStatus, OrgUnitKind, Role, type Principal } from '@chibo/domain';
import { MeetingAction, TRANSITIONS, allowedNext, approveMinutes, cancelMeeting, holdMeeting, nextStatus, planMeeting, prepareMeeting } from './lifecycle';
import { MemoryPorts } from './memory-ports';
import type { CellFacts } from './meetings';

const cell: CellFacts = { id: 'cell', kind: OrgUnitKind.CELL, lineage: ['city', 'ward', 'cell'] };
const ward: CellFacts = { id: 'ward', kind: OrgUnitKind.COMMITTEE, lineage: ['city', 'ward'] };
const secretary: Principal = { tenantId: 't', subject: 'sec', roles: [Role.CELL_SECRETARY], scopeOrgUnitId: 'cell' };
const now = new Date('2026-11-24T10:00:00Z');
const S = MeetingStatus;
const A = MeetingAction;

describe('G-2: the meeting lifecycle as a state machine', () => {
  it.each<[string, MeetingStatus, MeetingAction, MeetingStatus | null]>([
    ['G-2: PLANNED is prepared', S.PLANNED, A.PREPARE, S.PREPARED],
    ['G-2: PLANNED may be cancelled', S.PLANNED, A.CANCEL, S.CANCELLED],
    ['G-2: PLANNED cannot be held before it is prepared', S.PLANNED, A.HOLD, null],
    ['G-2: PLANNED has no minutes to approve', S.PLANNED, A.APPROVE_MINUTES, null],
    ['G-2: PREPARED is held', S.PREPARED, A.HOLD, S.HELD],
    ['G-2: PREPARED may be cancelled', S.PREPARED, A.CANCEL, S.CANCELLED],
    ['G-2: PREPARED is not prepared twice', S.PREPARED, A.PREPARE, null],
    ['G-2: HELD has its minutes approved', S.HELD, A.APPROVE_MINUTES, S.MINUTES_APPROVED],
    ['G-2: HELD cannot be cancelled (it took place)', S.HELD, A.CANCEL, null],
    ['G-2: MINUTES_APPROVED is final', S.MINUTES_APPROVED, A.CANCEL, null],
    ['G-2: CANCELLED is final', S.CANCELLED, A.PREPARE, null],
    ['G-2: CANCELLED cannot be held', S.CANCELLED, A.HOLD, null],
  ])('%s', (_name, from, action, to) => {
    if (to) return expect(nextStatus(from, action)).toBe(to);
    expect(() => nextStatus(from, action)).toThrow(
      expect.objectContaining({ code: 'RULE_VIOLATION', details: expect.objectContaining({ rule: 'G-2', currentStatus: from, allowedNext: allowedNext(from) }) }),
    );
  });

  it('G-2: the refusal names the current state and the allowed ones, in both languages', () => {
    try {
      nextStatus(S.PLANNED, A.HOLD);
      throw new Error('expected a refusal');
    } catch (e: any) {
      expect(e.messageVi).toContain('PLANNED');
      expect(e.messageVi).toContain('PREPARED, CANCELLED');
      expect(e.messageEn).toContain('PREPARED, CANCELLED');
    }
  });

  it('G-2: every state is reachable from PLANNED and only two states are final', () => {
    const seen = new Set<MeetingStatus>([S.PLANNED]);
    const queue = [S.PLANNED];
    while (queue.length) for (const to of Object.values(TRANSITIONS[queue.shift()!])) if (!seen.has(to!)) (seen.add(to!), queue.push(to!));
    expect([...seen].sort()).toEqual(Object.values(S).sort());
    expect(Object.values(S).filter((s) => !allowedNext(s).length).sort()).toEqual([S.CANCELLED, S.MINUTES_APPROVED]);
  });
});

async function planned(p: MemoryPorts, kind = MeetingKind.REGULAR) {
  return planMeeting(secretary, { cellId: 'cell', kind, title: 'Sinh hoạt thường kỳ tháng 12', scheduledAt: new Date('2026-12-03T01:00:00Z') }, p, now);
}

function addItem(p: MemoryPorts, meetingId: string, presenterMemberId: string | null) {
  p.agenda.push({ id: `item-${p.agenda.length}`, meetingId, position: p.agenda.length + 1, category: AgendaCategory.PARTY_BUILDING, title: 'Xây dựng Đảng', presenterMemberId, plannedMinutes: 30, actualMinutes: null });
}

describe('G-2: commands that move a meeting', () => {
  it('G-2: a planned meeting is prepared, held and its minutes approved, each step announced', async () => {
    const p = new MemoryPorts([cell]);
    const m = await planned(p);
    expect(m.status).toBe(S.PLANNED);
    addItem(p, m.id, 'member-1');
    const prepared = await prepareMeeting(secretary, { meetingId: m.id, draftResolution: 'Dự thảo nghị quyết tháng 12' }, p, now);
    expect(prepared).toMatchObject({ status: S.PREPARED, draftResolution: 'Dự thảo nghị quyết tháng 12', statusChangedBy: 'sec' });
    const held = await holdMeeting(secretary, { meetingId: m.id, heldAt: new Date('2026-11-24T01:00:00Z'), agenda: [{ agendaItemId: 'item-0', actualMinutes: 45 }] }, p, now);
    expect(held.status).toBe(S.HELD);
    expect(p.agenda[0].actualMinutes).toBe(45);
    p.attendance.push({ meetingId: m.id, memberId: 'member-1', status: 'PRESENT' as never, reason: null });
    const approved = await approveMinutes(secretary, { meetingId: m.id }, p, now);
    expect(approved.status).toBe(S.MINUTES_APPROVED);
    expect(p.events.map((e) => (e.payload as { to?: string }).to)).toEqual([S.PLANNED, S.PREPARED, S.HELD, S.MINUTES_APPROVED]);
  });

  it.each<[string, (p: MemoryPorts, id: string) => Promise<unknown>, string, string]>([
    ['G-2: content not assigned: no agenda', (p, id) => prepareMeeting(secretary, { meetingId: id, draftResolution: 'Dự thảo' }, p, now), 'RULE_VIOLATION', 'G-2'],
    [
      'G-2: content not assigned: an item without presenter',
      (p, id) => (addItem(p, id, 'm1'), addItem(p, id, null), prepareMeeting(secretary, { meetingId: id, draftResolution: 'Dự thảo' }, p, now)),
      'RULE_VIOLATION',
      'G-2',
    ],
    ['G-2: no draft resolution', (p, id) => (addItem(p, id, 'm1'), prepareMeeting(secretary, { meetingId: id, draftResolution: '  ' }, p, now)), 'RULE_VIOLATION', 'G-2'],
    ['G-2: a cancellation needs a reason', (p, id) => cancelMeeting(secretary, { meetingId: id, reason: ' ' }, p, now), 'BAD_USER_INPUT', 'G-2'],
    ['G-2: held before prepared', (p, id) => holdMeeting(secretary, { meetingId: id, heldAt: now }, p, now), 'RULE_VIOLATION', 'G-2'],
    ['G-4: minutes need the attendance', (p, id) => p.updateMeeting({ ...p.meetings[0], status: S.HELD }).then(() => approveMinutes(secretary, { meetingId: id }, p, now)), 'RULE_VIOLATION', 'G-4'],
  ])('%s', async (_name, act, code, rule) => {
    const p = new MemoryPorts([cell]);
    const m = await planned(p);
    const before = p.events.length;
    await expect(act(p, m.id)).rejects.toMatchObject({ code, details: expect.objectContaining({ rule }) });
    expect(p.events.length).toBe(before);
  });

  it('G-2: a seminar needs no draft resolution', async () => {
    const p = new MemoryPorts([cell]);
    const m = await planned(p, MeetingKind.SEMINAR);
    addItem(p, m.id, 'm1');
    await expect(prepareMeeting(secretary, { meetingId: m.id }, p, now)).resolves.toMatchObject({ status: S.PREPARED });
  });

  it('G-2: a cancelled meeting keeps its record and reason', async () => {
    const p = new MemoryPorts([cell]);
    const m = await planned(p);
    const c = await cancelMeeting(secretary, { meetingId: m.id, reason: 'Trùng lịch bầu cử' }, p, now);
    expect(p.meetings).toEqual([c]);
    expect(c).toMatchObject({ status: S.CANCELLED, cancelReason: 'Trùng lịch bầu cử', statusChangedAt: now });
  });

  it.each<[string, Principal, string]>([
    ['a member may not plan', { ...secretary, roles: [Role.MEMBER] }, 'FORBIDDEN'],
    ["another cell's secretary does not see the cell", { ...secretary, scopeOrgUnitId: 'other' }, 'NOT_FOUND'],
  ])('%s', async (_name, who, code) => {
    const p = new MemoryPorts([cell]);
    await expect(planMeeting(who, { cellId: 'cell', kind: MeetingKind.REGULAR, title: 'x', scheduledAt: now }, p, now)).rejects.toMatchObject({ code });
    expect(p.meetings).toEqual([]);
  });

  it.each<[string, CellFacts, MeetingKind, boolean]>([
    ['G-1: a cell plans a thematic meeting', cell, MeetingKind.THEMATIC, true],
    ['G-1: a cell plans a cell committee meeting', cell, MeetingKind.CELL_COMMITTEE, true],
    ['G-1: a committee holds a seminar', ward, MeetingKind.SEMINAR, true],
    ['G-1: a committee holds no regular cell meeting', ward, MeetingKind.REGULAR, false],
  ])('%s', async (_name, unit, kind, ok) => {
    const p = new MemoryPorts([unit]);
    const admin: Principal = { tenantId: 't', subject: 'a', roles: [Role.CITY_ADMIN], scopeOrgUnitId: null };
    const act = planMeeting(admin, { cellId: unit.id, kind, title: 'Họp', scheduledAt: now }, p, now);
    if (ok) await expect(act).resolves.toMatchObject({ status: S.PLANNED, kind });
    else await expect(act).rejects.toMatchObject({ code: 'RULE_VIOLATION', details: expect.objectContaining({ rule: 'G-1' }) });
  });
});
