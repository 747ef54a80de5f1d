import 'reflect-metadata';
import { orgTreeHandlers, type ServiceModule } from '@chibo/service-kit';
import { dashboardNotifier } from './events/dashboard-notifier';
import { DashboardResolver } from './schema/dashboard.resolver';
import { MeetingResolver, OrgUnitMeetingsResolver, resolveMeetingReference } from './schema/meeting.resolver';
import type { OrgUnitDashboardType } from './schema/types';
import { ENTITIES, MIGRATIONS } from './store';

/** Meetings (sinh hoạt chi bộ): meetings, agendas, attendance, resolutions and their follow-up. */
export const meetingsService: ServiceModule = {
  name: 'meetings',
  entities: ENTITIES,
  migrations: MIGRATIONS,
  subgraph: {
    name: 'meetings',
    resolvers: [MeetingResolver, OrgUnitMeetingsResolver, DashboardResolver],
    referenceResolvers: {
      Meeting: { __resolveReference: resolveMeetingReference },
      OrgUnit: { __resolveReference: (ref: { id: string }) => ref },
      OrgUnitDashboard: { __resolveReference: (ref: OrgUnitDashboardType) => ref },
    },
  },
  eventHandlers: orgTreeHandlers,
  localSinks: ({ dataSource }) => [dashboardNotifier(dataSource)],
};
