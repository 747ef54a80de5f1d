import 'reflect-metadata';
import { WebhookResolver, type ServiceModule } from '@chibo/service-kit';
import { membershipEventHandlers } from './events/discipline-handler';
import { dashboardNotifier } from './events/dashboard-notifier';
import { ApiKeyResolver, verifyApiKeyHandler } from './schema/api-key.resolver';
import { subjectFactsHandler } from './schema/subject-facts.handler';
import { ApiSettingsResolver, admitRequestHandler } from './schema/api-settings.resolver';
import { ApiKeyBudgetResolver, QueryBudgetResolver } from './schema/query-budget.resolver';
import { BadgeResolver } from './schema/badge.resolver';
import { DashboardResolver } from './schema/dashboard.resolver';
import { MemberImportResolver } from './schema/import.resolver';
import { MemberResolver, resolveMemberReference } from './schema/member.resolver';
import { OrgUnitResolver, TenantResolver, resolveOrgUnitReference } from './schema/org-unit.resolver';
import { OrgUnitListResolver } from './schema/org-unit-list.resolver';
import { MemberPositionsResolver, PositionResolver } from './schema/position.resolver';
import { OrgUnitChangesResolver, OrgUnitHistoryResolver } from './schema/org-unit-history.resolver';
import { OrgUnitStructureResolver } from './schema/structure.resolver';
import { MemberYearRatingResolver, RatingResolver } from './schema/rating.resolver';
import { MemberResidenceResolver, ResidenceResolver } from './schema/residence.resolver';
import { TransferLetterResolver } from './schema/transfer-letter.resolver';
import { MemberTransfersResolver, TransferResolver } from './schema/transfer.resolver';
import { namesHandler } from './schema/names.internal';
import { OrgUnitDashboardType } from './schema/types';
import { ENTITIES, MIGRATIONS } from './store';

/** Membership (quản lý đảng viên): tenants, the org tree, members and their lifecycle. */
export const membershipService: ServiceModule = {
  name: 'membership',
  entities: ENTITIES,
  migrations: MIGRATIONS,
  subgraph: {
    name: 'membership',
    resolvers: [OrgUnitResolver, TenantResolver, DashboardResolver, MemberResolver, TransferResolver, MemberTransfersResolver, RatingResolver, MemberYearRatingResolver, BadgeResolver, PositionResolver, MemberPositionsResolver, OrgUnitStructureResolver, OrgUnitHistoryResolver, OrgUnitChangesResolver, TransferLetterResolver, ResidenceResolver, MemberResidenceResolver, ApiKeyResolver, ApiSettingsResolver, MemberImportResolver, WebhookResolver, OrgUnitListResolver, QueryBudgetResolver, ApiKeyBudgetResolver],
    orphanedTypes: [OrgUnitDashboardType],
    // Delta sync: a member transferred out of the tenant and a dissolved unit are gone for a mirror.
    sync: {
      tombstones: [
        { table: 'member', recordType: 'Member', reason: 'TRANSFERRED_OUT', field: 'status', becomes: 'TRANSFERRED_OUT' },
        { table: 'org_unit', recordType: 'OrgUnit', reason: 'DISSOLVED', field: 'valid_to', becomes: null },
        // Records that stop being in force stay readable (with revokedAt, endsOn …), but a mirror
        // of what is current drops them: a revoked key, a disabled webhook, an ended post, a
        // letter withdrawn by its sender or rejected by its receiver.
        { table: 'api_key', recordType: 'ApiKey', reason: 'REVOKED', field: 'revoked_at', becomes: null },
        { table: 'webhook_endpoint', recordType: 'Webhook', reason: 'DISABLED', field: 'disabled_at', becomes: null },
        { table: 'member_position', recordType: 'MemberPosition', reason: 'ENDED', field: 'ends_on', becomes: null },
        { table: 'transfer_letter', recordType: 'TransferLetter', reason: 'WITHDRAWN', field: 'status', becomes: 'WITHDRAWN' },
        { table: 'transfer_letter', recordType: 'TransferLetter', reason: 'REJECTED', field: 'status', becomes: 'REJECTED' },
      ],
    },
    referenceResolvers: {
      OrgUnit: { __resolveReference: resolveOrgUnitReference },
      OrgUnitDashboard: { __resolveReference: (ref: OrgUnitDashboardType) => ref },
      Member: { __resolveReference: resolveMemberReference },
    },
  },
  eventHandlers: membershipEventHandlers,
  // Member and tree changes reach live dashboards and the gateway's kept answers.
  localSinks: ({ dataSource }) => [dashboardNotifier(dataSource)],
  internal: { 'verify-api-key': verifyApiKeyHandler, 'admit-request': admitRequestHandler, names: namesHandler, 'subject-facts': subjectFactsHandler },
  // Membership keeps the tenant's webhooks; the other services send it their events.
  webhooks: true,
};
export { generateMembership, type GenerateMembershipSpec } from './store/generate';

/** Member import, also for the CLI and the benchmarks (same rules, same store). */
export * from './import';
