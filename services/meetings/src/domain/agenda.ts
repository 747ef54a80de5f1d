import { randomUUID } from 'node:crypto';
import { AgendaCategory, AttendanceStatus, ContributionKind, DomainError, MeetingStatus, type Principal } from '@chibo/domain';
import { loadForWrite, requireStatus, type LifecyclePorts } from './lifecycle';
import { cleanTitle, type Meeting } from './meetings';

/** Nội dung sinh hoạt — one item of a meeting's agenda (G-3). */
export interface AgendaItem {
  id: string;
  meetingId: string;
  position: number;
  category: AgendaCategory;
  title: string;
  /** Người trình bày, assigned beforehand. */
  presenterMemberId: string | null;
  plannedMinutes: number;
  actualMinutes: number | null;
}

/** Ý kiến phát biểu — who spoke, on which item, in what way (G-5). */
export interface Contribution {
  id: string;
  meetingId: string;
  agendaItemId: string;
  memberId: string;
  kind: ContributionKind;
}

/** Thresholds the tenant's rule set may change; these are DOMAIN.md's defaults. */
export interface MeetingRules {
  /** G-6: a meeting whose PROFESSIONAL share of actual minutes exceeds this is flagged. */
  professionalShareMax: number;
}

export const DEFAULT_MEETING_RULES: MeetingRules = { professionalShareMax: 0.5 };

export interface AgendaPorts extends LifecyclePorts {
  agendaItems(meetingId: string): Promise<AgendaItem[]>;
  insertAgendaItem(tenantId: string, item: AgendaItem, createdBy: string): Promise<void>;
  attendanceOf(meetingId: string): Promise<{ memberId: string; status: AttendanceStatus }[]>;
  insertContributions(tenantId: string, rows: Contribution[], createdBy: string): Promise<void>;
}

const MINUTES_MAX = 600;

function minutes(value: number | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0 || value > MINUTES_MAX) {
    throw new DomainError('BAD_USER_INPUT', { vi: `Số phút phải là số nguyên từ 0 đến ${MINUTES_MAX}`, en: `Minutes must be a whole number from 0 to ${MINUTES_MAX}` }, { field });
  }
  return value;
}

export interface AddAgendaItemCommand {
  meetingId: string;
  category: AgendaCategory;
  title: string;
  presenterMemberId?: string | null;
  plannedMinutes: number;
  /** Known once the meeting is held. */
  actualMinutes?: number | null;
}

/** G-3: an agenda item, with its category, presenter and planned (and, once held, actual) minutes. */
export async function addAgendaItem(principal: Principal, input: AddAgendaItemCommand, ports: AgendaPorts): Promise<AgendaItem> {
  const { meeting } = await loadForWrite(principal, input.meetingId, ports);
  requireStatus(meeting, [MeetingStatus.PLANNED, MeetingStatus.PREPARED, MeetingStatus.HELD], {
    vi: 'Không thể thay đổi chương trình',
    en: 'The agenda can no longer change',
  });
  const title = cleanTitle(input.title);
  const planned = minutes(input.plannedMinutes, 'plannedMinutes') ?? 0;
  const actual = minutes(input.actualMinutes, 'actualMinutes');
  if (actual !== null && meeting.status !== MeetingStatus.HELD) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: 'Chỉ ghi thời lượng thực tế sau khi đã họp', en: 'Actual minutes are recorded once the meeting is held' },
      { rule: 'G-3', field: 'actualMinutes', currentStatus: meeting.status },
    );
  }
  if (meeting.status === MeetingStatus.PREPARED && !input.presenterMemberId) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: 'Cuộc họp đã chuẩn bị: nội dung thêm vào phải có người trình bày', en: 'The meeting is prepared: a new item needs its presenter' },
      { rule: 'G-2', field: 'presenterMemberId', currentStatus: meeting.status },
    );
  }
  const existing = await ports.agendaItems(meeting.id);
  const item: AgendaItem = {
    id: randomUUID(),
    meetingId: meeting.id,
    position: existing.length + 1,
    category: input.category,
    title,
    presenterMemberId: input.presenterMemberId?.toLowerCase() ?? null,
    plannedMinutes: planned,
    actualMinutes: actual,
  };
  await ports.insertAgendaItem(meeting.tenantId, item, principal.subject);
  publishChange(meeting, 'AGENDA', ports);
  return item;
}

function publishChange(meeting: Meeting, part: 'AGENDA' | 'CONTRIBUTIONS', ports: Pick<AgendaPorts, 'publish'>) {
  ports.publish({ type: 'MeetingContentChanged', payload: { meetingId: meeting.id, cellId: meeting.cellId, part, heldAt: meeting.heldAt?.toISOString() ?? null } });
}

