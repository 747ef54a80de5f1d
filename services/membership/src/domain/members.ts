import { randomUUID } from 'node:crypto';
import {
  DomainError,
  Gender,
  MEETING_HOLDING_KINDS,
  MemberEventKind as E,
  MemberStatus as S,
  RemovalGround,
  nfc,
  requireTenant,
  type DomainEvent,
  type Principal,
} from '@chibo/domain';
import { parseDate, todayVn, wholeMonthsBetween } from './dates';
import {
  assertAdmissionAge,
  assertExemption,
  assertExemptionEnds,
  assertInOrder,
  assertIntroducers,
  assertOnRolls,
  assertRecognition,
  canReadMember,
  canWriteMember,
  cleanCitizenId,
  deriveState,
  MIN_AGE_MONTHS,
  probationEndsOn,
  searchKey,
  type LifecycleFact,
} from './member-rules';
import { cleanName } from './org-unit-rules';
import type { OrgUnit } from './org-units';

/** Đảng viên — a party member as the rules see them (M-3); `citizenId` is in clear here only. */
export interface Member {
  id: string;
  tenantId: string;
  fullName: string;
  searchKey: string;
  dateOfBirth: string;
  gender: Gender;
  citizenId: string | null;
  partyCardNumber: string | null;
  fileNumber: string | null;
  /** Derived from the events (M-10), kept on the record for search. */
  status: S;
  cellId: string;
  admittedOn: string | null;
  officialOn: string | null;
}

/** One row of a member's history (M-10): what, from when, by whom, by which decision. */
export interface MemberEvent extends LifecycleFact {
  id: string;
  memberId: string;
  decisionNumber: string | null;
  decisionDate: string | null;
  reason: string | null;
  ground: RemovalGround | null;
  /** What caused it when another service did (a discipline case id). */
  sourceRef: string | null;
  /** The cell before a transfer (M-8). */
  fromCellId?: string | null;
  recordedBy: string;
  recordedAt?: Date;
}

export interface MemberPorts {
  findOrgUnit(id: string): Promise<OrgUnit | null>;
  findMember(id: string): Promise<Member | null>;
  findMembers(ids: readonly string[]): Promise<Member[]>;
  memberEvents(memberIds: readonly string[]): Promise<MemberEvent[]>;
  cardNumberTaken(cardNumber: string): Promise<boolean>;
  insertMember(member: Member, by: string): Promise<void>;
  updateMemberState(member: Member, by: string): Promise<void>;
  appendEvent(event: MemberEvent): Promise<void>;
  publish(event: DomainEvent): void;
}

const memberNotFound = (id: string) => new DomainError('NOT_FOUND', { vi: 'Không tìm thấy đảng viên', en: 'Member not found' }, { memberId: id });
const cellNotFound = (field: string) => new DomainError('NOT_FOUND', { vi: 'Không tìm thấy chi bộ', en: 'Cell not found' }, { field });

export const optionalText = (raw: string | null | undefined, field: string, max = 100): string | null => {
  if (raw == null) return null;
  const v = nfc(raw);
  if (!v) return null;
  if (v.length > max) throw new DomainError('BAD_USER_INPUT', { vi: `Quá dài: ${field}`, en: `Too long: ${field}` }, { field });
  return v;
};

/** A cell the principal may write to; out of scope looks like absent (no probing ids). */
export async function writableCell(principal: Principal, ports: MemberPorts, cellId: string, field = 'cellId'): Promise<OrgUnit> {
  const cell = await ports.findOrgUnit(cellId);
  if (!cell || !canWriteMember(principal, cell.lineage)) {
    if (cell && canReadMemberCell(principal, cell)) throw new DomainError('FORBIDDEN');
    throw cellNotFound(field);
  }
  if (!MEETING_HOLDING_KINDS.includes(cell.kind)) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Đảng viên sinh hoạt tại chi bộ', en: 'Members belong to a cell' }, { rule: 'T-2', field, kind: cell.kind });
  }
  return cell;
}

const canReadMemberCell = (principal: Principal, cell: OrgUnit) => canReadMember(principal, cell.lineage, '');

