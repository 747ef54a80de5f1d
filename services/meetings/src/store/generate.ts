import type { ClientBase } from 'pg';
import { copyRows } from '@chibo/service-kit';
import { REBUILD_TENANT_FIGURES_SQL } from './dashboard-store';
import {
  AgendaCategory,
  AttendanceStatus,
  ContributionKind,
  MeetingKind,
  MeetingStatus,
  OrgUnitKind,
  ResolutionStatus,
  TaskCheckOutcome,
  type GenerateProgress,
  type GeneratedMember,
  type GeneratedTenant,
  SeededRandom,
} from '@chibo/domain';
import { DEFAULT_RUBRIC, computeScore, longestExcusedStreak } from '../domain/quality';
import { ThemeTargetKind } from '../domain/theme';

/**
 * Demo and benchmark data for meetings: twelve months (tenant.from → tenant.to) of meetings for
 * every cell of a generated tenant, with the variety DOMAIN.md's committees describe — cells whose
 * meetings are mostly professional business, cells where only the secretary speaks, cells with no
 * thematic meeting all term, members absent without reason month after month, and "Chi bộ tổ dân
 * phố 3"'s model street, 100,000,000 VND raised from residents and followed through to the end.
 * Deterministic from tenant.seed: the same tenant gives the same rows.
 */

/** How a cell behaves all year (the variety the dashboards must show). */
export enum CellProfile {
  NORMAL = 'NORMAL',
  PROFESSIONAL_HEAVY = 'PROFESSIONAL_HEAVY',
  SECRETARY_ONLY = 'SECRETARY_ONLY',
  NO_THEMATIC = 'NO_THEMATIC',
  MODEL_STREET = 'MODEL_STREET',
}

const GENERATOR = 'system:generator';
const VN_MS = 7 * 3_600_000;
const MODEL_STREET_TARGET = 100_000_000;

/** The platform's seeded generator as a plain function, so the same seed gives the same year. */
function prng(seed: number): () => number {
  const r = new SeededRandom(seed);
  return () => r.next();
}

/** A version-4-shaped UUID drawn from the generator, so ids are deterministic too. */
function uuidFrom(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(rand() * 4)];
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const isModelStreet = (name: string) => /tổ dân phố 3$/i.test(name.normalize('NFC').trim());

/** Which profile a cell gets: the model-street cell by name, the others by a stable draw. */
export function profileOf(cell: { name: string }, draw: number): CellProfile {
  if (isModelStreet(cell.name)) return CellProfile.MODEL_STREET;
  if (draw < 0.15) return CellProfile.PROFESSIONAL_HEAVY;
  if (draw < 0.3) return CellProfile.SECRETARY_ONLY;
  if (draw < 0.4) return CellProfile.NO_THEMATIC;
  return CellProfile.NORMAL;
}

export interface MeetingRows {
  orgUnits: unknown[][];
  roll: unknown[][];
  meetings: unknown[][];
  agenda: unknown[][];
  attendance: unknown[][];
  contributions: unknown[][];
  resolutions: unknown[][];
  tasks: unknown[][];
  progress: unknown[][];
  checks: unknown[][];
  scores: unknown[][];
  documents: unknown[][];
  disseminations: unknown[][];
  themes: unknown[][];
  profiles: Map<string, CellProfile>;
}

