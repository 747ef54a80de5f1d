import { MESSAGING_ENTITIES, OrgUnitProjection } from '@chibo/service-kit';
import { MeetingRecord } from './meeting-record';

export const ENTITIES: Function[] = [MeetingRecord, OrgUnitProjection, ...MESSAGING_ENTITIES];
export { MIGRATIONS } from './migrations';
export * from './meeting-store';
export { MeetingRecord };
