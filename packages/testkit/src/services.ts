import type { ServiceName, ServiceModule } from '@chibo/service-kit';
import { inspectionService } from '@chibo/inspection';
import { meetingsService } from '@chibo/meetings';
import { membershipService } from '@chibo/membership';

export const SERVICES: Record<ServiceName, ServiceModule> = {
  membership: membershipService,
  meetings: meetingsService,
  inspection: inspectionService,
};
