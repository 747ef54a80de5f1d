import { AgendaCategory, AttendanceStatus, DomainError, MeetingKind, MeetingStatus, Role, isInScope, nfc, requireOperation, requireRole, requireTenant, type Principal } from '@chibo/domain';
import { contentBalance, participationRate, type AgendaItem, type Contribution } from './agenda';
import { summarize } from './attendance';
import { requireStatus, type LifecyclePorts } from './lifecycle';
import type { Meeting } from './meetings';

/** Xếp loại chất lượng sinh hoạt chi bộ (G-7). */
export enum QualityLevel {
  GOOD = 'GOOD',
  FAIR = 'FAIR',
  AVERAGE = 'AVERAGE',
  POOR = 'POOR',
}

/** The parts of the score, in the order of HD 12-HD/BTCTW. */
export enum ScoreItemKey {
  ATTENDANCE = 'ATTENDANCE',
  EXCUSED_STREAK = 'EXCUSED_STREAK',
  CELL_COMMITTEE = 'CELL_COMMITTEE',
  CONTENT_ASSIGNED = 'CONTENT_ASSIGNED',
  DRAFT_RESOLUTION = 'DRAFT_RESOLUTION',
  ON_TIME = 'ON_TIME',
  DURATION = 'DURATION',
  PARTICIPATION = 'PARTICIPATION',
  MINUTES = 'MINUTES',
  RESOLUTION_REVIEW = 'RESOLUTION_REVIEW',
}

/** A tenant's rubric (*configurable*, versioned): thresholds and the points of each part, 100 in all. */
export interface QualityRubric {
  version: number;
  /** From this date (Vietnam) meetings are scored with this version. */
  effectiveFrom: string;
  /** Attendance must be strictly above this rate for full marks. */
  attendanceRateAbove: number;
  /** No member may be absent with reason more than this many meetings in a row in the year. */
  excusedStreakMax: number;
  minDurationMinutes: number;
  /** Distinct speakers other than the chair ÷ present, at least. */
  participationRateMin: number;
  /** A meeting starting later than this after its planned time is not on time. */
  lateToleranceMinutes: number;
  /** The chi ủy must have met within this many days before a regular meeting. */
  cellCommitteeWithinDays: number;
  points: Record<ScoreItemKey, number>;
}

/** DOMAIN.md G-7 as the rubric every tenant starts with (version 0). */
export const DEFAULT_RUBRIC: QualityRubric = {
  version: 0,
  effectiveFrom: '1900-01-01',
  attendanceRateAbove: 0.85,
  excusedStreakMax: 3,
  minDurationMinutes: 90,
  participationRateMin: 0.3,
  lateToleranceMinutes: 15,
  cellCommitteeWithinDays: 30,
  points: {
    ATTENDANCE: 20,
    EXCUSED_STREAK: 5,
    CELL_COMMITTEE: 10,
    CONTENT_ASSIGNED: 10,
    DRAFT_RESOLUTION: 5,
    ON_TIME: 5,
    DURATION: 10,
    PARTICIPATION: 15,
    MINUTES: 10,
    RESOLUTION_REVIEW: 10,
  },
};

/** G-7: GOOD needs full marks on these. */
export const GOOD_REQUIRES: readonly ScoreItemKey[] = [ScoreItemKey.ATTENDANCE, ScoreItemKey.DURATION, ScoreItemKey.PARTICIPATION, ScoreItemKey.MINUTES];

/** What the score is computed from: only recorded facts. */
export interface ScoreFacts {
  meeting: Pick<Meeting, 'kind' | 'status' | 'scheduledAt' | 'heldAt' | 'endedAt' | 'chairMemberId' | 'draftResolution' | 'rollTemporarilyOut'>;
  agenda: Pick<AgendaItem, 'category' | 'presenterMemberId' | 'plannedMinutes' | 'actualMinutes'>[];
  attendance: { memberId: string; status: AttendanceStatus }[];
  contributions: Pick<Contribution, 'memberId'>[];
  /** Whether the chi ủy met in the window before this meeting. */
  cellCommitteeMet: boolean;
  /** The longest run of consecutive absences with reason of any member this year, up to this meeting. */
  longestExcusedStreak: number;
}

