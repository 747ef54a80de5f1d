import { randomUUID } from 'node:crypto';
import { DomainError, MemberStatus as S, OrgUnitKind, PositionKind as P, nfc, type Principal } from '@chibo/domain';
import { parseDate, todayVn } from './dates';
import { canWriteMember } from './member-rules';
import { readableMember, type MemberPorts } from './members';

/** Chức vụ — a post a member holds in a unit, with dates (M-3). */
export interface Position {
  id: string;
  memberId: string;
  orgUnitId: string;
  kind: P;
  startsOn: string;
  /** Exclusive end; null while held. */
  endsOn: string | null;
  decisionNumber: string | null;
}

export interface PositionPorts extends MemberPorts {
  positionsOfMembers(memberIds: readonly string[]): Promise<Position[]>;
  positionsOfUnit(orgUnitId: string): Promise<Position[]>;
  findPosition(id: string): Promise<Position | null>;
  insertPosition(p: Position, by: string): Promise<void>;
  endPosition(id: string, endsOn: string, by: string): Promise<void>;
}

const rule = (vi: string, en: string, details: Record<string, unknown> = {}) => new DomainError('RULE_VIOLATION', { vi, en }, { rule: 'M-3', ...details });

export const heldOn = (p: Position, date: string) => p.startsOn <= date && (p.endsOn === null || p.endsOn > date);

/** Posts that a cell elects (chi ủy) need an official member; a unit has one secretary at a time. */
export function assertCanHold(kind: P, status: S, unitKind: OrgUnitKind, heldInUnit: readonly Position[], memberId: string): void {
  const cellPost = kind !== P.GROUP_LEADER;
  if (cellPost && unitKind !== OrgUnitKind.CELL && unitKind !== OrgUnitKind.BASE_CELL) {
    throw rule('Chức vụ chi ủy thuộc về chi bộ', 'Cell committee posts belong to a cell', { field: 'orgUnitId' });
  }
  if (!cellPost && unitKind !== OrgUnitKind.PARTY_GROUP) throw rule('Tổ trưởng thuộc về tổ đảng', 'A group leader belongs to a party group', { field: 'orgUnitId' });
  if (cellPost && status !== S.OFFICIAL) throw rule('Chỉ đảng viên chính thức giữ chức vụ chi ủy', 'Only official members hold cell committee posts', { status });
  if (!cellPost && status !== S.OFFICIAL && status !== S.PROBATIONARY) throw rule('Đảng viên không còn sinh hoạt', 'The member is not active', { status });
  if (heldInUnit.some((p) => p.memberId === memberId && p.kind === kind)) throw rule('Đảng viên đang giữ chức vụ này', 'The member already holds this post', { kind });
  const single = kind === P.SECRETARY || kind === P.GROUP_LEADER;
  if (single && heldInUnit.some((p) => p.kind === kind)) throw rule('Tổ chức đã có người giữ chức vụ này', 'Someone already holds this post in the unit', { kind });
}

export interface AssignPositionCommand {
  memberId: string;
  kind: P;
  orgUnitId?: string | null;
  startsOn: string;
  decisionNumber?: string | null;
}

/** Assign a post from a date: in the member's cell, or (group leader) in a party group of it. */
export async function assignPosition(principal: Principal, input: AssignPositionCommand, ports: PositionPorts, now = new Date()): Promise<Position> {
  const { member, cell } = await readableMember(principal, ports, input.memberId);
  if (!canWriteMember(principal, cell.lineage)) throw new DomainError('FORBIDDEN');
  const startsOn = parseDate(input.startsOn, 'startsOn');
  if (startsOn > todayVn(now)) throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày nhận chức không thể ở tương lai', en: 'The start cannot be in the future' }, { field: 'startsOn', rule: 'M-3' });
  const unit = input.orgUnitId ? await ports.findOrgUnit(input.orgUnitId) : cell;
  if (!unit || !(unit.id === cell.id || unit.parentId === cell.id)) {
    throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức trong chi bộ của đảng viên', en: 'No such unit in the member’s cell' }, { field: 'orgUnitId' });
  }
  const held = (await ports.positionsOfUnit(unit.id)).filter((p) => heldOn(p, startsOn) || p.startsOn > startsOn);
  assertCanHold(input.kind, member.status, unit.kind, held, member.id);
  const position: Position = {
    id: randomUUID(),
    memberId: member.id,
    orgUnitId: unit.id,
    kind: input.kind,
    startsOn,
    endsOn: null,
    decisionNumber: input.decisionNumber ? nfc(input.decisionNumber) || null : null,
  };
  await ports.insertPosition(position, principal.subject);
  ports.publish({ type: 'MemberRecordChanged', payload: { memberId: position.memberId, aspect: 'POSITION' } });
  return position;
}

/** End a post from a date (the day it is no longer held). */
export async function endPosition(principal: Principal, input: { positionId: string; endsOn: string }, ports: PositionPorts, now = new Date()): Promise<Position> {
  const position = await ports.findPosition(input.positionId);
  const unit = position ? await ports.findOrgUnit(position.orgUnitId) : null;
  if (!position || !unit || !canWriteMember(principal, unit.lineage)) {
    throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy chức vụ', en: 'Position not found' }, { positionId: input.positionId });
  }
  const endsOn = parseDate(input.endsOn, 'endsOn');
  if (position.endsOn) throw new DomainError('CONFLICT', { vi: 'Chức vụ đã kết thúc', en: 'The post has already ended' }, { rule: 'M-3' });
  if (endsOn <= position.startsOn || endsOn > todayVn(now)) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày thôi giữ chức phải sau ngày nhận và không ở tương lai', en: 'The end lies after the start and not in the future' }, { field: 'endsOn' });
  }
  await ports.endPosition(position.id, endsOn, principal.subject);
  ports.publish({ type: 'MemberRecordChanged', payload: { memberId: position.memberId, aspect: 'POSITION' } });
  return { ...position, endsOn };
}

/** D-8: a REMOVAL_FROM_POST (or an expulsion) ends every post the member holds from its date. */
export async function endAllPositions(ports: PositionPorts, memberId: string, endsOn: string, by: string): Promise<number> {
  const open = (await ports.positionsOfMembers([memberId])).filter((p) => p.endsOn === null);
  for (const p of open) await ports.endPosition(p.id, endsOn > p.startsOn ? endsOn : p.startsOn, by);
  if (open.length) ports.publish({ type: 'MemberRecordChanged', payload: { memberId, aspect: 'POSITION' } });
  return open.length;
}
