import { randomUUID } from 'node:crypto';
import { DomainError, OrgUnitKind, Role, requireInScope, requireOperation, requireRole, requireTenant, type DomainEvent, type Principal } from '@chibo/domain';
import { parseDate, todayVn } from './dates';
import { assertChangeDate, OrgUnitChangeKind, type OrgUnitChange } from './org-unit-history';
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
  /** The first day the unit no longer exists (dissolved or merged); it stays queryable. */
  validTo?: string | null;
  /** Set when the unit was merged into another (sáp nhập). */
  mergedIntoId?: string | null;
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
  /** Re-root the unit's subtree under a new parent: every descendant's path follows. */
  moveSubtree(unit: OrgUnit, newParent: OrgUnit, by: string): Promise<void>;
  dissolveOrgUnit(id: string, on: string, by: string): Promise<void>;
  /** Close a unit as merged into another from `on`; it stays, with its history. */
  closeAsMerged(id: string, intoId: string, on: string, by: string): Promise<void>;
  children(parentId: string): Promise<OrgUnit[]>;
  activeMembersInSubtree(unit: OrgUnit): Promise<number>;
  /** The dated structural changes of these units, in order (T-2). */
  orgUnitChanges(unitIds: readonly string[]): Promise<OrgUnitChange[]>;
  appendOrgUnitChange(change: OrgUnitChange): Promise<void>;
  publish(event: DomainEvent): void;
}

export interface CreateOrgUnitCommand {
  parentId: string;
  kind: OrgUnitKind;
  name: string;
  validFrom?: string;
}

const today = () => todayVn();

/**
 * Record one dated change of a unit after checking its date is in order (T-2); returns the
 * effective date. The changes of a unit are numbered, so a concurrent change fails on the key.
 */
export async function recordChange(
  ports: Pick<MembershipPorts, 'orgUnitChanges' | 'appendOrgUnitChange'>,
  unit: OrgUnit,
  kind: OrgUnitChangeKind,
  effectiveOn: string,
  by: string,
  values: Partial<Pick<OrgUnitChange, 'parentIdBefore' | 'parentIdAfter' | 'nameBefore' | 'nameAfter' | 'relatedOrgUnitId'>> = {},
): Promise<void> {
  const history = await ports.orgUnitChanges([unit.id]);
  assertChangeDate(unit, history, effectiveOn, today());
  await ports.appendOrgUnitChange({
    id: randomUUID(),
    orgUnitId: unit.id,
    sequence: history.length + 1,
    kind,
    effectiveOn,
    parentIdBefore: values.parentIdBefore ?? null,
    parentIdAfter: values.parentIdAfter ?? null,
    nameBefore: values.nameBefore ?? null,
    nameAfter: values.nameAfter ?? null,
    relatedOrgUnitId: values.relatedOrgUnitId ?? null,
    recordedBy: by,
  });
}

const closed = (unit: OrgUnit, field: string) =>
  new DomainError(
    'RULE_VIOLATION',
    { vi: 'Tổ chức đã giải thể hoặc sáp nhập', en: 'The unit is closed (dissolved or merged)' },
    { rule: 'T-2', field, orgUnitId: unit.id, validTo: unit.validTo },
  );

/** Create a tenant and its root committee (platform administrators only). */
export async function createTenant(principal: Principal, input: { name: string }, ports: MembershipPorts, tenantId: string): Promise<Tenant> {
  requireOperation(principal, 'createTenant');
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
  requireOperation(principal, 'createOrgUnit');
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
export async function renameOrgUnit(principal: Principal, input: { id: string; name: string; effectiveOn?: string | null }, ports: MembershipPorts): Promise<OrgUnit> {
  requireTenant(principal);
  requireOperation(principal, 'renameOrgUnit');
  const unit = await ports.findOrgUnit(input.id);
  if (!unit) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { orgUnitId: input.id });
  requireInScope(principal, unit.lineage, unit.id);
  const name = cleanName(input.name);
  if (name === unit.name) return unit;
  if (unit.validTo) throw closed(unit, 'id');
  const effectiveOn = input.effectiveOn ? parseDate(input.effectiveOn, 'effectiveOn') : today();
  await recordChange(ports, unit, OrgUnitChangeKind.RENAMED, effectiveOn, principal.subject, { nameBefore: unit.name, nameAfter: name });
  await ports.renameOrgUnit(unit.id, name, principal.subject);
  ports.publish({ type: 'OrgUnitRenamed', payload: { orgUnitId: unit.id, effectiveOn } });
  return { ...unit, name };
}