export const COLUMNS = {
  org_unit: ['tenant_id', 'id', 'parent_id', 'kind', 'path'],
  roll_entry: ['tenant_id', 'id', 'member_id', 'cell_id', 'status', 'temporarily_out', 'valid_from', 'valid_to'],
  meeting: ['tenant_id', 'id', 'cell_id', 'kind', 'status', 'title', 'held_at', 'scheduled_at', 'ended_at', 'chair_member_id', 'secretary_member_id', 'location', 'draft_resolution', 'status_changed_at', 'status_changed_by', 'roll_size', 'roll_temporarily_out', 'attendance_recorded_at', 'attendance_recorded_by', 'created_by'],
  agenda_item: ['tenant_id', 'id', 'meeting_id', 'position', 'category', 'title', 'presenter_member_id', 'planned_minutes', 'actual_minutes', 'created_by'],
  attendance: ['tenant_id', 'meeting_id', 'member_id', 'status', 'reason', 'recorded_at', 'recorded_by'],
  contribution: ['tenant_id', 'id', 'meeting_id', 'agenda_item_id', 'member_id', 'kind', 'created_by'],
  resolution: ['tenant_id', 'id', 'meeting_id', 'cell_id', 'number', 'text', 'votes_for', 'votes_against', 'votes_abstain', 'status', 'adopted_on', 'reviewed_at', 'review_meeting_id', 'reviewed_by', 'created_by'],
  resolution_task: ['tenant_id', 'id', 'resolution_id', 'position', 'title', 'owner_member_id', 'owner_group', 'due_on', 'target_value', 'target_unit', 'outcome', 'check_note'],
  task_progress: ['tenant_id', 'id', 'task_id', 'reported_on', 'amount', 'note', 'evidence', 'reported_by'],
  task_check: ['tenant_id', 'id', 'task_id', 'meeting_id', 'outcome', 'note', 'checked_by'],
  meeting_score: ['tenant_id', 'meeting_id', 'rubric_version', 'items', 'computed_points', 'adjustment', 'total_points', 'level', 'scored_at', 'scored_by'],
  higher_document: ['tenant_id', 'id', 'org_unit_id', 'kind', 'number', 'title', 'issuer', 'issued_on', 'disseminate_by', 'created_by'],
  document_dissemination: ['tenant_id', 'id', 'document_id', 'meeting_id', 'agenda_item_id', 'cell_id', 'recorded_by'],
  yearly_theme: ['tenant_id', 'id', 'year', 'title', 'targets', 'created_by'],
} as const;

/** The city's theme (DOMAIN.md) and the targets it sets itself every year. */
const THEME = 'Tạo bước đột phá về công tác cán bộ; nâng cao chất lượng sinh hoạt chi bộ; tăng cường công tác kiểm tra, giám sát, kỷ luật Đảng';
const THEME_TARGETS = [
  { kind: ThemeTargetKind.CELLS_WITH_THEMATIC_EVERY_QUARTER, threshold: 0.9 },
  { kind: ThemeTargetKind.MEETINGS_RATED_GOOD, threshold: 0.7 },
  { kind: ThemeTargetKind.RESOLUTIONS_REVIEWED, threshold: 1 },
];
/** Documents of higher committees the cells pass on (G-11): [kind, number, title, issuer, days after the span starts]. */
const DOCUMENTS: [string, string, string, string, number][] = [
  ['DIRECTIVE', '35-CT/TW', 'Về tổ chức đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng', 'Ban Chấp hành Trung ương', 20],
  ['CONCLUSION', '118-KL/TW', 'Về chương trình làm việc toàn khóa', 'Bộ Chính trị', 120],
  ['PLAN', '12-KH/TU', 'Kế hoạch nâng cao chất lượng sinh hoạt chi bộ', 'Thành ủy', 230],
];

/** The cell's last resolution, reviewed at its next regular meeting (G-9). */
interface Previous {
  meetingId: string;
  resolutionId: string;
  taskIds: string[];
  heldAt: Date;
}

const ON_ROLL = new Set(['PROBATIONARY', 'OFFICIAL', 'EXEMPT']);

function months(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number);
  const end = to.slice(0, 7);
  for (;;) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    if (p > end) break;
    out.push(p);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** Vietnam wall-clock time on a date → the instant. */
