import { MESSAGING_ENTITIES, OrgUnitProjection } from '@chibo/service-kit';
import { CaseReadRecord } from './case-read-record';
import { DisciplineCaseRecord } from './discipline-case-record';
import { InspectionPlanRecord } from './inspection-plan-record';
import { InspectionRecord } from './inspection-record';
import { RuleSetVersionRecord } from './rule-set-record';
import { SupervisionRecord } from './supervision-record';

export const ENTITIES: Function[] = [InspectionRecord, SupervisionRecord, InspectionPlanRecord, DisciplineCaseRecord, CaseReadRecord, RuleSetVersionRecord, OrgUnitProjection, ...MESSAGING_ENTITIES];
export { MIGRATIONS } from './migrations';
export * from './inspection-store';
export * from './discipline-store';
export { InspectionRecord, InspectionPlanRecord, SupervisionRecord, DisciplineCaseRecord, CaseReadRecord, RuleSetVersionRecord };
export * from './report-store';
