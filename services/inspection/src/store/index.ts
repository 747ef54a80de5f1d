import { MESSAGING_ENTITIES, OrgUnitProjection } from '@chibo/service-kit';
import { ConfidentialReadRecord } from './confidential-read-record';
import { DisciplineCaseRecord } from './discipline-case-record';
import { InspectionPlanRecord } from './inspection-plan-record';
import { InspectionRecord } from './inspection-record';
import { RuleSetVersionRecord } from './rule-set-record';
import { SupervisionRecord } from './supervision-record';
import { TenantDayRecord } from './tenant-day-record';

export const ENTITIES: Function[] = [InspectionRecord, SupervisionRecord, InspectionPlanRecord, DisciplineCaseRecord, ConfidentialReadRecord, RuleSetVersionRecord, TenantDayRecord, OrgUnitProjection, ...MESSAGING_ENTITIES];
export { MIGRATIONS } from './migrations';
export * from './inspection-store';
export * from './discipline-store';
export { InspectionRecord, InspectionPlanRecord, SupervisionRecord, DisciplineCaseRecord, ConfidentialReadRecord, RuleSetVersionRecord, TenantDayRecord };
export * from './read-log';
export * from './membership-facts';
export * from './report-store';
export * from './dashboard-store';
export { generateInspection, type InspectionGenerated } from './generate';
