import 'reflect-metadata';
import type { ServiceModule } from '@chibo/service-kit';
import { DashboardResolver } from './schema/dashboard.resolver';
import { OrgUnitResolver, TenantResolver, resolveOrgUnitReference } from './schema/org-unit.resolver';
import { OrgUnitDashboardType } from './schema/types';
import { ENTITIES, MIGRATIONS } from './store';

/** Membership (quản lý đảng viên): tenants, the org tree, members and their lifecycle. */
export const membershipService: ServiceModule = {
  name: 'membership',
  entities: ENTITIES,
  migrations: MIGRATIONS,
  subgraph: {
    name: 'membership',
    resolvers: [OrgUnitResolver, TenantResolver, DashboardResolver],
    orphanedTypes: [OrgUnitDashboardType],
    referenceResolvers: {
      OrgUnit: { __resolveReference: resolveOrgUnitReference },
      OrgUnitDashboard: { __resolveReference: (ref: OrgUnitDashboardType) => ref },
    },
  },
};
