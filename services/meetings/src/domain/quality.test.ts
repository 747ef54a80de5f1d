import { AgendaCategory, AttendanceStatus as AS, MeetingKind, MeetingStatus } from '@chibo/domain';
import { OrgUnitKind, Role, type Principal } from '@chibo/domain';
import { meetingDate } from './attendance';
import { MemoryPorts } from './memory-ports';
import { newMeeting } from './meetings';
import {
  DEFAULT_RUBRIC,
  QualityLevel as L,
  ScoreItemKey as K,
  adjustScore,
  computeScore,
  levelOf,
  longestExcusedStreak,
  scoreMeeting,
  validateRubric,
  withAdjustment,
  type QualityPorts,
  type QualityRubric,
  type QualityScore,
  type ScoreFacts,
} from './quality';

const heldAt = new Date('2026-11-03T01:00:00Z');
const minutes = (n: number) => new Date(heldAt.getTime() + n * 60_000);

/** A meeting that earns every point under the default rubric; each row changes one fact. */
function perfect(present = 20, onRoll = 20, speakers = 6): ScoreFacts {
  const ids = Array.from({ length: onRoll }, (_, i) => `m${i}`);
  return {
    meeting: { kind: MeetingKind.REGULAR, status: MeetingStatus.MINUTES_APPROVED, scheduledAt: heldAt, heldAt, endedAt: minutes(90), chairMemberId: 'm0', draftResolution: 'Dự thảo', rollTemporarilyOut: 0 },
    agenda: [
      { category: AgendaCategory.PARTY_BUILDING, presenterMemberId: 'm0', plannedMinutes: 60, actualMinutes: 60 },
      { category: AgendaCategory.RESOLUTION_REVIEW, presenterMemberId: 'm1', plannedMinutes: 30, actualMinutes: 30 },
    ],
    attendance: ids.map((memberId, i) => ({ memberId, status: i < present ? AS.PRESENT : AS.ABSENT_UNEXCUSED })),
    contributions: ['m0', ...ids.slice(1, 1 + speakers)].map((memberId) => ({ memberId })),
    cellCommitteeMet: true,
    longestExcusedStreak: 0,
  };
}

const explain = (f: ScoreFacts, key: K) => computeScore(f, DEFAULT_RUBRIC).items.find((i) => i.key === key)!;

