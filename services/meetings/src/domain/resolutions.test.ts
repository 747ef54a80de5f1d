import { AgendaCategory, AttendanceStatus, MeetingKind, MeetingStatus, OrgUnitKind, ResolutionStatus as R, Role, TaskCheckOutcome as O, type Principal } from '@chibo/domain';
import { MemoryPorts } from './memory-ports';
import { newMeeting, type CellFacts } from './meetings';
import {
  achieved,
  adoptResolution,
  notReviewed,
  overdue,
  reportTaskProgress,
  reviewResolution,
  statusFromChecks,
  type Resolution,
  type ResolutionPorts,
  type ResolutionTask,
  type TaskProgress,
} from './resolutions';

const cell: CellFacts = { id: 'cell', kind: OrgUnitKind.CELL, lineage: ['city', 'ward', 'cell'] };
const secretary: Principal = { tenantId: 't', subject: 'sec', roles: [Role.CELL_SECRETARY], scopeOrgUnitId: 'cell' };

class Ports extends MemoryPorts implements ResolutionPorts {
  resolutions: Resolution[] = [];
  tasks: ResolutionTask[] = [];
  progress: TaskProgress[] = [];
  findResolution = async (id: string) => this.resolutions.find((r) => r.id === id) ?? null;
  resolutionNumberTaken = async (cellId: string, number: string) => this.resolutions.some((r) => r.cellId === cellId && r.number === number);
  insertResolution = async (r: Resolution, tasks: ResolutionTask[]) => void (this.resolutions.push(r), this.tasks.push(...tasks));
  tasksOf = async (id: string) => this.tasks.filter((t) => t.resolutionId === id);
  findTask = async (id: string) => this.tasks.find((t) => t.id === id) ?? null;
  insertProgress = async (p: TaskProgress) => void this.progress.push(p);
  updateResolutionStatus = async (r: Resolution) => void (this.resolutions = this.resolutions.map((x) => (x.id === r.id ? r : x)));
  saveChecks = async (r: Resolution, checks: { taskId: string; outcome: O }[]) => {
    await this.updateResolutionStatus(r);
    this.tasks = this.tasks.map((t) => ({ ...t, outcome: checks.find((c) => c.taskId === t.id)?.outcome ?? t.outcome }));
  };
}

function setup() {
  const p = new Ports([cell]);
  const m = newMeeting('t', 'cell', { kind: MeetingKind.REGULAR, status: MeetingStatus.HELD, title: 'Tháng 9', heldAt: new Date('2026-09-03T01:00:00Z') });
  p.meetings.push(m);
  for (let i = 0; i < 10; i++) p.attendance.push({ meetingId: m.id, memberId: `m${i}`, status: i < 9 ? AttendanceStatus.PRESENT : AttendanceStatus.ABSENT_EXCUSED, reason: 'Ốm' });
  return { p, m };
}

const modelStreet = (meetingId: string, change: object = {}) => ({
  meetingId,
  number: '05-NQ/CB',
  text: 'Xây dựng tuyến phố kiểu mẫu',
  votesFor: 9,
  votesAgainst: 0,
  votesAbstain: 0,
  tasks: [
    { title: 'Vận động nhân dân đóng góp', ownerGroup: 'Chi ủy', dueOn: '2026-12-31', targetValue: 100_000_000, targetUnit: 'VND' },
    { title: 'Lắp đèn đường', ownerMemberId: 'M1', dueOn: '2026-10-31' },
  ],
  ...change,
});

