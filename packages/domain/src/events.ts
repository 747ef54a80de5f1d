/**
 * Event contracts between services. Payloads carry ids and enums only: a consumer that
 * needs more asks through federation, so no personal data travels through the outbox.
 */
import type { OrgUnitKind, MeetingKind } from './enums';

export interface EventEnvelope<T extends DomainEvent = DomainEvent> {
  id: string;
  tenantId: string;
  type: T['type'];
  source: string;
  occurredAt: string;
  payload: T['payload'];
}

export interface TenantCreated {
  type: 'TenantCreated';
  payload: { tenantId: string; rootOrgUnitId: string };
}

export interface OrgUnitCreated {
  type: 'OrgUnitCreated';
  payload: { orgUnitId: string; parentId: string | null; kind: OrgUnitKind };
}

export interface MeetingRecorded {
  type: 'MeetingRecorded';
  payload: { meetingId: string; cellId: string; kind: MeetingKind; heldAt: string };
}

export interface InspectionOpened {
  type: 'InspectionOpened';
  payload: { inspectionId: string; orgUnitId: string | null };
}

export type DomainEvent = TenantCreated | OrgUnitCreated | MeetingRecorded | InspectionOpened;
export type DomainEventType = DomainEvent['type'];
