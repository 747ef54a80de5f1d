import 'reflect-metadata';
import { orgTreeHandlers, type ServiceModule } from '@chibo/service-kit';
import { dashboardNotifier } from './events/dashboard-notifier';
import { plannerJob } from './events/planner-job';
import { rollHandlers } from './events/roll-handlers';
import { DashboardResolver, dashboardPayload } from './schema/dashboard.resolver';
import { DashboardFollowUpResolver } from './schema/dashboard-follow-up.resolver';
import { MeetingContentResolver } from './schema/meeting-content.resolver';
import { QualityResolver } from './schema/quality.resolver';
import { MeetingResolutionsResolver, ResolutionResolver, ResolutionTaskResolver } from './schema/resolution.resolver';
import { AgendaItemDocumentsResolver, DisseminationResolver, OrgUnitDocumentsResolver } from './schema/dissemination.resolver';
import { OrgUnitFollowUpResolver } from './schema/follow-up.resolver';
import { MinutesResolver } from './schema/minutes.resolver';
import { OrgUnitRollResolver } from './schema/roll.resolver';
import { RuleSetResolver } from './schema/rule-set.resolver';
import { MeetingResolver, OrgUnitMeetingsResolver, resolveMeetingReference } from './schema/meeting.resolver';
import type { OrgUnitDashboardType } from './schema/types';
import { ENTITIES, MIGRATIONS } from './store';
import { OrgUnitResolutionsResolver } from './schema/resolution-list.resolver';

/** Meetings (sinh hoạt chi bộ): meetings, agendas, attendance, resolutions and their follow-up. */
export const meetingsService: ServiceModule = {
  name: 'meetings',
  entities: ENTITIES,
  migrations: MIGRATIONS,
  subgraph: {
    name: 'meetings',
    resolvers: [MeetingResolver, MeetingContentResolver, OrgUnitMeetingsResolver, OrgUnitRollResolver, QualityResolver, ResolutionResolver, ResolutionTaskResolver, MeetingResolutionsResolver, DashboardResolver, RuleSetResolver, MinutesResolver, OrgUnitFollowUpResolver, DisseminationResolver, OrgUnitDocumentsResolver, AgendaItemDocumentsResolver, OrgUnitResolutionsResolver, DashboardFollowUpResolver],
    referenceResolvers: {
      Meeting: { __resolveReference: resolveMeetingReference },
      OrgUnit: { __resolveReference: (ref: { id: string }) => ref },
      OrgUnitDashboard: { __resolveReference: (ref: OrgUnitDashboardType) => dashboardPayload(ref.orgUnitId, ref.period) },
    },
  },
  eventHandlers: { ...orgTreeHandlers, ...rollHandlers },
  localSinks: ({ dataSource }) => [dashboardNotifier(dataSource)],
  jobs: [plannerJob],
};
export { generateMeetings } from './store/generate';