describe('G-7: the quality score, every point explained', () => {
  it('G-7: a meeting meeting every criterion scores 100 and is GOOD', () => {
    const s = computeScore(perfect(), DEFAULT_RUBRIC);
    expect(s).toMatchObject({ computedPoints: 100, level: L.GOOD, rubricVersion: 0 });
    expect(s.items).toHaveLength(10);
  });

  it.each<[string, (f: ScoreFacts) => ScoreFacts, K, number, string]>([
    ['G-7: attendance 88 % > 85 % earns its points', () => perfect(22, 25, 7), K.ATTENDANCE, 20, 'Tỷ lệ dự họp 88% > 85%: 20/20'],
    ['G-7: attendance 85 % exactly is not above 85 %', () => perfect(17, 20), K.ATTENDANCE, 0, 'Tỷ lệ dự họp 85% ≤ 85%: 0/20'],
    ['G-7: an absence with reason 4 times in a row', (f) => ({ ...f, longestExcusedStreak: 4 }), K.EXCUSED_STREAK, 0, 'Có đảng viên vắng có lý do 4 lần liên tiếp trong năm (quá 3): 0/5'],
    ['G-7: 3 times in a row is still allowed', (f) => ({ ...f, longestExcusedStreak: 3 }), K.EXCUSED_STREAK, 5, 'Không đảng viên nào vắng có lý do quá 3 lần liên tiếp trong năm: 5/5'],
    ['G-7: 89 minutes is short of 90', (f) => ({ ...f, meeting: { ...f.meeting, endedAt: minutes(89) } }), K.DURATION, 0, 'Thời lượng 89 phút < 90 phút: 0/10'],
    ['G-7: 90 minutes exactly is enough', (f) => f, K.DURATION, 10, 'Thời lượng 90 phút ≥ 90 phút: 10/10'],
    ['G-7: without an end time the actual minutes count', (f) => ({ ...f, meeting: { ...f.meeting, endedAt: null } }), K.DURATION, 10, 'Thời lượng 90 phút ≥ 90 phút: 10/10'],
    ['G-7: 5 of 20 speaking besides the chair is too few', () => perfect(20, 20, 5), K.PARTICIPATION, 0, 'Tỷ lệ phát biểu 25% < 30%: 0/15'],
    ['G-7: the chair alone earns no participation', () => perfect(20, 20, 0), K.PARTICIPATION, 0, 'Tỷ lệ phát biểu 0% < 30%: 0/15'],
    ['G-7: 16 minutes late', (f) => ({ ...f, meeting: { ...f.meeting, heldAt: minutes(16), endedAt: minutes(106) } }), K.ON_TIME, 0, 'Bắt đầu muộn 16 phút (cho phép 15): 0/5'],
    ['G-7: a regular meeting without a chi ủy meeting before it', (f) => ({ ...f, cellCommitteeMet: false }), K.CELL_COMMITTEE, 0, 'Chi ủy chưa họp trong 30 ngày trước buổi sinh hoạt: 0/10'],
    ['G-1/G-7: a thematic meeting needs no chi ủy meeting', (f) => ({ ...f, cellCommitteeMet: false, meeting: { ...f.meeting, kind: MeetingKind.THEMATIC } }), K.CELL_COMMITTEE, 10, 'Không phải sinh hoạt thường kỳ, không cần họp chi ủy trước: 10/10'],
    ['G-7: minutes not yet approved', (f) => ({ ...f, meeting: { ...f.meeting, status: MeetingStatus.HELD } }), K.MINUTES, 0, 'Biên bản chưa được thông qua: 0/10'],
    ['G-9/G-7: no review of the previous resolution', (f) => ({ ...f, agenda: f.agenda.slice(0, 1) }), K.RESOLUTION_REVIEW, 0, 'Không kiểm điểm việc thực hiện nghị quyết kỳ trước: 0/10'],
    ['G-7: an item without presenter', (f) => ({ ...f, agenda: [{ ...f.agenda[0], presenterMemberId: null }, f.agenda[1]] }), K.CONTENT_ASSIGNED, 0, 'Nội dung chưa được phân công người trình bày: 0/10'],
    ['G-7: no draft resolution', (f) => ({ ...f, meeting: { ...f.meeting, draftResolution: null } }), K.DRAFT_RESOLUTION, 0, 'Không có dự thảo nghị quyết: 0/5'],
  ])('%s', (_name, change, key, points, explanation) => {
    const item = explain(change(perfect()), key);
    expect(item.points).toBe(points);
    expect(item.explanation).toBe(explanation);
  });

  it.each<[string, (f: ScoreFacts) => ScoreFacts, number, L]>([
    ['G-7: 95 points without being on time is still GOOD (not a full-marks part)', (f) => ({ ...f, meeting: { ...f.meeting, heldAt: minutes(20), endedAt: minutes(110) } }), 95, L.GOOD],
    ['G-7: 90 points without approved minutes is FAIR', (f) => ({ ...f, meeting: { ...f.meeting, status: MeetingStatus.HELD } }), 90, L.FAIR],
    ['G-7: 90 points with 89 minutes is FAIR', (f) => ({ ...f, meeting: { ...f.meeting, endedAt: minutes(89) } }), 90, L.FAIR],
    ['G-7: 80 points at 85 % attendance is FAIR', () => perfect(17, 20), 80, L.FAIR],
  ])('%s', (_name, change, total, level) => {
    expect(computeScore(change(perfect()), DEFAULT_RUBRIC)).toMatchObject({ computedPoints: total, level });
  });

  const full = [K.ATTENDANCE, K.DURATION, K.PARTICIPATION, K.MINUTES].map((key) => ({ key, points: 1, maxPoints: 1 }));
  it.each<[string, number, L]>([
    ['G-7: 90 with full marks is GOOD', 90, L.GOOD],
    ['G-7: 89.9 is FAIR', 89.9, L.FAIR],
    ['G-7: 70 is FAIR', 70, L.FAIR],
    ['G-7: 69.9 is AVERAGE', 69.9, L.AVERAGE],
    ['G-7: 50 is AVERAGE', 50, L.AVERAGE],
    ['G-7: 49.9 is POOR', 49.9, L.POOR],
  ])('%s', (_name, total, level) => expect(levelOf(total, full)).toBe(level));

  it('G-7: a manual adjustment moves the total and the level, within 0..100', () => {
    const s = computeScore(perfect(), DEFAULT_RUBRIC);
    expect(withAdjustment(s, -10.1, 'Biên bản ghi thiếu ý kiến', 'staff')).toMatchObject({ totalPoints: 89.9, level: L.FAIR, adjustmentReason: 'Biên bản ghi thiếu ý kiến' });
    expect(withAdjustment(s, 15, 'x', 'staff').totalPoints).toBe(100);
  });

  it('G-7: a stricter rubric version scores the same facts lower, and says which version', () => {
    const strict = { ...DEFAULT_RUBRIC, version: 2, attendanceRateAbove: 0.95 };
    expect(computeScore(perfect(19, 20), strict)).toMatchObject({ rubricVersion: 2, computedPoints: 80 });
    expect(computeScore(perfect(19, 20), DEFAULT_RUBRIC)).toMatchObject({ rubricVersion: 0, computedPoints: 100 });
  });

  it.each<[string, object, string]>([
    ['G-7: points must add up to 100', { points: { ...DEFAULT_RUBRIC.points, ON_TIME: 6 } }, 'points'],
    ['G-7: a rate is between 0 and 1', { attendanceRateAbove: 85 }, 'attendanceRateAbove'],
    ['G-7: the date is a date', { effectiveFrom: '2027-13-01' }, 'effectiveFrom'],
  ])('%s', (_name, change, field) => {
    expect(() => validateRubric({ ...DEFAULT_RUBRIC, effectiveFrom: '2027-01-01', ...change })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: expect.objectContaining({ field }) }));
  });
});