export interface ScoreItem {
  key: ScoreItemKey;
  points: number;
  maxPoints: number;
  /** Why, in Vietnamese: "Tỷ lệ dự họp 88% > 85%: 20/20". */
  explanation: string;
}

export interface QualityScore {
  rubricVersion: number;
  items: ScoreItem[];
  computedPoints: number;
  adjustment: number;
  adjustmentReason: string | null;
  adjustedBy: string | null;
  totalPoints: number;
  level: QualityLevel;
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** G-7 levels: GOOD ≥ 90 with full marks on attendance, duration, participation and minutes; FAIR 70–89 (or ≥ 90 without them); AVERAGE 50–69; POOR < 50. */
export function levelOf(total: number, items: Pick<ScoreItem, 'key' | 'points' | 'maxPoints'>[]): QualityLevel {
  const full = GOOD_REQUIRES.every((k) => items.some((i) => i.key === k && i.points >= i.maxPoints));
  if (total >= 90 && full) return QualityLevel.GOOD;
  if (total >= 70) return QualityLevel.FAIR;
  if (total >= 50) return QualityLevel.AVERAGE;
  return QualityLevel.POOR;
}

/** Scores a held meeting from its facts under a rubric; every point comes with its reason. */
export function computeScore(f: ScoreFacts, rubric: QualityRubric): Omit<QualityScore, 'adjustment' | 'adjustmentReason' | 'adjustedBy' | 'totalPoints' | 'level'> & { level: QualityLevel; totalPoints: number } {
  const P = rubric.points;
  const item = (key: ScoreItemKey, ok: boolean, why: string): ScoreItem => ({ key, points: ok ? P[key] : 0, maxPoints: P[key], explanation: `${why}: ${ok ? P[key] : 0}/${P[key]}` });
  const s = summarize(f.attendance, f.meeting.rollTemporarilyOut ?? 0);
  const present = s.present;
  const items: ScoreItem[] = [];

  items.push(
    s.rate === null
      ? item(ScoreItemKey.ATTENDANCE, false, 'Chưa điểm danh')
      : item(ScoreItemKey.ATTENDANCE, s.rate > rubric.attendanceRateAbove, `Tỷ lệ dự họp ${pct(s.rate)} ${s.rate > rubric.attendanceRateAbove ? '>' : '≤'} ${pct(rubric.attendanceRateAbove)}`),
  );
  const streakOk = f.longestExcusedStreak <= rubric.excusedStreakMax;
  items.push(
    item(
      ScoreItemKey.EXCUSED_STREAK,
      streakOk,
      streakOk
        ? `Không đảng viên nào vắng có lý do quá ${rubric.excusedStreakMax} lần liên tiếp trong năm`
        : `Có đảng viên vắng có lý do ${f.longestExcusedStreak} lần liên tiếp trong năm (quá ${rubric.excusedStreakMax})`,
    ),
  );
  const needsCommittee = f.meeting.kind === MeetingKind.REGULAR;
  items.push(
    item(
      ScoreItemKey.CELL_COMMITTEE,
      !needsCommittee || f.cellCommitteeMet,
      !needsCommittee ? 'Không phải sinh hoạt thường kỳ, không cần họp chi ủy trước' : f.cellCommitteeMet ? `Chi ủy đã họp trong ${rubric.cellCommitteeWithinDays} ngày trước buổi sinh hoạt` : `Chi ủy chưa họp trong ${rubric.cellCommitteeWithinDays} ngày trước buổi sinh hoạt`,
    ),
  );
  const assigned = f.agenda.length > 0 && f.agenda.every((a) => !!a.presenterMemberId);
  items.push(item(ScoreItemKey.CONTENT_ASSIGNED, assigned, assigned ? `${f.agenda.length} nội dung đều được phân công người trình bày` : 'Nội dung chưa được phân công người trình bày'));
  const draft = !!f.meeting.draftResolution;
  items.push(item(ScoreItemKey.DRAFT_RESOLUTION, draft, draft ? 'Có dự thảo nghị quyết trước buổi họp' : 'Không có dự thảo nghị quyết'));

  const lateMin = f.meeting.scheduledAt && f.meeting.heldAt ? Math.round((f.meeting.heldAt.getTime() - f.meeting.scheduledAt.getTime()) / 60000) : null;
  items.push(
    lateMin === null
      ? item(ScoreItemKey.ON_TIME, false, 'Không có kế hoạch thời gian để đối chiếu')
      : item(ScoreItemKey.ON_TIME, lateMin <= rubric.lateToleranceMinutes, lateMin <= 0 ? 'Bắt đầu đúng giờ' : `Bắt đầu muộn ${lateMin} phút (cho phép ${rubric.lateToleranceMinutes})`),
  );
  const duration =
    f.meeting.heldAt && f.meeting.endedAt ? Math.round((f.meeting.endedAt.getTime() - f.meeting.heldAt.getTime()) / 60000) : f.agenda.some((a) => a.actualMinutes !== null) ? contentBalance(f.agenda).totalMinutes : null;
  items.push(
    duration === null
      ? item(ScoreItemKey.DURATION, false, 'Chưa ghi thời lượng')
      : item(ScoreItemKey.DURATION, duration >= rubric.minDurationMinutes, `Thời lượng ${duration} phút ${duration >= rubric.minDurationMinutes ? '≥' : '<'} ${rubric.minDurationMinutes} phút`),
  );
  const part = participationRate(f.meeting.chairMemberId, f.contributions, present);
  items.push(
    part === null
      ? item(ScoreItemKey.PARTICIPATION, false, 'Chưa có người dự họp')
      : item(ScoreItemKey.PARTICIPATION, part >= rubric.participationRateMin, `Tỷ lệ phát biểu ${pct(part)} ${part >= rubric.participationRateMin ? '≥' : '<'} ${pct(rubric.participationRateMin)}`),
  );
  const minutes = f.meeting.status === MeetingStatus.MINUTES_APPROVED && f.attendance.length > 0;
  items.push(item(ScoreItemKey.MINUTES, minutes, minutes ? 'Biên bản đầy đủ và đã được thông qua' : 'Biên bản chưa được thông qua'));
  const reviewed = f.agenda.some((a) => a.category === AgendaCategory.RESOLUTION_REVIEW);
  items.push(item(ScoreItemKey.RESOLUTION_REVIEW, reviewed, reviewed ? 'Có kiểm điểm việc thực hiện nghị quyết kỳ trước' : 'Không kiểm điểm việc thực hiện nghị quyết kỳ trước'));

  const computedPoints = items.reduce((a, i) => a + i.points, 0);
  return { rubricVersion: rubric.version, items, computedPoints, totalPoints: computedPoints, level: levelOf(computedPoints, items) };
}

/** Applies a manual adjustment: the total stays within 0..100, the level follows the total. */
export function withAdjustment(score: Pick<QualityScore, 'rubricVersion' | 'items' | 'computedPoints'>, adjustment: number, reason: string | null, by: string | null): QualityScore {
  const totalPoints = Math.min(100, Math.max(0, Math.round((score.computedPoints + adjustment) * 10) / 10));
  return { ...score, adjustment, adjustmentReason: reason, adjustedBy: by, totalPoints, level: levelOf(totalPoints, score.items) };
}

export function validateRubric(r: Omit<QualityRubric, 'version'>): void {
  const bad = (field: string, vi: string, en: string) => new DomainError('BAD_USER_INPUT', { vi, en }, { rule: 'G-7', field });
  const total = Object.values(ScoreItemKey).reduce((a, k) => a + (r.points[k] ?? NaN), 0);
  if (Object.values(ScoreItemKey).some((k) => !Number.isInteger(r.points[k]) || r.points[k] < 0)) throw bad('points', 'Điểm mỗi phần phải là số nguyên không âm', 'Each part needs whole, non-negative points');
  if (total !== 100) throw bad('points', `Tổng điểm phải là 100 (đang là ${total})`, `Points must add up to 100 (they add up to ${total})`);
  for (const k of ['attendanceRateAbove', 'participationRateMin'] as const) {
    if (!(r[k] >= 0 && r[k] <= 1)) throw bad(k, 'Tỷ lệ phải từ 0 đến 1', 'A rate is between 0 and 1');
  }
  for (const k of ['excusedStreakMax', 'minDurationMinutes', 'lateToleranceMinutes', 'cellCommitteeWithinDays'] as const) {
    if (!Number.isInteger(r[k]) || r[k] < 0) throw bad(k, 'Giá trị phải là số nguyên không âm', 'Must be a whole, non-negative number');
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(r.effectiveFrom) || Number.isNaN(Date.parse(r.effectiveFrom))) throw bad('effectiveFrom', 'Ngày hiệu lực phải có dạng YYYY-MM-DD', 'effectiveFrom must look like YYYY-MM-DD');
}

/** G-7/G-10: the longest run of consecutive absences with reason of any one member, meetings in order. */
export function longestExcusedStreak(rows: { memberId: string; status: AttendanceStatus }[]): number {
  const run = new Map<string, number>();
  let longest = 0;
  for (const r of rows) {
    const n = r.status === AttendanceStatus.ABSENT_EXCUSED ? (run.get(r.memberId) ?? 0) + 1 : 0;
    run.set(r.memberId, n);
    longest = Math.max(longest, n);
  }
  return longest;
}

export interface QualityPorts extends LifecyclePorts {
  /** The rubric in force on a date: the latest version effective on or before it, else null (default). */
  rubricOn(date: string): Promise<QualityRubric | null>;
  rubricVersion(version: number): Promise<QualityRubric | null>;
  latestRubricVersion(): Promise<number>;
  latestRubric(): Promise<QualityRubric | null>;
  insertRubric(r: QualityRubric, createdBy: string): Promise<void>;
  scoreFacts(meeting: Meeting, rubric: QualityRubric): Promise<ScoreFacts>;
  findScore(meetingId: string): Promise<QualityScore | null>;
  saveScore(meeting: Meeting, score: QualityScore, scoredBy: string): Promise<void>;
}

const SCORERS = [Role.COMMITTEE_STAFF, Role.CITY_ADMIN];

async function loadForScoring(principal: Principal, meetingId: string, ports: QualityPorts): Promise<Meeting> {
  requireTenant(principal);
  requireRole(principal, ...SCORERS);
  const meeting = await ports.findMeeting(meetingId);
  const cell = meeting && (await ports.findCell(meeting.cellId));
  if (!meeting || !cell || !isInScope(principal, cell.lineage)) {
    throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy cuộc họp', en: 'Meeting not found' }, { meetingId });
  }
  requireStatus(meeting, [MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED], { vi: 'Chỉ chấm điểm cuộc họp đã diễn ra', en: 'Only a held meeting is scored' }, 'G-7');
  return meeting;
}

/**
 * G-7: committee staff score a held meeting of their subtree under the rubric version in force
 * on its date, and the score is kept with that version: a later rubric never rescores it, even
 * when the meeting is scored again.
 * Scoring again recomputes from the facts (e.g. after the minutes are approved) and keeps the
 * manual adjustment.
 */
export async function scoreMeeting(principal: Principal, input: { meetingId: string }, ports: QualityPorts, meetingDay: (d: Date) => string): Promise<QualityScore> {
  const meeting = await loadForScoring(principal, input.meetingId, ports);
  const previous = await ports.findScore(meeting.id);
  // A meeting once scored stays under that rubric version; a first score takes the version in force on its date.
  const rubric = previous
    ? previous.rubricVersion === 0
      ? DEFAULT_RUBRIC
      : ((await ports.rubricVersion(previous.rubricVersion)) ?? DEFAULT_RUBRIC)
    : ((await ports.rubricOn(meetingDay(meeting.heldAt!))) ?? DEFAULT_RUBRIC);
  const computed = computeScore(await ports.scoreFacts(meeting, rubric), rubric);
  const score = withAdjustment(computed, previous?.adjustment ?? 0, previous?.adjustmentReason ?? null, previous?.adjustedBy ?? null);
  await ports.saveScore(meeting, score, principal.subject);
  ports.publish({ type: 'MeetingContentChanged', payload: { meetingId: meeting.id, cellId: meeting.cellId, part: 'SCORE', heldAt: meeting.heldAt!.toISOString() } });
  return score;
}

const ADJUST_MAX = 20;

/** G-7: a documented manual adjustment (±20 points at most, with a reason) on a scored meeting. */
export async function adjustScore(principal: Principal, input: { meetingId: string; points: number; reason: string }, ports: QualityPorts): Promise<QualityScore> {
  const meeting = await loadForScoring(principal, input.meetingId, ports);
  const reason = nfc(input.reason ?? '');
  if (!reason || reason.length > 1000) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Điều chỉnh điểm phải ghi rõ lý do', en: 'An adjustment needs its reason' }, { rule: 'G-7', field: 'reason' });
  }
  if (!Number.isFinite(input.points) || Math.abs(input.points) > ADJUST_MAX) {
    throw new DomainError('BAD_USER_INPUT', { vi: `Điều chỉnh tối đa ±${ADJUST_MAX} điểm`, en: `An adjustment is at most ±${ADJUST_MAX} points` }, { rule: 'G-7', field: 'points' });
  }
  const score = await ports.findScore(meeting.id);
  if (!score) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Cuộc họp chưa được chấm điểm', en: 'The meeting has not been scored yet' }, { rule: 'G-7', field: 'meetingId' });
  }
  const adjusted = withAdjustment(score, Math.round(input.points * 10) / 10, reason, principal.subject);
  await ports.saveScore(meeting, adjusted, principal.subject);
  // The level may change with the points: the dashboard's G-7 counts follow, as after a scoring.
  ports.publish({ type: 'MeetingContentChanged', payload: { meetingId: meeting.id, cellId: meeting.cellId, part: 'SCORE', heldAt: meeting.heldAt!.toISOString() } });
  return adjusted;
}

/** G-7: a city administrator publishes a new rubric version; meetings before its date keep theirs. */
export async function setRubric(principal: Principal, input: Omit<QualityRubric, 'version'>, ports: Pick<QualityPorts, 'latestRubricVersion' | 'latestRubric' | 'insertRubric'>): Promise<QualityRubric> {
  requireTenant(principal);
  requireOperation(principal, 'setQualityRubric');
  validateRubric(input);
  const latest = await ports.latestRubric();
  if (latest && input.effectiveFrom < latest.effectiveFrom) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: `Phiên bản mới không thể có hiệu lực trước phiên bản ${latest.version} (${latest.effectiveFrom})`, en: `A new version cannot take effect before version ${latest.version} (${latest.effectiveFrom})` },
      { rule: 'G-7', field: 'effectiveFrom' },
    );
  }
  const rubric: QualityRubric = { ...input, version: (await ports.latestRubricVersion()) + 1 };
  await ports.insertRubric(rubric, principal.subject);
  return rubric;
}
