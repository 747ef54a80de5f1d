/**
 * Identifiers. Every record id is a UUID; ids are branded so a `TenantId` cannot be passed
 * where an `OrgUnitId` is expected by accident.
 */
export type Brand<T, B extends string> = T & { readonly __brand: B };

export type TenantId = Brand<string, 'TenantId'>;
export type OrgUnitId = Brand<string, 'OrgUnitId'>;
export type MemberId = Brand<string, 'MemberId'>;
export type MeetingId = Brand<string, 'MeetingId'>;
export type InspectionId = Brand<string, 'InspectionId'>;
export type EventId = Brand<string, 'EventId'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
