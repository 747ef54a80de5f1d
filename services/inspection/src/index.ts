import 'reflect-metadata';
import { orgTreeHandlers, type ServiceModule } from '@chibo/service-kit';
import { InspectionDashboardResolver, InspectionResolver, OrgUnitInspectionsResolver, resolveInspectionReference } from './schema/inspection.resolver';
import { OrgUnitDashboardType } from './schema/types';
import { ENTITIES, MIGRATIONS } from './store';

/** Inspection (kiểm tra, giám sát, kỷ luật Đảng): confidential by design. */
export const inspectionService: ServiceModule = {
  name: 'inspection',
  entities: ENTITIES,
  migrations: MIGRATIONS,
  subgraph: {
    name: 'inspection',
    resolvers: [InspectionResolver, OrgUnitInspectionsResolver, InspectionDashboardResolver],
    orphanedTypes: [OrgUnitDashboardType],
    referenceResolvers: {
      Inspection: { __resolveReference: resolveInspectionReference },
      OrgUnit: { __resolveReference: (ref: { id: string }) => ref },
      OrgUnitDashboard: { __resolveReference: (ref: OrgUnitDashboardType) => ref },
    },
  },
  eventHandlers: orgTreeHandlers,
};