const at = (date: string, hour: number, minute = 0) => new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), hour, minute) - VN_MS);
const dayOf = (period: string, day: number) => `${period}-${String(day).padStart(2, '0')}`;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The rows to write, computed without touching the database (deterministic from the seed). */
export function buildMeetingRows(tenant: GeneratedTenant): MeetingRows {
  const rand = prng(tenant.seed ^ 0x6d656574);
  const id = () => uuidFrom(rand);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const t = tenant.tenantId;
  const rows: MeetingRows = { orgUnits: [], roll: [], meetings: [], agenda: [], attendance: [], contributions: [], resolutions: [], tasks: [], progress: [], checks: [], scores: [], documents: [], disseminations: [], themes: [], profiles: new Map() };

  const byId = new Map(tenant.units.map((u) => [u.id, u]));
  const pathOf = (unitId: string): string => {
    const chain: string[] = [];
    for (let u = byId.get(unitId); u; u = u.parentId ? byId.get(u.parentId) : undefined) chain.unshift(u.id);
    return `/${chain.join('/')}/`;
  };
  for (const u of tenant.units) rows.orgUnits.push([t, u.id, u.parentId, u.kind, pathOf(u.id)]);

  const root = tenant.units.find((u) => !u.parentId);
  const documents = root
    ? DOCUMENTS.map(([kind, number, title, issuer, after]) => {
        const issuedOn = addDays(tenant.from, after);
        const doc = { id: id(), issuedOn, disseminateBy: addDays(issuedOn, 45) };
        rows.documents.push([t, doc.id, root.id, kind, number, title, issuer, issuedOn, doc.disseminateBy, GENERATOR]);
        return doc;
      })
    : [];
  for (let year = +tenant.from.slice(0, 4); year <= +tenant.to.slice(0, 4); year++) rows.themes.push([t, id(), year, THEME, THEME_TARGETS, GENERATOR]);

  const membersByCell = new Map<string, GeneratedMember[]>();
  for (const m of tenant.members) {
    if (!ON_ROLL.has(m.status)) continue;
    const list = membersByCell.get(m.cellId) ?? [];
    list.push(m);
    membersByCell.set(m.cellId, list);
    rows.roll.push([t, id(), m.id, m.cellId, m.status, false, m.admittedOn, null]);
  }

  const resolutionRows = new Map<string, unknown[]>();
  const taskRows = new Map<string, unknown[]>();
  const periods = months(tenant.from, tenant.to);
  const cells = tenant.units.filter((u) => u.kind === OrgUnitKind.CELL || u.kind === OrgUnitKind.BASE_CELL);
  // Every tenant, however small, shows each kind of cell the seed describes at least once.
  const firstOfEach = [CellProfile.PROFESSIONAL_HEAVY, CellProfile.SECRETARY_ONLY, CellProfile.NO_THEMATIC];
  for (const cell of cells) {
    const drawn = profileOf(cell, rand());
    const profile = drawn === CellProfile.MODEL_STREET || !firstOfEach.length ? drawn : firstOfEach.shift()!;
    rows.profiles.set(cell.id, profile);
    const all = (membersByCell.get(cell.id) ?? []).sort((a, b) => a.admittedOn.localeCompare(b.admittedOn) || a.id.localeCompare(b.id));
    if (all.length < 2) continue;
    const [secretary, deputy] = all;
    // One member in a few cells stays away without reason: a removal candidate (G-10).
    const truant = all.length > 4 && rand() < 0.2 ? all[all.length - 1] : null;
    // And one, in some cells, works away for a few months at a time, excused each time: the
    // absent-with-reason streaks the committees also watch (G-10).
    const away = all.length > 5 && rand() < 0.3 ? all[all.length - 2] : null;
    let previous = null as Previous | null;
    let raised = 0;
    let modelResolutionId: string | null = null;
    let history: { year: string; rows: { memberId: string; status: AttendanceStatus }[] } = { year: '', rows: [] };
    const passedOn = new Set<string>();
    // Well-run cells prepare with their chi ủy before each regular meeting (G-1, G-7).
    const committeeMeets = profile !== CellProfile.PROFESSIONAL_HEAVY && profile !== CellProfile.SECRETARY_ONLY;

    for (const [i, period] of periods.entries()) {
      const lastMonth = i === periods.length - 1;
      const kinds: MeetingKind[] = [MeetingKind.REGULAR];
      const quarterStart = ['01', '04', '07', '10'].includes(period.slice(5));
      if (quarterStart && profile !== CellProfile.NO_THEMATIC) kinds.push(MeetingKind.THEMATIC);
      if (committeeMeets && dayOf(period, 1) <= tenant.to) {
        const date = dayOf(period, 1);
        rows.meetings.push([t, id(), cell.id, MeetingKind.CELL_COMMITTEE, lastMonth ? MeetingStatus.HELD : MeetingStatus.MINUTES_APPROVED, `Họp chi ủy chuẩn bị sinh hoạt tháng ${period.slice(5)}/${period.slice(0, 4)}`, at(date, 19, 30), at(date, 19, 30), at(date, 20, 30), secretary.id, deputy.id, 'Nhà văn hóa tổ dân phố', null, at(date, 20, 30), GENERATOR, null, null, null, null, GENERATOR]);
      }
      for (const kind of kinds) {
        // Now and then a regular meeting is skipped (the dashboards' "cells without a regular meeting").
        if (kind === MeetingKind.REGULAR && profile !== CellProfile.MODEL_STREET && rand() < 0.04) continue;
        const date = dayOf(period, kind === MeetingKind.REGULAR ? 3 : 20);
        if (date > tenant.to) continue;
        const onRoll = all.filter((m) => m.admittedOn <= date);
        if (onRoll.length < 2) continue;
        const start = at(date, 19, 30);
        const meetingId = id();
        const status = lastMonth ? MeetingStatus.HELD : MeetingStatus.MINUTES_APPROVED;
        const title = kind === MeetingKind.REGULAR ? `Sinh hoạt chi bộ thường kỳ tháng ${period.slice(5)}/${period.slice(0, 4)}` : `Sinh hoạt chuyên đề: học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh`;

        // Agenda (G-3) by profile: most of the time on party business, or on professional business.
        const items: [AgendaCategory, string, number][] = [];
        if (previous && kind === MeetingKind.REGULAR) items.push([AgendaCategory.RESOLUTION_REVIEW, 'Kiểm điểm việc thực hiện nghị quyết tháng trước', 15]);
        if (kind === MeetingKind.THEMATIC) items.push([AgendaCategory.HCM_STUDY, title, 70], [AgendaCategory.IDEOLOGY, 'Liên hệ tình hình tư tưởng đảng viên và nhân dân', 25]);
        else if (profile === CellProfile.PROFESSIONAL_HEAVY) items.push([AgendaCategory.PROFESSIONAL, 'Triển khai nhiệm vụ chuyên môn, hành chính', 80], [AgendaCategory.PARTY_BUILDING, 'Thu đảng phí, sinh hoạt nội bộ', 15]);
        else
          items.push(
            [AgendaCategory.DISSEMINATION, 'Thông tin thời sự, phổ biến văn bản mới của cấp trên', 20],
            [AgendaCategory.PARTY_BUILDING, profile === CellProfile.MODEL_STREET ? 'Xây dựng tuyến phố văn minh kiểu mẫu' : 'Công tác xây dựng Đảng, phát triển đảng viên', 45],
            [AgendaCategory.PROFESSIONAL, 'Nhiệm vụ của tổ dân phố tháng tới', 20],
          );
        const agendaIds: string[] = [];
        let total = 0;
        items.forEach(([category, itemTitle, planned], position) => {
          const itemId = id();
          const actual = Math.max(5, planned + Math.round((rand() - 0.5) * 10));
          total += actual;
          agendaIds.push(itemId);
          rows.agenda.push([t, itemId, meetingId, position + 1, category, itemTitle, pick(onRoll.slice(0, 3)).id, planned, actual, GENERATOR]);
        });
        const ended = new Date(start.getTime() + total * 60_000);

        // Attendance (G-4).
        const present: GeneratedMember[] = [];
        for (const m of onRoll) {
          let status: AttendanceStatus = AttendanceStatus.PRESENT;
          let reason: string | null = null;
          if (m.status === 'EXEMPT') status = AttendanceStatus.EXEMPT;
          else if (m === secretary || m === deputy) status = AttendanceStatus.PRESENT;
          else if (m === truant && rand() < 0.6) status = AttendanceStatus.ABSENT_UNEXCUSED;
          else if (m === away && i % 6 >= 2 && i % 6 <= 4) [status, reason] = [AttendanceStatus.ABSENT_EXCUSED, 'Đi làm ăn xa'];
          else {
            const r = rand();
            if (r < 0.06) [status, reason] = [AttendanceStatus.ABSENT_EXCUSED, pick(['Đi công tác', 'Ốm', 'Việc gia đình', 'Đi học'])];
            else if (r < 0.08) status = AttendanceStatus.ABSENT_UNEXCUSED;
          }
          if (status === AttendanceStatus.PRESENT) present.push(m);
          rows.attendance.push([t, meetingId, m.id, status, reason, ended, GENERATOR]);
        }

        // Discussion (G-5): the secretary chairs; in some cells nobody else speaks.
        const others = present.filter((m) => m !== secretary && rand() < 0.35);
        // Outside the secretary-only cells somebody besides the chair always speaks.
        if (!others.length) others.push(present.find((m) => m !== secretary) ?? deputy);
        const speakers = profile === CellProfile.SECRETARY_ONLY ? [secretary] : [secretary, ...others];
        for (const s of speakers) {
          rows.contributions.push([t, id(), meetingId, pick(agendaIds), s.id, s === secretary ? ContributionKind.OPINION : pick([ContributionKind.OPINION, ContributionKind.PROPOSAL, ContributionKind.CRITICISM, ContributionKind.QUESTION]), GENERATOR]);
        }

        const draft = kind === MeetingKind.REGULAR ? `Dự thảo nghị quyết tháng ${period.slice(5)}/${period.slice(0, 4)}` : null;
        rows.meetings.push([t, meetingId, cell.id, kind, status, title, start, at(date, 19, 30), ended, secretary.id, deputy.id, 'Nhà văn hóa tổ dân phố', draft, ended, GENERATOR, onRoll.length, 0, ended, GENERATOR, GENERATOR]);

        // Documents issued before this meeting and not yet passed on, under its DISSEMINATION item (G-11).
        const disseminationItem = agendaIds[items.findIndex(([category]) => category === AgendaCategory.DISSEMINATION)];
        if (disseminationItem) {
          for (const doc of documents) {
            if (doc.issuedOn >= date || passedOn.has(doc.id)) continue;
            passedOn.add(doc.id);
            rows.disseminations.push([t, id(), doc.id, meetingId, disseminationItem, cell.id, GENERATOR]);
          }
        }

        // The G-7 score, from these facts, under the default rubric.
        if (history.year !== date.slice(0, 4)) history = { year: date.slice(0, 4), rows: [] };
        const attended = rows.attendance.slice(rows.attendance.length - onRoll.length).map((a) => ({ memberId: a[2] as string, status: a[3] as AttendanceStatus }));
        history.rows.push(...attended);
        const score = computeScore(
          {
            meeting: { kind, status, scheduledAt: start, heldAt: start, endedAt: ended, chairMemberId: secretary.id, draftResolution: draft, rollTemporarilyOut: 0 },
            agenda: items.map(([category, , planned], n) => ({ category, presenterMemberId: rows.agenda[rows.agenda.length - items.length + n][6] as string, plannedMinutes: planned, actualMinutes: rows.agenda[rows.agenda.length - items.length + n][8] as number })),
            attendance: attended,
            contributions: speakers.map((m) => ({ memberId: m.id })),
            cellCommitteeMet: committeeMeets,
            longestExcusedStreak: longestExcusedStreak(history.rows),
          },
          DEFAULT_RUBRIC,
        );
        rows.scores.push([t, meetingId, DEFAULT_RUBRIC.version, score.items, score.computedPoints, 0, score.totalPoints, score.level, ended, GENERATOR]);

        if (kind !== MeetingKind.REGULAR) continue;

        // The previous month's resolution is reviewed here (G-9), except in cells that never do.
        if (previous && profile !== CellProfile.SECRETARY_ONLY) {
          const outcome =
            previous.resolutionId === modelResolutionId
              ? raised >= MODEL_STREET_TARGET
                ? TaskCheckOutcome.COMPLETED
                : TaskCheckOutcome.IN_PROGRESS
              : rand() < 0.8
                ? TaskCheckOutcome.COMPLETED
                : TaskCheckOutcome.NOT_COMPLETED;
          const resolutionStatus = outcome === TaskCheckOutcome.COMPLETED ? ResolutionStatus.COMPLETED : outcome === TaskCheckOutcome.IN_PROGRESS ? ResolutionStatus.IN_PROGRESS : ResolutionStatus.NOT_COMPLETED;
          const resolutionRow = resolutionRows.get(previous.resolutionId)!;
          resolutionRow[9] = resolutionStatus;
          resolutionRow[11] = ended;
          resolutionRow[12] = meetingId;
          resolutionRow[13] = GENERATOR;
          for (const taskId of previous.taskIds) {
            rows.checks.push([t, id(), taskId, meetingId, outcome, null, GENERATOR]);
            const taskRow = taskRows.get(taskId)!;
            taskRow[10] = outcome;
          }
        }
        // The model street is one resolution carried through the year, not one a month.
        if (previous && previous.resolutionId === modelResolutionId && raised < MODEL_STREET_TARGET) {
          previous = { ...(previous as Previous), meetingId, heldAt: start };
        } else {
          const resolutionId = id();
          const votes = present.length;
          const model = profile === CellProfile.MODEL_STREET && !modelResolutionId;
          if (model) modelResolutionId = resolutionId;
          rows.resolutions.push([
            t, resolutionId, meetingId, cell.id, `${period.slice(5)}-${period.slice(0, 4)}/NQ-CB`,
            model ? 'Xây dựng tuyến phố văn minh kiểu mẫu tổ dân phố 3: vận động nhân dân đóng góp 100.000.000 đồng, lắp 40 bóng đèn chiếu sáng' : 'Nghị quyết sinh hoạt chi bộ thường kỳ: tập trung lãnh đạo thực hiện nhiệm vụ chính trị tháng tới',
            votes, 0, 0, ResolutionStatus.ADOPTED, date, null, null, null, GENERATOR,
          ]);
          resolutionRows.set(resolutionId, rows.resolutions[rows.resolutions.length - 1]);
          const taskIds: string[] = [];
          const due = addDays(date, model ? 150 : 25);
          const tasks: [string, string | null, string | null, number | null, string | null][] = model
            ? [
                ['Vận động nhân dân đóng góp kinh phí xây dựng tuyến phố', null, 'Chi ủy và Ban công tác Mặt trận', MODEL_STREET_TARGET, 'VND'],
                ['Lắp đặt đèn chiếu sáng tuyến phố', deputy.id, null, 40, 'bóng'],
              ]
            : [['Thực hiện nhiệm vụ chính trị của tổ dân phố', secretary.id, null, null, null]];
          tasks.forEach(([taskTitle, owner, group, target, unit], position) => {
            const taskId = id();
            taskIds.push(taskId);
            rows.tasks.push([t, taskId, resolutionId, position + 1, taskTitle, owner, group, due, target, unit, null, null]);
            taskRows.set(taskId, rows.tasks[rows.tasks.length - 1]);
          });
          previous = { meetingId, resolutionId, taskIds, heldAt: start };
        }
        // Contributions from residents as they arrive (G-8): the model street raises a little over its target.
        if (previous.resolutionId === modelResolutionId && raised < MODEL_STREET_TARGET) {
          const [moneyTask, lampTask] = previous.taskIds;
          for (const [who, amount] of [
            ['Gia đình ông Trần Văn Hùng', 15_000_000],
            ['Các hộ dân tổ dân phố 3', 12_000_000],
            ['Doanh nghiệp trên địa bàn', 8_500_000],
          ] as const) {
            if (raised >= MODEL_STREET_TARGET) break;
            raised += amount;
            rows.progress.push([t, id(), moneyTask, addDays(date, 5 + rows.progress.length % 20), amount, `Đóng góp của ${who}`, 'Biên nhận của Ban công tác Mặt trận', GENERATOR]);
          }
          rows.progress.push([t, id(), lampTask, addDays(date, 10), 8, 'Đã lắp thêm 8 bóng đèn', null, GENERATOR]);
        }
      }
    }
  }
  return rows;
}

