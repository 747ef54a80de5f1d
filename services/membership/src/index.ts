import 'reflect-metadata';
import { WebhookResolver, type ServiceModule } from '@chibo/service-kit';
import { membershipEventHandlers } from './events/discipline-handler';
import { ApiKeyResolver, verifyApiKeyHandler } from './schema/api-key.resolver';
import { BadgeResolver } from './schema/badge.resolver';
import { DashboardResolver } from './schema/dashboard.resolver';
import { MemberResolver, resolveMemberReference } from './schema/member.resolver';
import { OrgUnitResolver, TenantResolver, resolveOrgUnitReference } from './schema/org-unit.resolver';
import { OrgUnitListResolver } from './schema/org-unit-list.resolver';
import { MemberPositionsResolver, PositionResolver } from './schema/position.resolver';
import { OrgUnitStructureResolver } from './schema/structure.resolver';
import { MemberYearRatingResolver, RatingResolver } from './schema/rating.resolver';
import { MemberTransfersResolver, TransferResolver } from './schema/transfer.resolver';
import { OrgUnitDashboardType } from './schema/types';
import { ENTITIES, MIGRATIONS } from './store';

/** Membership (quản lý đảng viên): tenants, the org tree, members and their lifecycle. */
export const membershipService: ServiceModule = {
  name: 'membership',
  entities: ENTITIES,
  migrations: MIGRATIONS,
  subgraph: {
    name: 'membership',
    resolvers: [OrgUnitResolver, TenantResolver, DashboardResolver, MemberResolver, TransferResolver, MemberTransfersResolver, RatingResolver, MemberYearRatingResolver, BadgeResolver, PositionResolver, MemberPositionsResolver, OrgUnitStructureResolver, ApiKeyResolver, WebhookResolver, OrgUnitListResolver],
    orphanedTypes: [OrgUnitDashboardType],
    // Delta sync: a member transferred out of the tenant and a dissolved unit are gone for a mirror.
    sync: {
      tombstones: [
        { table: 'member', recordType: 'Member', reason: 'TRANSFERRED_OUT', field: 'status', becomes: 'TRANSFERRED_OUT' },
        { table: 'org_unit', recordType: 'OrgUnit', reason: 'DISSOLVED', field: 'valid_to', becomes: null },
      ],
    },
    referenceResolvers: {
      OrgUnit: { __resolveReference: resolveOrgUnitReference },
      OrgUnitDashboard: { __resolveReference: (ref: OrgUnitDashboardType) => ref },
      Member: { __resolveReference: resolveMemberReference },
    },
  },
  eventHandlers: membershipEventHandlers,
  internal: { 'verify-api-key': verifyApiKeyHandler },
  // Membership keeps the tenant's webhooks; the other services send it their events.
  webhooks: true,
};
