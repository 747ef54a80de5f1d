import {
  DomainError,
  MEETING_HOLDING_KINDS,
  MemberEventKind as E,
  OrgUnitKind as K,
  TransferKind,
  nfc,
  requireInScope,
  requireOperation,
  requireTenant,
  type Principal,
} from '@chibo/domain';
import { parseDate, todayVn } from './dates';
import { assertOnRolls } from './member-rules';
import { applyEvent, type Member } from './members';
import { OrgUnitChangeKind } from './org-unit-history';
import { assertChildKindAllowed } from './org-unit-rules';
import { assertExistsOn, notFoundUnit, recordChange, type MembershipPorts, type OrgUnit } from './org-units';
import type { PositionPorts } from './positions';

/**
 * Which kind of unit may be merged into which (T-2): cells with cells (a base cell and a cell
 * under a committee both hold members), committees with committees, party groups with party
 * groups. A cell into a committee would leave its members without a cell.
 */
const MERGES_INTO: Record<K, K[]> = {
  [K.COMMITTEE]: [K.COMMITTEE],
  [K.BASE_CELL]: [K.BASE_CELL, K.CELL],
  [K.CELL]: [K.CELL, K.BASE_CELL],
  [K.PARTY_GROUP]: [K.PARTY_GROUP],
};

const t2 = (vi: string, en: string, details: Record<string, unknown> = {}) => new DomainError('RULE_VIOLATION', { vi, en }, { rule: 'T-2', ...details });

export function assertMergeable(unit: OrgUnit, into: OrgUnit): void {
  if (!unit.parentId) throw t2('Không thể sáp nhập đảng bộ cấp cao nhất', 'The root committee cannot be merged', { field: 'id' });
  if (unit.id === into.id) throw t2('Không thể sáp nhập tổ chức vào chính nó', 'A unit cannot be merged into itself', { field: 'intoId' });
  if (into.lineage.includes(unit.id)) {
    throw t2('Không thể sáp nhập tổ chức vào tổ chức cấp dưới của nó', 'A unit cannot be merged into a unit of its own subtree', { field: 'intoId' });
  }
  for (const [u, field] of [[unit, 'id'], [into, 'intoId']] as const) {
    if (u.validTo) throw t2('Tổ chức đã giải thể hoặc sáp nhập', 'The unit is closed (dissolved or merged)', { field, orgUnitId: u.id, validTo: u.validTo });
  }
  if (!MERGES_INTO[unit.kind].includes(into.kind)) {
    throw t2(`Không thể sáp nhập ${unit.kind} vào ${into.kind}`, `A ${unit.kind} cannot be merged into a ${into.kind}`, { field: 'intoId', kind: unit.kind, intoKind: into.kind });
  }
}

export interface MergePorts {
  units: MembershipPorts;
  members: PositionPorts & { onRollMembersOf(cellId: string): Promise<Member[]> };
}

export interface MergeOrgUnitCommand {
  id: string;
  intoId: string;
  effectiveOn?: string | null;
  decisionNumber?: string | null;
}

/**
 * Merge a unit into another (sáp nhập, T-2). From `effectiveOn` its members are on the other
 * unit's roll (each move is a dated event, so the roll of either cell on an earlier date is
 * unchanged), its open child units go under the other unit, and its posts end. The merged unit is
 * closed, not deleted: it stays queryable with everything recorded against it.
 */
export async function mergeOrgUnit(principal: Principal, input: MergeOrgUnitCommand, ports: MergePorts, now = new Date()): Promise<{ merged: OrgUnit; into: OrgUnit; movedMembers: number }> {
  requireTenant(principal);
  requireOperation(principal, 'mergeOrgUnit');
  const { units, members } = ports;
  const unit = await units.findOrgUnit(input.id);
  if (!unit) throw notFoundUnit(input.id, 'id');
  const into = await units.findOrgUnit(input.intoId);
  if (!into) throw notFoundUnit(input.intoId, 'intoId');
  requireInScope(principal, unit.lineage, unit.id);
  requireInScope(principal, into.lineage, into.id);
  assertMergeable(unit, into);
  const effectiveOn = input.effectiveOn ? parseDate(input.effectiveOn, 'effectiveOn') : todayVn(now);
  assertExistsOn(into, effectiveOn, 'intoId');
  const by = principal.subject;
  const decisionNumber = input.decisionNumber ? nfc(input.decisionNumber) || null : null;

  // The merged unit's own change first: its date rules (not in the future, in order) guard the rest.
  await recordChange(units, unit, OrgUnitChangeKind.MERGED, effectiveOn, by, { parentIdBefore: unit.parentId, parentIdAfter: unit.parentId, relatedOrgUnitId: into.id });

  for (const child of (await units.children(unit.id)).filter((c) => !c.validTo)) {
    assertChildKindAllowed(into.kind, child.kind);
    await recordChange(units, child, OrgUnitChangeKind.MOVED, effectiveOn, by, { parentIdBefore: unit.id, parentIdAfter: into.id, relatedOrgUnitId: unit.id });
    await units.moveSubtree(child, into, by);
  }

  let movedMembers = 0;
  if (MEETING_HOLDING_KINDS.includes(unit.kind)) {
    for (const member of await members.onRollMembersOf(unit.id)) {
      await applyEvent(members, member, E.TRANSFERRED, effectiveOn, by, (s) => assertOnRolls(s.status, 'T-2'), {
        cellId: into.id,
        fromCellId: unit.id,
        decisionNumber,
        reason: 'Sáp nhập chi bộ',
        sourceRef: `merge:${unit.id}`,
      });
      members.publish({ type: 'MemberTransferred', payload: { memberId: member.id, fromCellId: unit.id, toCellId: into.id, kind: TransferKind.OFFICIAL, effectiveOn, until: null } });
      movedMembers += 1;
    }
  }

  // Posts of a unit that no longer exists end with it (M-3 keeps them in the history).
  for (const post of (await members.positionsOfUnit(unit.id)).filter((p) => p.endsOn === null)) {
    await members.endPosition(post.id, effectiveOn > post.startsOn ? effectiveOn : post.startsOn, by);
  }

  await units.closeAsMerged(unit.id, into.id, effectiveOn, by);
  units.publish({ type: 'OrgUnitMerged', payload: { orgUnitId: unit.id, intoOrgUnitId: into.id, effectiveOn } });
  return { merged: { ...unit, validTo: effectiveOn, mergedIntoId: into.id }, into, movedMembers };
}