export interface RecordContributionsCommand {
  meetingId: string;
  contributions: { memberId: string; agendaItemId: string; kind: ContributionKind }[];
}

const g5 = (vi: string, en: string, details: Record<string, unknown>) => new DomainError('RULE_VIOLATION', { vi, en }, { rule: 'G-5', ...details });

/**
 * G-5: the discussion of a held meeting, many contributions at once. A speaker was present
 * (attendance is taken first) and spoke on an item of this meeting's agenda.
 */
export async function recordContributions(principal: Principal, input: RecordContributionsCommand, ports: AgendaPorts): Promise<Contribution[]> {
  const { meeting } = await loadForWrite(principal, input.meetingId, ports);
  requireStatus(meeting, [MeetingStatus.HELD], { vi: 'Chỉ ghi ý kiến phát biểu của cuộc họp đã diễn ra', en: 'Contributions are recorded for a held meeting' });
  if (!input.contributions.length) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Chưa có ý kiến nào', en: 'No contributions given' }, { field: 'contributions' });
  }
  const [items, attendance] = await Promise.all([ports.agendaItems(meeting.id), ports.attendanceOf(meeting.id)]);
  const itemIds = new Set(items.map((i) => i.id));
  const present = new Set(attendance.filter((a) => a.status === AttendanceStatus.PRESENT).map((a) => a.memberId));
  if (!attendance.length) throw g5('Phải điểm danh trước khi ghi ý kiến phát biểu', 'Record attendance before contributions', { field: 'attendance' });
  const rows = input.contributions.map((c) => {
    const memberId = c.memberId.toLowerCase();
    const agendaItemId = c.agendaItemId.toLowerCase();
    if (!itemIds.has(agendaItemId)) throw g5('Nội dung không thuộc chương trình cuộc họp này', 'The agenda item is not on this meeting', { field: 'agendaItemId', agendaItemId });
    if (!present.has(memberId)) throw g5('Người phát biểu không có mặt tại cuộc họp', 'The speaker was not present', { field: 'memberId', memberId });
    return { id: randomUUID(), meetingId: meeting.id, agendaItemId, memberId, kind: c.kind };
  });
  await ports.insertContributions(meeting.tenantId, rows, principal.subject);
  publishChange(meeting, 'CONTRIBUTIONS', ports);
  return rows;
}

/** G-5: distinct speakers other than the chair ÷ present; null before attendance is taken. */
export function participationRate(chairMemberId: string | null, contributions: Pick<Contribution, 'memberId'>[], present: number): number | null {
  if (present <= 0) return null;
  const speakers = new Set(contributions.map((c) => c.memberId));
  if (chairMemberId) speakers.delete(chairMemberId);
  return speakers.size / present;
}

/** G-5 flag: people spoke, and every one of them was the chair. */
export function onlyChairSpoke(chairMemberId: string | null, contributions: Pick<Contribution, 'memberId'>[]): boolean {
  return !!chairMemberId && contributions.length > 0 && contributions.every((c) => c.memberId === chairMemberId);
}

export interface CategoryShare {
  category: AgendaCategory;
  minutes: number;
  share: number;
}

export interface ContentBalance {
  totalMinutes: number;
  categories: CategoryShare[];
  professionalShare: number | null;
  /** G-6: the PROFESSIONAL share exceeds the threshold (exactly at it is not flagged). */
  professionalFlag: boolean;
}

/** G-6: share of actual minutes per category (planned minutes until the actual ones are known). */
export function contentBalance(items: Pick<AgendaItem, 'category' | 'plannedMinutes' | 'actualMinutes'>[], rules: MeetingRules = DEFAULT_MEETING_RULES): ContentBalance {
  const byCategory = new Map<AgendaCategory, number>();
  const useActual = items.some((i) => i.actualMinutes !== null);
  for (const i of items) {
    const m = useActual ? (i.actualMinutes ?? 0) : i.plannedMinutes;
    byCategory.set(i.category, (byCategory.get(i.category) ?? 0) + m);
  }
  const total = [...byCategory.values()].reduce((a, b) => a + b, 0);
  const categories = Object.values(AgendaCategory)
    .filter((c) => byCategory.has(c))
    .map((category) => ({ category, minutes: byCategory.get(category)!, share: total ? byCategory.get(category)! / total : 0 }));
  const professionalShare = total ? (byCategory.get(AgendaCategory.PROFESSIONAL) ?? 0) / total : null;
  return { totalMinutes: total, categories, professionalShare, professionalFlag: professionalShare !== null && professionalShare > rules.professionalShareMax };
}