describe('G-8: adopting a resolution', () => {
  it('G-8: records number, text, vote and tasks with owners, due dates and measurable targets', async () => {
    const { p, m } = setup();
    const { resolution, tasks } = await adoptResolution(secretary, modelStreet(m.id), p);
    expect(resolution).toMatchObject({ status: R.ADOPTED, adoptedOn: '2026-09-03', votesFor: 9 });
    expect(tasks.map((t) => [t.position, t.targetValue, t.targetUnit, t.ownerGroup, t.ownerMemberId])).toEqual([
      [1, 100_000_000, 'VND', 'Chi ủy', null],
      [2, null, null, null, 'm1'],
    ]);
  });

  it.each<[string, object, string, MeetingStatus]>([
    ['G-8: more votes than members present', { votesFor: 9, votesAbstain: 1 }, 'RULE_VIOLATION', MeetingStatus.HELD],
    ['G-8: half the votes cast is not a majority', { votesFor: 4, votesAgainst: 4 }, 'RULE_VIOLATION', MeetingStatus.HELD],
    ['G-8: a resolution without tasks', { tasks: [] }, 'RULE_VIOLATION', MeetingStatus.HELD],
    ['G-8: a target without its unit', { tasks: [{ title: 'x', ownerGroup: 'Tổ 1', dueOn: '2026-12-31', targetValue: 40 }] }, 'BAD_USER_INPUT', MeetingStatus.HELD],
    ['G-8: a task without an owner', { tasks: [{ title: 'x', dueOn: '2026-12-31' }] }, 'BAD_USER_INPUT', MeetingStatus.HELD],
    ['G-8: due before the meeting', { tasks: [{ title: 'x', ownerGroup: 'Tổ 1', dueOn: '2026-09-02' }] }, 'BAD_USER_INPUT', MeetingStatus.HELD],
    ['G-8: only at a held meeting', {}, 'RULE_VIOLATION', MeetingStatus.PLANNED],
  ])('%s', async (_name, change, code, status) => {
    const { p, m } = setup();
    p.meetings[0] = { ...m, status };
    await expect(adoptResolution(secretary, modelStreet(m.id, change), p)).rejects.toMatchObject({ code, details: expect.objectContaining({ rule: 'G-8' }) });
    expect(p.resolutions).toEqual([]);
  });

  it('G-8: the number is unique in the cell', async () => {
    const { p, m } = setup();
    await adoptResolution(secretary, modelStreet(m.id), p);
    await expect(adoptResolution(secretary, modelStreet(m.id), p)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('G-8, G-9: progress and the follow-up check', () => {
  async function adopted() {
    const s = setup();
    const a = await adoptResolution(secretary, modelStreet(s.m.id), s.p);
    const next = newMeeting('t', 'cell', { kind: MeetingKind.REGULAR, status: MeetingStatus.HELD, title: 'Tháng 10', heldAt: new Date('2026-10-03T01:00:00Z') });
    s.p.meetings.push(next);
    s.p.agenda.push({ id: 'review', meetingId: next.id, position: 1, category: AgendaCategory.RESOLUTION_REVIEW, title: 'Kiểm điểm', presenterMemberId: null, plannedMinutes: 20, actualMinutes: 20 });
    return { ...s, ...a, next };
  }

  it('G-8: contributions are recorded as they arrive; the resolution is then IN_PROGRESS', async () => {
    const { p, tasks, resolution } = await adopted();
    await reportTaskProgress(secretary, { taskId: tasks[0].id, reportedOn: '2026-09-10', amount: 30_000_000, note: 'Hộ ông Nguyễn Văn An' }, p, '2026-11-24');
    await reportTaskProgress(secretary, { taskId: tasks[0].id, reportedOn: '2026-09-20', amount: 75_000_000, note: 'Các hộ tổ 3' }, p, '2026-11-24');
    expect(achieved(tasks[0], p.progress)).toEqual({ total: 105_000_000, share: 1.05 });
    expect((await p.findResolution(resolution.id))!.status).toBe(R.IN_PROGRESS);
  });

  it.each<[string, object, string]>([
    ['G-8: a report dated in the future', { reportedOn: '2026-11-25' }, 'BAD_USER_INPUT'],
    ['G-8: a report before the adoption', { reportedOn: '2026-09-02' }, 'BAD_USER_INPUT'],
    ['G-8: a negative amount', { amount: -1 }, 'BAD_USER_INPUT'],
  ])('%s', async (_name, change, code) => {
    const { p, tasks } = await adopted();
    await expect(reportTaskProgress(secretary, { taskId: tasks[0].id, reportedOn: '2026-09-10', amount: 1, note: 'x', ...change }, p, '2026-11-24')).rejects.toMatchObject({ code });
    expect(p.progress).toEqual([]);
  });

  it.each<[string, O[], R]>([
    ['G-8: every task done: COMPLETED', [O.COMPLETED, O.COMPLETED], R.COMPLETED],
    ['G-8: some done, none under way: PARTIALLY_COMPLETED', [O.COMPLETED, O.NOT_COMPLETED], R.PARTIALLY_COMPLETED],
    ['G-8: a task still under way: IN_PROGRESS', [O.COMPLETED, O.IN_PROGRESS], R.IN_PROGRESS],
    ['G-8: nothing done: NOT_COMPLETED', [O.NOT_COMPLETED, O.NOT_COMPLETED], R.NOT_COMPLETED],
  ])('%s', (_name, outcomes, status) => expect(statusFromChecks(outcomes)).toBe(status));

  it('G-9: reviewed at the next meeting under a RESOLUTION_REVIEW item, one check per task', async () => {
    const { p, tasks, resolution, next } = await adopted();
    const r = await reviewResolution(
      secretary,
      { resolutionId: resolution.id, meetingId: next.id, agendaItemId: 'review', checks: [{ taskId: tasks[0].id, outcome: O.COMPLETED }, { taskId: tasks[1].id, outcome: O.NOT_COMPLETED, note: 'Thiếu kinh phí' }] },
      p,
    );
    expect(r).toMatchObject({ status: R.PARTIALLY_COMPLETED, reviewMeetingId: next.id });
    expect(p.tasks.map((t) => t.outcome)).toEqual([O.COMPLETED, O.NOT_COMPLETED]);
  });

  it.each<[string, (s: Awaited<ReturnType<typeof adopted>>) => object]>([
    ['G-9: a check is missing for a task', (s) => ({ checks: [{ taskId: s.tasks[0].id, outcome: O.COMPLETED }] })],
    ['G-9: not at the meeting that adopted it', (s) => ({ meetingId: s.m.id })],
    ['G-9: the item must be a RESOLUTION_REVIEW', (s) => (s.p.agenda[0].category = AgendaCategory.OTHER, {})],
  ])('%s', async (_name, change) => {
    const s = await adopted();
    const input = { resolutionId: s.resolution.id, meetingId: s.next.id, agendaItemId: 'review', checks: s.tasks.map((t) => ({ taskId: t.id, outcome: O.COMPLETED })), ...change(s) };
    await expect(reviewResolution(secretary, input, s.p)).rejects.toMatchObject({ code: 'RULE_VIOLATION', details: expect.objectContaining({ rule: 'G-9' }) });
    expect(s.p.resolutions[0].status).toBe(R.ADOPTED);
  });

  it.each<[string, string, O | null, boolean]>([
    ['G-9: due yesterday and not done is overdue', '2026-11-23', null, true],
    ['G-9: due today is not yet overdue', '2026-11-24', O.IN_PROGRESS, false],
    ['G-9: done late is not overdue', '2026-10-01', O.COMPLETED, false],
  ])('%s', (_name, dueOn, outcome, flagged) => expect(overdue({ dueOn, outcome }, '2026-11-24')).toBe(flagged));

  it.each<[string, Date | null, boolean, boolean]>([
    ['G-9: a later regular meeting held without review is flagged', null, true, true],
    ['G-9: no later meeting yet: not flagged', null, false, false],
    ['G-9: reviewed: not flagged', new Date(), true, false],
  ])('%s', (_name, reviewedAt, later, flagged) => expect(notReviewed({ reviewedAt, adoptedOn: '2026-09-03' }, later)).toBe(flagged));

  it('a member may not report progress', async () => {
    const { p, tasks } = await adopted();
    await expect(reportTaskProgress({ ...secretary, roles: [Role.MEMBER] }, { taskId: tasks[0].id, reportedOn: '2026-09-10', note: 'x' }, p, '2026-11-24')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
