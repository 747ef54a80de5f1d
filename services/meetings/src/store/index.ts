import { MESSAGING_ENTITIES, OrgUnitProjection } from '@chibo/service-kit';
import { AgendaItemRecord } from './agenda-item-record';
import { AttendanceRecord } from './attendance-record';
import { ContributionRecord } from './contribution-record';
import { DashboardUnitMonthRecord } from './dashboard-figures-record';
import { MeetingRecord } from './meeting-record';
import { MeetingScoreRecord, QualityRubricRecord } from './quality-records';
import { ResolutionRecord, ResolutionTaskRecord, TaskCheckRecord, TaskProgressRecord } from './resolution-records';
import { RollEntryRecord } from './roll-entry-record';
import { MeetingRuleSetRecord } from './rule-set-record';
import { DocumentDisseminationRecord, HigherDocumentRecord, YearlyThemeRecord } from './dissemination-records';

export const ENTITIES: Function[] = [MeetingRecord, AgendaItemRecord, AttendanceRecord, ContributionRecord, RollEntryRecord, QualityRubricRecord, MeetingScoreRecord, ResolutionRecord, ResolutionTaskRecord, TaskProgressRecord, TaskCheckRecord, MeetingRuleSetRecord, HigherDocumentRecord, DocumentDisseminationRecord, YearlyThemeRecord, DashboardUnitMonthRecord, OrgUnitProjection, ...MESSAGING_ENTITIES];
export { MIGRATIONS } from './migrations';
export * from './meeting-store';
export * from './roll-store';
export * from './dashboard-store';
export { AgendaItemRecord, AttendanceRecord, ContributionRecord, MeetingRecord, MeetingScoreRecord, QualityRubricRecord, RollEntryRecord, MeetingRuleSetRecord, HigherDocumentRecord, DocumentDisseminationRecord, YearlyThemeRecord, DashboardUnitMonthRecord };
export { generateMeetings, buildMeetingRows, CellProfile } from './generate';