/** Load a member the principal may read, with their cell; absent and out of scope look alike. */
export async function readableMember(principal: Principal, ports: MemberPorts, memberId: string): Promise<{ member: Member; cell: OrgUnit }> {
  requireTenant(principal);
  const member = await ports.findMember(memberId);
  const cell = member ? await ports.findOrgUnit(member.cellId) : null;
  if (!member || !cell || !canReadMember(principal, cell.lineage, member.id)) throw memberNotFound(memberId);
  return { member, cell };
}

async function writableMember(principal: Principal, ports: MemberPorts, memberId: string) {
  const { member, cell } = await readableMember(principal, ports, memberId);
  if (!canWriteMember(principal, cell.lineage)) throw new DomainError('FORBIDDEN');
  return { member, cell };
}

interface IdentityInput {
  fullName: string;
  dateOfBirth: string;
  gender: Gender;
  citizenId?: string | null;
  partyCardNumber?: string | null;
  fileNumber?: string | null;
}

async function identity(input: IdentityInput, ports: MemberPorts) {
  const fullName = cleanName(input.fullName, 'fullName');
  const dateOfBirth = parseDate(input.dateOfBirth, 'dateOfBirth');
  const partyCardNumber = optionalText(input.partyCardNumber, 'partyCardNumber', 30);
  if (partyCardNumber && (await ports.cardNumberTaken(partyCardNumber))) {
    throw new DomainError('CONFLICT', { vi: 'Số thẻ đảng viên đã có trong đảng bộ', en: 'This party card number is already registered' }, { field: 'partyCardNumber', rule: 'M-3' });
  }
  return {
    fullName,
    searchKey: searchKey(fullName),
    dateOfBirth,
    gender: input.gender,
    citizenId: cleanCitizenId(input.citizenId),
    partyCardNumber,
    fileNumber: optionalText(input.fileNumber, 'fileNumber', 30),
  };
}

interface DecisionInput {
  decisionNumber?: string | null;
  decisionDate?: string | null;
}

type EventDetails = DecisionInput & { reason?: string | null; ground?: RemovalGround | null; sourceRef?: string | null; cellId?: string; fromCellId?: string | null };

export function eventOf(member: Member, kind: E, effectiveOn: string, by: string, seq: number, d: EventDetails = {}): MemberEvent {
  return {
    id: randomUUID(),
    memberId: member.id,
    kind,
    effectiveOn,
    sequence: seq,
    cellId: d.cellId ?? member.cellId,
    fromCellId: d.fromCellId ?? null,
    decisionNumber: optionalText(d.decisionNumber, 'decisionNumber', 50),
    decisionDate: d.decisionDate ? parseDate(d.decisionDate, 'decisionDate') : null,
    reason: optionalText(d.reason, 'reason', 1000),
    ground: d.ground ?? null,
    sourceRef: d.sourceRef ?? null,
    recordedBy: by,
  };
}

/** A lifecycle change records a decision that has taken effect: never a date ahead of today. */
export function notInFuture(date: string, field: string, now: Date, rule = 'M-10'): string {
  parseDate(date, field);
  if (date > todayVn(now)) {
    throw new DomainError('BAD_USER_INPUT', { vi: `Ngày hiệu lực không thể ở tương lai (${rule})`, en: `The effective date cannot be in the future (${rule})` }, { field, rule });
  }
  return date;
}

export interface AdmitMemberCommand extends IdentityInput, DecisionInput {
  cellId: string;
  /** Ngày chi bộ xét kết nạp — the age is counted on this day (M-1). */
  consideredOn: string;
  /** Ngày lễ kết nạp — probation runs from here (M-2). */
  admittedOn: string;
  introducerIds: string[];
  higherCommitteeDecision?: string | null;
}

