/**
 * The meetings vocabulary (DOMAIN.md G-1..G-12) other services and clients may need: attendance
 * statuses, agenda categories, kinds of contribution, and the events the meetings service
 * publishes besides `MeetingRecorded`.
 */
import type { MeetingStatus } from './enums';

/** Điểm danh — a member's attendance at one meeting (G-4). */
export enum AttendanceStatus {
  /** Có mặt. */
  PRESENT = 'PRESENT',
  /** Vắng có lý do. */
  ABSENT_EXCUSED = 'ABSENT_EXCUSED',
  /** Vắng không lý do. */
  ABSENT_UNEXCUSED = 'ABSENT_UNEXCUSED',
  /** Miễn sinh hoạt (M-4). */
  EXEMPT = 'EXEMPT',
  /** Lực lượng vũ trang làm nhiệm vụ đặc biệt. */
  ON_DUTY = 'ON_DUTY',
}

/** Nội dung sinh hoạt — what an agenda item is about (G-3). */
export enum AgendaCategory {
  PARTY_BUILDING = 'PARTY_BUILDING',
  DISSEMINATION = 'DISSEMINATION',
  IDEOLOGY = 'IDEOLOGY',
  HCM_STUDY = 'HCM_STUDY',
  CRITICISM = 'CRITICISM',
  RESOLUTION_REVIEW = 'RESOLUTION_REVIEW',
  ADMISSION = 'ADMISSION',
  PROFESSIONAL = 'PROFESSIONAL',
  OTHER = 'OTHER',
}

/** Loại ý kiến phát biểu (G-5). */
export enum ContributionKind {
  OPINION = 'OPINION',
  PROPOSAL = 'PROPOSAL',
  CRITICISM = 'CRITICISM',
  QUESTION = 'QUESTION',
}

/** A meeting moved along its lifecycle (G-2). */
export interface MeetingStatusChanged {
  type: 'MeetingStatusChanged';
  payload: { meetingId: string; cellId: string; from: MeetingStatus | null; to: MeetingStatus; heldAt: string | null };
}

/** What was recorded of a meeting changed: its agenda, attendance, contributions or score (G-3..G-7). */
export interface MeetingContentChanged {
  type: 'MeetingContentChanged';
  payload: { meetingId: string; cellId: string; part: 'AGENDA' | 'ATTENDANCE' | 'CONTRIBUTIONS' | 'SCORE' | 'RESOLUTIONS' | 'DISSEMINATION'; heldAt: string | null };
}

/** A document of a higher committee was registered for a subtree's cells to pass on (G-11). */
export interface HigherDocumentRegistered {
  type: 'HigherDocumentRegistered';
  payload: { documentId: string; orgUnitId: string; disseminateBy: string };
}

/** A tenant published a new version of its meeting rule set (G-1 day, thresholds). */
export interface MeetingRuleSetPublished {
  type: 'MeetingRuleSetPublished';
  payload: { version: number; effectiveFrom: string };
}

/** The city set its yearly theme and targets (G-12). */
export interface YearlyThemeSet {
  type: 'YearlyThemeSet';
  payload: { year: number; targets: { kind: string; threshold: number }[] };
}

/** Trạng thái nghị quyết (G-8): set by the follow-up check (G-9). */
export enum ResolutionStatus {
  ADOPTED = 'ADOPTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  PARTIALLY_COMPLETED = 'PARTIALLY_COMPLETED',
  NOT_COMPLETED = 'NOT_COMPLETED',
}

/** Kết quả kiểm tra một nhiệm vụ tại buổi kiểm điểm (G-9). */
export enum TaskCheckOutcome {
  COMPLETED = 'COMPLETED',
  IN_PROGRESS = 'IN_PROGRESS',
  NOT_COMPLETED = 'NOT_COMPLETED',
}
