import { AttendanceStatus as AS, MeetingKind, MeetingStatus, OrgUnitKind, Role, type Principal } from '@chibo/domain';
import { meetingDate, recordAttendance, summarize } from './attendance';
import { MemoryPorts } from './memory-ports';
import { newMeeting, type CellFacts } from './meetings';
import type { RollMember } from './roll';

const cell: CellFacts = { id: 'cell', kind: OrgUnitKind.CELL, lineage: ['city', 'ward', 'cell'] };
const secretary: Principal = { tenantId: 't', subject: 'sec', roles: [Role.CELL_SECRETARY], scopeOrgUnitId: 'cell' };

describe('G-4: attendance rate = present ÷ (roll − exempt − on duty − temporarily out)', () => {
  const rows = (spec: Partial<Record<AS, number>>) => Object.entries(spec).flatMap(([status, n]) => Array.from({ length: n! }, () => ({ status: status as AS })));
  it.each<[string, Partial<Record<AS, number>>, number, number | null]>([
    ['G-4: everyone present', { PRESENT: 10 }, 0, 1],
    ['G-4: exempt members leave the denominator', { PRESENT: 17, ABSENT_UNEXCUSED: 3, EXEMPT: 2 }, 0, 17 / 20],
    ['G-4: 85 % exactly (17 of 20)', { PRESENT: 17, ABSENT_EXCUSED: 3 }, 0, 0.85],
    ['G-4: on duty and temporarily out leave the denominator', { PRESENT: 8, ON_DUTY: 1, ABSENT_EXCUSED: 2 }, 2, 0.8],
    ['G-4: absences with and without reason both count against', { PRESENT: 6, ABSENT_EXCUSED: 2, ABSENT_UNEXCUSED: 2 }, 0, 0.6],
    ['G-4: nobody expected gives no rate, not a division by zero', { EXEMPT: 2 }, 1, null],
  ])('%s', (_name, spec, away, rate) => {
    const s = summarize(rows(spec), away);
    if (rate === null) expect(s.rate).toBeNull();
    else expect(s.rate).toBeCloseTo(rate);
    expect(s.expected).toBe(s.onRoll - s.exempt - s.onDuty - s.temporarilyOut);
  });

  it.each<[string, string, string]>([
    ['G-4: a meeting at 06:00 Vietnam time on the 1st uses the roll of the 1st', '2026-05-31T23:00:00Z', '2026-06-01'],
    ['G-4: a meeting at 16:59 UTC is still the same Vietnamese day', '2026-05-31T16:59:00Z', '2026-05-31'],
    ['G-4: 17:00 UTC is the next Vietnamese day', '2026-05-31T17:00:00Z', '2026-06-01'],
  ])('%s', (_name, at, date) => expect(meetingDate(new Date(at))).toBe(date));
});