/** M-1: admit an applicant as a probationary member of a cell. */
export async function admitMember(principal: Principal, input: AdmitMemberCommand, ports: MemberPorts, now = new Date()): Promise<Member> {
  const tenantId = requireTenant(principal);
  const cell = await writableCell(principal, ports, input.cellId);
  const consideredOn = parseDate(input.consideredOn, 'consideredOn');
  const admittedOn = notInFuture(input.admittedOn, 'admittedOn', now, 'M-1');
  if (admittedOn < consideredOn) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày kết nạp không thể trước ngày chi bộ xét', en: 'Admission cannot precede consideration' }, { field: 'admittedOn', rule: 'M-1' });
  }
  const who = await identity(input, ports);
  assertAdmissionAge(who.dateOfBirth, consideredOn, input.higherCommitteeDecision);
  const requested = [...new Set(input.introducerIds)];
  const introducers = await ports.findMembers(requested);
  const history = await ports.memberEvents(introducers.map((m) => m.id));
  assertIntroducers(
    introducers.map((m) => ({ id: m.id, status: deriveState(history.filter((e) => e.memberId === m.id), consideredOn).status })),
    requested,
  );
  const member: Member = { id: randomUUID(), tenantId, ...who, status: S.PROBATIONARY, cellId: cell.id, admittedOn, officialOn: null };
  await ports.insertMember(member, principal.subject);
  const reason = input.higherCommitteeDecision ? `Quyết định của cấp ủy cấp trên: ${nfc(input.higherCommitteeDecision)}` : null;
  await ports.appendEvent({ ...eventOf(member, E.ADMITTED, admittedOn, principal.subject, 1, { ...input, reason }) });
  ports.publish({ type: 'MemberAdmitted', payload: { memberId: member.id, cellId: cell.id, status: S.PROBATIONARY, effectiveOn: admittedOn } });
  return member;
}

export interface RegisterMemberCommand extends IdentityInput {
  cellId: string;
  status: S.PROBATIONARY | S.OFFICIAL;
  admittedOn: string;
  officialOn?: string | null;
}

/**
 * Put a member who already belongs to the party on the register (the committees' existing
 * files): the dates they hold are recorded as they are; the rules of M-2 still apply to them.
 */
export async function registerMember(principal: Principal, input: RegisterMemberCommand, ports: MemberPorts, now = new Date()): Promise<Member> {
  const tenantId = requireTenant(principal);
  if (input.status !== S.OFFICIAL && input.status !== S.PROBATIONARY) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Chỉ đưa vào sổ đảng viên dự bị hoặc chính thức', en: 'Only probationary or official members are registered' }, { field: 'status' });
  }
  const cell = await writableCell(principal, ports, input.cellId);
  const admittedOn = notInFuture(input.admittedOn, 'admittedOn', now, 'M-1');
  let officialOn: string | null = null;
  if (input.status === S.OFFICIAL) {
    if (!input.officialOn) throw new DomainError('BAD_USER_INPUT', { vi: 'Thiếu ngày chính thức', en: 'An official member needs an official date' }, { field: 'officialOn', rule: 'M-2' });
    officialOn = notInFuture(input.officialOn, 'officialOn', now, 'M-2');
    if (officialOn < probationEndsOn(admittedOn)) {
      throw new DomainError('RULE_VIOLATION', { vi: 'Ngày chính thức phải sau 12 tháng dự bị', en: 'Official status comes after 12 months of probation' }, { rule: 'M-2', field: 'officialOn' });
    }
  }
  const who = await identity(input, ports);
  if (wholeMonthsBetween(who.dateOfBirth, admittedOn) < MIN_AGE_MONTHS) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Ngày vào Đảng phải sau khi đủ 18 tuổi', en: 'Admission date must be after the 18th birthday' }, { rule: 'M-1', field: 'admittedOn' });
  }
  const status = officialOn ? S.OFFICIAL : S.PROBATIONARY;
  const member: Member = { id: randomUUID(), tenantId, ...who, status, cellId: cell.id, admittedOn, officialOn };
  await ports.insertMember(member, principal.subject);
  await ports.appendEvent({ ...eventOf(member, E.REGISTERED, admittedOn, principal.subject, 1), registeredStatus: status, admittedOn, officialOn });
  // Told as it happened, so a roll kept from events is right on past dates too.
  ports.publish({ type: 'MemberAdmitted', payload: { memberId: member.id, cellId: cell.id, status: S.PROBATIONARY, effectiveOn: admittedOn } });
  if (officialOn) ports.publish({ type: 'MemberStatusChanged', payload: { memberId: member.id, cellId: cell.id, status: S.OFFICIAL, effectiveOn: officialOn } });
  return member;
}

