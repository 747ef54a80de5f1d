import { randomUUID } from 'node:crypto';
import { DomainError, OrgUnitKind, Role, requireInScope, requireRole, requireTenant, type DomainEvent, type Principal } from '@chibo/domain';
import { parseDate } from './dates';
import { assertChildKindAllowed, cleanName } from './org-unit-rules';

/** The facts of an org unit the rules need; the store maps its records to this. */
export interface OrgUnit {
  id: string;
  tenantId: string;
  parentId: string | null;
  kind: OrgUnitKind;
  name: string;
  /** Ids from the root down to this unit. */
  lineage: string[];
  validFrom: string;
}

export interface Tenant {
  id: string;
  name: string;
  rootOrgUnitId: string;
}

/** What the domain needs from storage, inside one tenant transaction. */
export interface MembershipPorts {
  findOrgUnit(id: string): Promise<OrgUnit | null>;
  insertOrgUnit(unit: OrgUnit, createdBy: string): Promise<void>;
  insertTenant(tenant: Tenant, createdBy: string): Promise<void>;
  renameOrgUnit(id: string, name: string, by: string): Promise<void>;
  publish(event: DomainEvent): void;
}

export interface CreateOrgUnitCommand {
  parentId: string;
  kind: OrgUnitKind;
  name: string;
  validFrom?: string;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Create a tenant and its root committee (platform administrators only). */
export async function createTenant(principal: Principal, input: { name: string }, ports: MembershipPorts, tenantId: string): Promise<Tenant> {
  requireRole(principal, Role.PLATFORM_ADMIN);
  const name = cleanName(input.name);
  const root: OrgUnit = { id: randomUUID(), tenantId, parentId: null, kind: OrgUnitKind.COMMITTEE, name, lineage: [], validFrom: today() };
  root.lineage = [root.id];
  const tenant: Tenant = { id: tenantId, name, rootOrgUnitId: root.id };
  await ports.insertTenant(tenant, principal.subject);
  await ports.insertOrgUnit(root, principal.subject);
  ports.publish({ type: 'TenantCreated', payload: { tenantId, rootOrgUnitId: root.id } });
  ports.publish({ type: 'OrgUnitCreated', payload: { orgUnitId: root.id, parentId: null, kind: root.kind } });
  return tenant;
}

/** Add a unit under a parent the principal administers. */
export async function createOrgUnit(principal: Principal, input: CreateOrgUnitCommand, ports: MembershipPorts): Promise<OrgUnit> {
  const tenantId = requireTenant(principal);
  requireRole(principal, Role.CITY_ADMIN, Role.COMMITTEE_STAFF);
  const parent = await ports.findOrgUnit(input.parentId);
  if (!parent) {
    throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức cấp trên', en: 'Parent org unit not found' }, { field: 'parentId' });
  }
  requireInScope(principal, parent.lineage, parent.id);
  assertChildKindAllowed(parent.kind, input.kind);
  const id = randomUUID();
  const unit: OrgUnit = {
    id,
    tenantId,
    parentId: parent.id,
    kind: input.kind,
    name: cleanName(input.name),
    lineage: [...parent.lineage, id],
    validFrom: input.validFrom ? parseDate(input.validFrom, 'validFrom') : today(),
  };
  await ports.insertOrgUnit(unit, principal.subject);
  ports.publish({ type: 'OrgUnitCreated', payload: { orgUnitId: id, parentId: parent.id, kind: unit.kind } });
  return unit;
}

/** Rename a unit the principal administers (T-2); its id, place and history stay. */
export async function renameOrgUnit(principal: Principal, input: { id: string; name: string }, ports: MembershipPorts): Promise<OrgUnit> {
  requireTenant(principal);
  requireRole(principal, Role.CITY_ADMIN, Role.COMMITTEE_STAFF);
  const unit = await ports.findOrgUnit(input.id);
  if (!unit) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { orgUnitId: input.id });
  requireInScope(principal, unit.lineage, unit.id);
  const name = cleanName(input.name);
  await ports.renameOrgUnit(unit.id, name, principal.subject);
  return { ...unit, name };
}
