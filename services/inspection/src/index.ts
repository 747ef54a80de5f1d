import 'reflect-metadata';
import { orgTreeHandlers, type ServiceModule } from '@chibo/service-kit';
import { DisciplineDashboardResolver, InspectionDashboardResolver, InspectionResolver, OrgUnitInspectionsResolver, SupervisionResolver, resolveInspectionReference } from './schema/inspection.resolver';
import { DisciplineCaseResolver, MemberDisciplineResolver, MemberRef, OrgUnitDisciplineResolver } from './schema/discipline.resolver';
import { InspectionPlanResolver } from './schema/plan.resolver';
import { DisciplineCaseChangeResolver } from './schema/discipline-subscription.resolver';
import { ReportResolver } from './schema/report.resolver';
import { RuleSetResolver } from './schema/rule-set.resolver';
import { TenantCalendarResolver } from './schema/tenant-calendar.resolver';
import { OrgUnitDashboardType } from './schema/types';
import { ENTITIES, MIGRATIONS } from './store';

/** Inspection (kiểm tra, giám sát, kỷ luật Đảng): confidential by design. */
export const inspectionService: ServiceModule = {
  name: 'inspection',
  entities: ENTITIES,
  migrations: MIGRATIONS,
  subgraph: {
    name: 'inspection',
    resolvers: [InspectionResolver, SupervisionResolver, OrgUnitInspectionsResolver, InspectionDashboardResolver, DisciplineDashboardResolver, DisciplineCaseResolver, DisciplineCaseChangeResolver, OrgUnitDisciplineResolver, MemberDisciplineResolver, ReportResolver, InspectionPlanResolver, RuleSetResolver, TenantCalendarResolver],
    orphanedTypes: [OrgUnitDashboardType, MemberRef],
    referenceResolvers: {
      Inspection: { __resolveReference: resolveInspectionReference },
      OrgUnit: { __resolveReference: (ref: { id: string }) => ref },
      Member: { __resolveReference: (ref: MemberRef) => ref },
      OrgUnitDashboard: { __resolveReference: (ref: OrgUnitDashboardType) => ref },
    },
  },
  eventHandlers: orgTreeHandlers,
};
export { generateInspection, type InspectionGenerated } from './store/generate';