/** Append one lifecycle event to a member after its rule passed, and refresh the derived state. */
async function appendLifecycle(
  principal: Principal,
  ports: MemberPorts,
  memberId: string,
  kind: E,
  effectiveOn: string,
  check: (state: ReturnType<typeof deriveState>) => void,
  d: EventDetails = {},
): Promise<Member> {
  const { member } = await writableMember(principal, ports, memberId);
  return applyEvent(ports, member, kind, effectiveOn, principal.subject, check, d);
}

/** The shared tail of every lifecycle change; also used by event handlers (no principal). */
export async function applyEvent(
  ports: MemberPorts,
  member: Member,
  kind: E,
  effectiveOn: string,
  by: string,
  check: (state: ReturnType<typeof deriveState>) => void,
  d: EventDetails = {},
  opts: { backdated?: boolean } = {},
): Promise<Member> {
  const history = await ports.memberEvents([member.id]);
  // A decision another service took stands as dated, even if it predates our latest entry.
  if (!opts.backdated) assertInOrder(history, effectiveOn);
  check(deriveState(history));
  const event = eventOf(member, kind, effectiveOn, by, history.length + 1, d);
  await ports.appendEvent(event);
  const state = deriveState([...history, event]);
  const updated: Member = { ...member, status: state.status ?? member.status, cellId: state.cellId ?? member.cellId, admittedOn: state.admittedOn, officialOn: state.officialOn };
  await ports.updateMemberState(updated, by);
  if (updated.status !== member.status) {
    ports.publish({ type: 'MemberStatusChanged', payload: { memberId: member.id, cellId: updated.cellId, status: updated.status, effectiveOn } });
  }
  return updated;
}

export interface LifecycleCommand extends DecisionInput {
  memberId: string;
  effectiveOn: string;
  reason?: string | null;
}

/** M-2: recognise a probationary member as official, by a cell vote, once 12 months are over. */
export function recogniseMember(principal: Principal, input: LifecycleCommand, ports: MemberPorts, now = new Date()): Promise<Member> {
  const on = notInFuture(input.effectiveOn, 'effectiveOn', now, 'M-2');
  return appendLifecycle(principal, ports, input.memberId, E.RECOGNISED, on, (s) => assertRecognition(s.status, s.admittedOn, on), input);
}

/** M-4: exempt an official member from work and activity, on their request, by the cell. */
export function exemptMember(principal: Principal, input: LifecycleCommand, ports: MemberPorts, now = new Date()): Promise<Member> {
  const on = notInFuture(input.effectiveOn, 'effectiveOn', now, 'M-4');
  return appendLifecycle(principal, ports, input.memberId, E.EXEMPTED, on, (s) => assertExemption(s.status, input.reason ?? ''), input);
}

/** M-4: the exemption ends (by the cell's decision): the member is back in the status held before. */
export function endExemption(principal: Principal, input: LifecycleCommand, ports: MemberPorts, now = new Date()): Promise<Member> {
  const on = notInFuture(input.effectiveOn, 'effectiveOn', now, 'M-4');
  return appendLifecycle(principal, ports, input.memberId, E.EXEMPTION_ENDED, on, (s) => assertExemptionEnds(s.status), input);
}

/** M-6: remove from the rolls on one of the five grounds (not a discipline form). */
export function removeMember(principal: Principal, input: LifecycleCommand & { ground: RemovalGround }, ports: MemberPorts, now = new Date()): Promise<Member> {
  const on = notInFuture(input.effectiveOn, 'effectiveOn', now, 'M-6');
  if (!Object.values(RemovalGround).includes(input.ground)) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Căn cứ xóa tên không hợp lệ', en: 'Not one of the five grounds of removal' }, { rule: 'M-6', field: 'ground' });
  }
  return appendLifecycle(principal, ports, input.memberId, E.REMOVED, on, (s) => assertOnRolls(s.status, 'M-6'), input);
}

/** Record a member's death (từ trần). */
export function recordDeath(principal: Principal, input: LifecycleCommand, ports: MemberPorts, now = new Date()): Promise<Member> {
  const on = notInFuture(input.effectiveOn, 'effectiveOn', now, 'M-10');
  return appendLifecycle(principal, ports, input.memberId, E.DECEASED, on, (s) => assertOnRolls(s.status, 'M-10'), input);
}