describe('G-10/G-7: absences with reason in a row', () => {
  const r = (memberId: string, status: AS) => ({ memberId, status });
  it.each<[string, ReturnType<typeof r>[], number]>([
    ['G-10: three in a row', [r('a', AS.ABSENT_EXCUSED), r('a', AS.ABSENT_EXCUSED), r('a', AS.ABSENT_EXCUSED)], 3],
    ['G-10: a meeting attended breaks the run', [r('a', AS.ABSENT_EXCUSED), r('a', AS.ABSENT_EXCUSED), r('a', AS.PRESENT), r('a', AS.ABSENT_EXCUSED)], 2],
    ['G-10: an unexcused absence breaks it too', [r('a', AS.ABSENT_EXCUSED), r('a', AS.ABSENT_UNEXCUSED), r('a', AS.ABSENT_EXCUSED)], 1],
    ['G-10: runs are per member', [r('a', AS.ABSENT_EXCUSED), r('b', AS.ABSENT_EXCUSED), r('a', AS.ABSENT_EXCUSED), r('b', AS.PRESENT)], 2],
  ])('%s', (_name, rows, longest) => expect(longestExcusedStreak(rows)).toBe(longest));
});

describe('G-7: scoring through the ports', () => {
  class Ports extends MemoryPorts implements QualityPorts {
    rubrics: QualityRubric[] = [];
    scores = new Map<string, QualityScore>();
    rubricOn = async (date: string) => this.rubrics.filter((r) => r.effectiveFrom <= date).sort((a, b) => b.version - a.version)[0] ?? null;
    rubricVersion = async (v: number) => this.rubrics.find((r) => r.version === v) ?? null;
    latestRubricVersion = async () => this.rubrics.length;
    latestRubric = async () => this.rubrics[this.rubrics.length - 1] ?? null;
    insertRubric = async (r: QualityRubric) => void this.rubrics.push(r);
    scoreFacts = async () => perfect(19, 20);
    findScore = async (id: string) => this.scores.get(id) ?? null;
    saveScore = async (m: { id: string }, s: QualityScore) => void this.scores.set(m.id, s);
  }
  const staff: Principal = { tenantId: 't', subject: 'staff', roles: [Role.COMMITTEE_STAFF], scopeOrgUnitId: 'ward' };
  function setup() {
    const p = new Ports([{ id: 'cell', kind: OrgUnitKind.CELL, lineage: ['city', 'ward', 'cell'] }]);
    const m = newMeeting('t', 'cell', { kind: MeetingKind.REGULAR, status: MeetingStatus.MINUTES_APPROVED, title: 'x', heldAt });
    p.meetings.push(m);
    return { p, m };
  }
  const strict: QualityRubric = { ...DEFAULT_RUBRIC, version: 1, effectiveFrom: '2026-01-01', attendanceRateAbove: 0.95 };

  it('G-7: a first score takes the version in force on the meeting date', async () => {
    const { p, m } = setup();
    p.rubrics.push(strict);
    expect(await scoreMeeting(staff, { meetingId: m.id }, p, meetingDate)).toMatchObject({ rubricVersion: 1, computedPoints: 80 });
  });

  it('G-7: a meeting scored under version 0 keeps it when a later version is rescored against it', async () => {
    const { p, m } = setup();
    await scoreMeeting(staff, { meetingId: m.id }, p, meetingDate);
    p.rubrics.push(strict);
    expect(await scoreMeeting(staff, { meetingId: m.id }, p, meetingDate)).toMatchObject({ rubricVersion: 0, computedPoints: 100 });
  });

  it('G-7: rescoring keeps the manual adjustment', async () => {
    const { p, m } = setup();
    await scoreMeeting(staff, { meetingId: m.id }, p, meetingDate);
    await adjustScore(staff, { meetingId: m.id, points: -15, reason: 'Nội dung sơ sài' }, p);
    expect(await scoreMeeting(staff, { meetingId: m.id }, p, meetingDate)).toMatchObject({ computedPoints: 100, adjustment: -15, totalPoints: 85, level: L.FAIR });
  });

  it.each<[string, Principal, string]>([
    ['G-7: a cell secretary does not score', { ...staff, roles: [Role.CELL_SECRETARY], scopeOrgUnitId: 'cell' }, 'FORBIDDEN'],
    ['G-7: staff of another subtree find no such meeting', { ...staff, scopeOrgUnitId: 'other-ward' }, 'NOT_FOUND'],
  ])('%s', async (_name, who, code) => {
    const { p, m } = setup();
    await expect(scoreMeeting(who, { meetingId: m.id }, p, meetingDate)).rejects.toMatchObject({ code });
    expect(p.scores.size).toBe(0);
  });

  it('G-7: an adjustment beyond ±20 points is refused', async () => {
    const { p, m } = setup();
    await scoreMeeting(staff, { meetingId: m.id }, p, meetingDate);
    await expect(adjustScore(staff, { meetingId: m.id, points: 25, reason: 'x' }, p)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: expect.objectContaining({ rule: 'G-7' }) });
  });
});
