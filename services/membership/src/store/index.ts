import { MESSAGING_ENTITIES } from '@chibo/service-kit';
import { OrgUnitRecord } from './org-unit-record';
import { TenantRecord } from './tenant-record';

export const ENTITIES: Function[] = [TenantRecord, OrgUnitRecord, ...MESSAGING_ENTITIES];
export { MIGRATIONS } from './migrations';
export * from './membership-store';
export { OrgUnitRecord, TenantRecord };
