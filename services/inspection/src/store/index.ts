import { MESSAGING_ENTITIES, OrgUnitProjection } from '@chibo/service-kit';
import { InspectionRecord } from './inspection-record';

export const ENTITIES: Function[] = [InspectionRecord, OrgUnitProjection, ...MESSAGING_ENTITIES];
export { MIGRATIONS } from './migrations';
export * from './inspection-store';
export { InspectionRecord };