/** A unit receiving others on a date must have been founded by then. */
export function assertExistsOn(unit: OrgUnit, on: string, field: string): void {
  if (unit.parentId && unit.validFrom > on) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: `Tổ chức chưa được thành lập vào ngày ${on}`, en: `The unit did not exist yet on ${on}` },
      { rule: 'T-2', field, orgUnitId: unit.id, validFrom: unit.validFrom },
    );
  }
}

export const notFoundUnit = (id: string, field = 'orgUnitId') =>
  new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { field, orgUnitId: id });

/**
 * Move a unit under another parent (T-2): members, meetings and history go with it. The mover
 * must administer both the unit and its new parent; a unit cannot go under itself or below.
 */
export async function moveOrgUnit(principal: Principal, input: { id: string; newParentId: string; effectiveOn?: string }, ports: MembershipPorts): Promise<OrgUnit> {
  requireTenant(principal);
  requireOperation(principal, 'moveOrgUnit');
  const unit = await ports.findOrgUnit(input.id);
  if (!unit) throw notFoundUnit(input.id, 'id');
  const parent = await ports.findOrgUnit(input.newParentId);
  if (!parent) throw notFoundUnit(input.newParentId, 'newParentId');
  requireInScope(principal, unit.lineage, unit.id);
  requireInScope(principal, parent.lineage, parent.id);
  if (!unit.parentId) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Không thể chuyển đảng bộ cấp cao nhất', en: 'The root committee cannot move' }, { rule: 'T-2' });
  }
  if (parent.lineage.includes(unit.id)) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Không thể chuyển tổ chức vào chính cấp dưới của nó', en: 'A unit cannot move under itself or its own subtree' }, { rule: 'T-2', field: 'newParentId' });
  }
  if (unit.validTo) throw closed(unit, 'id');
  if (parent.validTo) throw closed(parent, 'newParentId');
  assertChildKindAllowed(parent.kind, unit.kind);
  if (unit.parentId === parent.id) return unit;
  const effectiveOn = input.effectiveOn ? parseDate(input.effectiveOn, 'effectiveOn') : today();
  assertExistsOn(parent, effectiveOn, 'newParentId');
  await recordChange(ports, unit, OrgUnitChangeKind.MOVED, effectiveOn, principal.subject, { parentIdBefore: unit.parentId, parentIdAfter: parent.id });
  await ports.moveSubtree(unit, parent, principal.subject);
  ports.publish({ type: 'OrgUnitMoved', payload: { orgUnitId: unit.id, fromParentId: unit.parentId, toParentId: parent.id, effectiveOn } });
  return { ...unit, parentId: parent.id, lineage: [...parent.lineage, unit.id] };
}

/**
 * Dissolve a unit (T-2): it keeps its history and stays queryable. Its members must have been
 * transferred first, so no one is left without a cell.
 */
export async function dissolveOrgUnit(principal: Principal, input: { id: string; effectiveOn?: string }, ports: MembershipPorts): Promise<OrgUnit> {
  requireTenant(principal);
  requireOperation(principal, 'dissolveOrgUnit');
  const unit = await ports.findOrgUnit(input.id);
  if (!unit) throw notFoundUnit(input.id, 'id');
  requireInScope(principal, unit.lineage, unit.id);
  if (!unit.parentId) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Không thể giải thể đảng bộ cấp cao nhất', en: 'The root committee cannot be dissolved' }, { rule: 'T-2' });
  }
  if (unit.validTo) return unit;
  const active = await ports.activeMembersInSubtree(unit);
  if (active > 0) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: `Còn ${active} đảng viên đang sinh hoạt: cần chuyển sinh hoạt trước khi giải thể`, en: `${active} members still belong here: transfer them first` },
      { rule: 'T-2', activeMembers: active },
    );
  }
  const effectiveOn = input.effectiveOn ? parseDate(input.effectiveOn, 'effectiveOn') : today();
  await recordChange(ports, unit, OrgUnitChangeKind.DISSOLVED, effectiveOn, principal.subject);
  await ports.dissolveOrgUnit(unit.id, effectiveOn, principal.subject);
  ports.publish({ type: 'OrgUnitDissolved', payload: { orgUnitId: unit.id, effectiveOn } });
  return { ...unit, validTo: effectiveOn };
}