/** One COPY per table through the kit's `copyRows` (staged, so the tenant policy checks every row). */
async function copy(client: ClientBase, table: string, columns: readonly string[], rows: unknown[][]): Promise<void> {
  if (rows.length) await copyRows(client, `meetings.${table}`, columns, rows);
}

/**
 * Writes a generated tenant's meetings into the meetings schema, inside the caller's transaction
 * (which has set app.tenant_id). The org-unit projection is filled for units it lacks (a unit
 * membership already announced by event stays as it is); everything else is COPYed.
 */
export async function generateMeetings(client: ClientBase, tenant: GeneratedTenant, progress?: GenerateProgress): Promise<{ meetings: number; attendance: number; profiles: Map<string, CellProfile> }> {
  const rows = buildMeetingRows(tenant);
  const steps: [string, readonly string[], unknown[][]][] = [
    ['roll_entry', COLUMNS.roll_entry, rows.roll],
    ['meeting', COLUMNS.meeting, rows.meetings],
    ['agenda_item', COLUMNS.agenda_item, rows.agenda],
    ['attendance', COLUMNS.attendance, rows.attendance],
    ['contribution', COLUMNS.contribution, rows.contributions],
    ['resolution', COLUMNS.resolution, rows.resolutions],
    ['resolution_task', COLUMNS.resolution_task, rows.tasks],
    ['task_progress', COLUMNS.task_progress, rows.progress],
    ['task_check', COLUMNS.task_check, rows.checks],
    ['meeting_score', COLUMNS.meeting_score, rows.scores],
    ['higher_document', COLUMNS.higher_document, rows.documents],
    ['document_dissemination', COLUMNS.document_dissemination, rows.disseminations],
    ['yearly_theme', COLUMNS.yearly_theme, rows.themes],
  ];
  const total = steps.length + 1;
  progress?.('meetings: org units', 0, total);
  await client.query(
    `INSERT INTO "meetings"."org_unit" (tenant_id, id, parent_id, kind, path)
     SELECT $1, u.id, u.parent_id, u.kind, u.path FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[]) AS u(id, parent_id, kind, path)
     ON CONFLICT (tenant_id, id) DO NOTHING`,
    [tenant.tenantId, rows.orgUnits.map((r) => r[1]), rows.orgUnits.map((r) => r[2]), rows.orgUnits.map((r) => r[3]), rows.orgUnits.map((r) => r[4])],
  );
  for (const [n, [table, columns, data]] of steps.entries()) {
    progress?.(`meetings: ${table}`, n + 1, total);
    await copy(client, table, columns, data);
  }
  // The dashboard's maintained figures, which no event keeps for bulk-written meetings.
  await client.query(REBUILD_TENANT_FIGURES_SQL, [tenant.tenantId]);
  progress?.('meetings', total, total);
  return { meetings: rows.meetings.length, attendance: rows.attendance.length, profiles: rows.profiles };
}
