import { MESSAGING_ENTITIES, WEBHOOK_ENTITIES } from '@chibo/service-kit';
import { ApiKeyRecord } from './api-key-record';
import { MemberEventRecord } from './member-event-record';
import { MemberPositionRecord } from './member-position-record';
import { MemberRatingRecord } from './member-rating-record';
import { MemberRecord } from './member-record';
import { MemberTransferRecord } from './member-transfer-record';
import { OrgUnitRecord } from './org-unit-record';
import { TenantRecord } from './tenant-record';

export const ENTITIES: Function[] = [TenantRecord, OrgUnitRecord, MemberRecord, MemberEventRecord, MemberTransferRecord, MemberRatingRecord, MemberPositionRecord, ApiKeyRecord, ...MESSAGING_ENTITIES, ...WEBHOOK_ENTITIES];
export { MIGRATIONS } from './migrations';
export * from './membership-store';
export * from './member-store';
export * from './api-key-store';
export { MemberEventRecord, MemberPositionRecord, MemberRatingRecord, MemberRecord, MemberTransferRecord, OrgUnitRecord, TenantRecord };