describe('G-4: recording the whole roll in one command', () => {
  const heldAt = new Date('2026-11-03T01:00:00Z');
  const roll: RollMember[] = [
    { memberId: 'an', status: 'OFFICIAL', temporarilyOut: false },
    { memberId: 'binh', status: 'OFFICIAL', temporarilyOut: false },
    { memberId: 'cuong', status: 'PROBATIONARY', temporarilyOut: false },
    { memberId: 'dung', status: 'EXEMPT', temporarilyOut: false },
    { memberId: 'em', status: 'OFFICIAL', temporarilyOut: true },
  ];
  function setup(status = MeetingStatus.HELD) {
    const p = new MemoryPorts([cell]);
    const m = newMeeting('t', 'cell', { kind: MeetingKind.REGULAR, status, title: 'Tháng 11', heldAt });
    p.meetings.push(m);
    p.rolls.set('cell@2026-11-03', roll);
    return { p, m };
  }
  const full = [
    { memberId: 'an', status: AS.PRESENT },
    { memberId: 'binh', status: AS.ABSENT_EXCUSED, reason: 'Ốm' },
    { memberId: 'cuong', status: AS.PRESENT },
  ];

  it('G-4: records everyone, fills in the exempt member, leaves out the one away, and computes the rate', async () => {
    const { p, m } = setup();
    const r = await recordAttendance(secretary, { meetingId: m.id, entries: full, chairMemberId: 'an' }, p);
    expect(p.attendance.map((a) => `${a.memberId}:${a.status}`).sort()).toEqual(['an:PRESENT', 'binh:ABSENT_EXCUSED', 'cuong:PRESENT', 'dung:EXEMPT']);
    expect(r.summary).toMatchObject({ onRoll: 5, exempt: 1, temporarilyOut: 1, expected: 3, present: 2 });
    expect(r.summary.rate).toBeCloseTo(2 / 3);
    expect(p.meetings[0]).toMatchObject({ chairMemberId: 'an', rollSize: 5, rollTemporarilyOut: 1 });
    expect(p.events).toEqual([expect.objectContaining({ type: 'MeetingContentChanged', payload: expect.objectContaining({ part: 'ATTENDANCE' }) })]);
  });

  it('G-4: recording again replaces the previous attendance', async () => {
    const { p, m } = setup();
    await recordAttendance(secretary, { meetingId: m.id, entries: full }, p);
    await recordAttendance(secretary, { meetingId: m.id, entries: full.map((e) => ({ ...e, status: AS.PRESENT, reason: null })) }, p);
    expect(p.attendance.filter((a) => a.status === AS.PRESENT)).toHaveLength(3);
    expect(p.attendance).toHaveLength(4);
  });

  it.each<[string, object[], string, string, MeetingStatus]>([
    ['G-4: a member of the roll is missing', full.slice(0, 2), 'RULE_VIOLATION', 'G-4', MeetingStatus.HELD],
    ['G-4: someone not on the roll on the meeting date', [...full, { memberId: 'stranger', status: AS.PRESENT }], 'RULE_VIOLATION', 'G-4', MeetingStatus.HELD],
    ['G-4: a member temporarily transferred out is not counted here', [...full, { memberId: 'em', status: AS.PRESENT }], 'RULE_VIOLATION', 'G-4', MeetingStatus.HELD],
    ['G-4: an excused absence without its reason', [full[0], { memberId: 'binh', status: AS.ABSENT_EXCUSED }, full[2]], 'BAD_USER_INPUT', 'G-4', MeetingStatus.HELD],
    ['M-4: EXEMPT for a member the cell has not exempted', [full[0], { memberId: 'binh', status: AS.EXEMPT }, full[2]], 'RULE_VIOLATION', 'M-4', MeetingStatus.HELD],
    ['M-4: an exempt member recorded as absent', [...full, { memberId: 'dung', status: AS.ABSENT_UNEXCUSED }], 'RULE_VIOLATION', 'M-4', MeetingStatus.HELD],
    ['G-2: a planned meeting has no attendance yet', full, 'RULE_VIOLATION', 'G-2', MeetingStatus.PLANNED],
    ['G-2: approved minutes freeze the attendance', full, 'RULE_VIOLATION', 'G-2', MeetingStatus.MINUTES_APPROVED],
  ])('%s', async (_name, entries, code, rule, status) => {
    const { p, m } = setup(status);
    await expect(recordAttendance(secretary, { meetingId: m.id, entries: entries as never }, p)).rejects.toMatchObject({ code, details: expect.objectContaining({ rule }) });
    expect(p.attendance).toEqual([]);
    expect(p.events).toEqual([]);
  });

  it('G-5: the chair must be present', async () => {
    const { p, m } = setup();
    await expect(recordAttendance(secretary, { meetingId: m.id, entries: full, chairMemberId: 'binh' }, p)).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      details: expect.objectContaining({ rule: 'G-5' }),
    });
  });

  it.each<[string, Principal, string]>([
    ['a member may not record attendance', { ...secretary, roles: [Role.MEMBER] }, 'FORBIDDEN'],
    ["another cell's secretary finds no such meeting", { ...secretary, scopeOrgUnitId: 'other' }, 'NOT_FOUND'],
  ])('%s', async (_name, who, code) => {
    const { p, m } = setup();
    await expect(recordAttendance(who, { meetingId: m.id, entries: full }, p)).rejects.toMatchObject({ code });
    expect(p.attendance).toEqual([]);
  });
});
