import { randomUUID } from 'node:crypto';
import {
  DomainError,
  Gender,
  MemberEventKind as E,
  MemberStatus as S,
  Role,
  TransferKind,
  TransferLetterStatus as L,
  hasRole,
  requireRole,
  requireOperation,
  requireTenant,
  type Principal,
} from '@chibo/domain';
import { todayVn } from './dates';
import { assertInOrder, assertOnRolls, canWriteMember, searchKey } from './member-rules';
import { applyEvent, eventOf, notInFuture, optionalText, readableMember, writableCell, type Member } from './members';
import { endAllPositions, type PositionPorts } from './positions';

export enum LetterDirection {
  /** Giấy giới thiệu đi — this tenant sent it */
  OUTGOING = 'OUTGOING',
  /** Giấy giới thiệu đến — this tenant received it */
  INCOMING = 'INCOMING',
}

/**
 * Giấy giới thiệu sinh hoạt đảng — the letter with which a member moves to another tenant (M-8).
 * Each side keeps its own copy (same id): what the letter says, and that side's decision.
 */
export interface TransferLetter {
  id: string;
  direction: LetterDirection;
  counterpartTenantId: string;
  counterpartTenantName: string;
  status: L;
  letterNumber: string;
  issuedOn: string;
  fromCellName: string;
  memberId: string | null;
  fullName: string;
  dateOfBirth: string;
  gender: Gender;
  citizenId: string | null;
  partyCardNumber: string | null;
  fileNumber: string | null;
  listPosition: string | null;
  registerNumber: string | null;
  memberStatus: S.PROBATIONARY | S.OFFICIAL;
  admittedOn: string | null;
  officialOn: string | null;
  issuedBy: string;
  decidedOn: string | null;
  decidedBy: string | null;
  rejectionReason: string | null;
  receivingCellId: string | null;
}

export interface LetterDecision {
  status: L;
  decidedOn: string;
  decidedBy: string;
  rejectionReason?: string | null;
  receivingCellId?: string | null;
  memberId?: string | null;
}

export interface LetterPorts extends PositionPorts {
  tenantName(): Promise<string | null>;
  tenantRootId(): Promise<string | null>;
  findLetter(id: string, direction: LetterDirection): Promise<TransferLetter | null>;
  pendingLetterOf(memberId: string): Promise<TransferLetter | null>;
  insertLetter(letter: TransferLetter): Promise<void>;
  decideLetter(id: string, direction: LetterDirection, d: LetterDecision): Promise<void>;
}

/**
 * The one crossing between tenants (T-1): run work on the other tenant's side, in the same
 * transaction, with that tenant's storage.
 */
export type OtherTenant = <T>(tenantId: string, work: (ports: LetterPorts) => Promise<T>) => Promise<T>;

const m8 = (code: 'RULE_VIOLATION' | 'CONFLICT', vi: string, en: string, details: Record<string, unknown> = {}) => new DomainError(code, { vi, en }, { rule: 'M-8', ...details });
const letterNotFound = (id: string) => new DomainError('NOT_FOUND', { vi: 'Không tìm thấy giấy giới thiệu', en: 'Transfer letter not found' }, { letterId: id });

/** Letters are the organisation department's work: the city's administrators and committee staff. */
const LETTER_ROLES = [Role.CITY_ADMIN, Role.COMMITTEE_STAFF];

/**
 * Incoming letters are addressed to the tenant, not to a unit, and carry a person's identity:
 * only staff who work for the whole tenant (its root committee) see and decide them.
 */
export function handlesIncomingLetters(principal: Principal, rootOrgUnitId: string | null): boolean {
  if (!hasRole(principal, ...LETTER_ROLES)) return false;
  return !principal.scopeOrgUnitId ? hasRole(principal, Role.CITY_ADMIN) : principal.scopeOrgUnitId === rootOrgUnitId;
}

/** The citizen id on a letter is in clear for the staff who handle letters. */
export function canHandleLetters(principal: Principal): boolean {
  return hasRole(principal, ...LETTER_ROLES);
}

export interface IssueTransferLetterCommand {
  memberId: string;
  toTenantId: string;
  letterNumber: string;
  issuedOn?: string | null;
  listPosition?: string | null;
  registerNumber?: string | null;
}

/**
 * M-8 across tenants: the sending tenant issues a letter with its numbers to the receiving tenant.
 * The member stays on the sender's roll until the receiver accepts; a member has one letter
 * pending at a time.
 */
export async function issueTransferLetter(principal: Principal, input: IssueTransferLetterCommand, ports: LetterPorts, other: OtherTenant, now = new Date()): Promise<TransferLetter> {
  const tenantId = requireTenant(principal);
  requireOperation(principal, 'issueTransferLetter');
  const { member, cell } = await readableMember(principal, ports, input.memberId);
  if (!canWriteMember(principal, cell.lineage)) throw new DomainError('FORBIDDEN');
  if (input.toTenantId === tenantId) {
    throw m8('RULE_VIOLATION', 'Chuyển sinh hoạt trong đảng bộ dùng quyết định chuyển, không dùng giấy giới thiệu', 'Within the tenant, use a transfer, not a letter', { field: 'toTenantId' });
  }
  if (member.status !== S.PROBATIONARY && member.status !== S.OFFICIAL) {
    throw m8('RULE_VIOLATION', 'Chỉ giới thiệu sinh hoạt cho đảng viên dự bị hoặc chính thức đang sinh hoạt', 'Only a probationary or official member on the rolls can be transferred', { status: member.status });
  }
  if (await ports.pendingLetterOf(member.id)) {
    throw m8('CONFLICT', 'Đảng viên đang có giấy giới thiệu chờ bên nhận xem xét', 'The member already has a letter awaiting the receiver', { field: 'memberId' });
  }
  const issuedOn = notInFuture(input.issuedOn ?? todayVn(now), 'issuedOn', now, 'M-8');
  assertInOrder(await ports.memberEvents([member.id]), issuedOn);
  const letterNumber = optionalText(input.letterNumber, 'letterNumber', 50);
  if (!letterNumber) throw new DomainError('BAD_USER_INPUT', { vi: 'Thiếu số giấy giới thiệu', en: 'The letter needs its number' }, { field: 'letterNumber', rule: 'M-8' });
  const senderName = (await ports.tenantName()) ?? '';
  const letter: TransferLetter = {
    id: randomUUID(),
    direction: LetterDirection.OUTGOING,
    counterpartTenantId: input.toTenantId,
    counterpartTenantName: '',
    status: L.PENDING,
    letterNumber,
    issuedOn,
    fromCellName: cell.name,
    memberId: member.id,
    fullName: member.fullName,
    dateOfBirth: member.dateOfBirth,
    gender: member.gender,
    citizenId: member.citizenId,
    partyCardNumber: member.partyCardNumber,
    fileNumber: member.fileNumber,
    listPosition: optionalText(input.listPosition, 'listPosition', 30),
    registerNumber: optionalText(input.registerNumber, 'registerNumber', 30),
    memberStatus: member.status,
    admittedOn: member.admittedOn,
    officialOn: member.officialOn,
    issuedBy: principal.subject,
    decidedOn: null,
    decidedBy: null,
    rejectionReason: null,
    receivingCellId: null,
  };
  // The receiver gets the letter's fields only: no id of the sender's member or tree.
  const receiverName = await other(input.toTenantId, async (receiver) => {
    const name = await receiver.tenantName();
    if (name === null) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy đảng bộ nhận', en: 'Receiving tenant not found' }, { field: 'toTenantId' });
    await receiver.insertLetter({ ...letter, direction: LetterDirection.INCOMING, counterpartTenantId: tenantId, counterpartTenantName: senderName, memberId: null });
    receiver.publish({ type: 'TransferLetterChanged', payload: { letterId: letter.id, direction: 'INCOMING', status: 'PENDING', memberId: null } });
    return name;
  });
  const outgoing = { ...letter, counterpartTenantName: receiverName };
  await ports.insertLetter(outgoing);
  ports.publish({ type: 'TransferLetterChanged', payload: { letterId: letter.id, direction: 'OUTGOING', status: 'PENDING', memberId: member.id } });
  return outgoing;
}

/** An incoming letter still waiting for this tenant's decision. */
async function pendingIncoming(principal: Principal, ports: LetterPorts, letterId: string): Promise<TransferLetter> {
  requireTenant(principal);
  requireRole(principal, ...LETTER_ROLES);
  // Only the receiver holds an INCOMING copy: the sender and any third tenant find nothing, and
  // staff of a part of the receiving tenant are not told it exists.
  const letter = await ports.findLetter(letterId, LetterDirection.INCOMING);
  if (!letter || !handlesIncomingLetters(principal, await ports.tenantRootId())) throw letterNotFound(letterId);
  if (letter.status !== L.PENDING) {
    throw m8('CONFLICT', 'Giấy giới thiệu đã được xem xét', 'The letter has already been decided', { status: letter.status });
  }
  return letter;
}

/** The sender's side of a decision: its copy must still be pending (else the hand-off is broken). */
async function senderCopy(sender: LetterPorts, letterId: string): Promise<TransferLetter> {
  const out = await sender.findLetter(letterId, LetterDirection.OUTGOING);
  if (!out || out.status !== L.PENDING || !out.memberId) {
    throw m8('CONFLICT', 'Bên gửi không còn giữ giấy giới thiệu này', 'The sender no longer holds this letter as pending', { letterId });
  }
  return out;
}

export interface AcceptTransferLetterCommand {
  letterId: string;
  cellId: string;
  acceptedOn?: string | null;
}

/**
 * The receiver accepts (M-8): the member is created on the chosen cell with the identity, status
 * and dates on the letter; in the same transaction the sender's member becomes a tombstone
 * (TRANSFERRED_OUT, still readable by the sender) and leaves the sender's roll.
 */
export async function acceptTransferLetter(
  principal: Principal,
  input: AcceptTransferLetterCommand,
  ports: LetterPorts,
  other: OtherTenant,
  now = new Date(),
): Promise<{ letter: TransferLetter; member: Member }> {
  const tenantId = requireTenant(principal);
  const letter = await pendingIncoming(principal, ports, input.letterId);
  const cell = await writableCell(principal, ports, input.cellId);
  const acceptedOn = notInFuture(input.acceptedOn ?? todayVn(now), 'acceptedOn', now, 'M-8');
  if (acceptedOn < letter.issuedOn) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày tiếp nhận không thể trước ngày cấp giấy', en: 'Acceptance cannot precede the letter' }, { field: 'acceptedOn', rule: 'M-8' });
  }
  if (letter.partyCardNumber && (await ports.cardNumberTaken(letter.partyCardNumber))) {
    throw new DomainError('CONFLICT', { vi: 'Số thẻ đảng viên đã có trong đảng bộ', en: 'This party card number is already registered here' }, { field: 'partyCardNumber', rule: 'M-3' });
  }
  const by = principal.subject;
  const member: Member = {
    id: randomUUID(),
    tenantId,
    fullName: letter.fullName,
    searchKey: searchKey(letter.fullName),
    dateOfBirth: letter.dateOfBirth,
    gender: letter.gender,
    citizenId: letter.citizenId,
    partyCardNumber: letter.partyCardNumber,
    fileNumber: letter.fileNumber,
    status: letter.memberStatus,
    cellId: cell.id,
    admittedOn: letter.admittedOn,
    officialOn: letter.officialOn,
  };
  await ports.insertMember(member, by);
  await ports.appendEvent({
    ...eventOf(member, E.TRANSFERRED_IN, acceptedOn, by, 1, { decisionNumber: letter.letterNumber, decisionDate: letter.issuedOn, reason: `Chuyển đến từ ${letter.counterpartTenantName}`, sourceRef: `letter:${letter.id}` }),
    registeredStatus: letter.memberStatus,
    admittedOn: letter.admittedOn,
    officialOn: letter.officialOn,
  });
  await ports.decideLetter(letter.id, LetterDirection.INCOMING, { status: L.ACCEPTED, decidedOn: acceptedOn, decidedBy: by, receivingCellId: cell.id, memberId: member.id });
  ports.publish({ type: 'MemberAdmitted', payload: { memberId: member.id, cellId: cell.id, status: letter.memberStatus, effectiveOn: acceptedOn } });
  ports.publish({ type: 'TransferLetterChanged', payload: { letterId: letter.id, direction: 'INCOMING', status: 'ACCEPTED', memberId: member.id } });

  const receiverName = (await ports.tenantName()) ?? '';
  await other(letter.counterpartTenantId, async (sender) => {
    const out = await senderCopy(sender, letter.id);
    const left = await sender.findMember(out.memberId!);
    if (!left) throw m8('CONFLICT', 'Bên gửi không còn hồ sơ đảng viên', 'The sender no longer holds the member', { letterId: letter.id });
    await applyEvent(sender, left, E.TRANSFERRED_OUT, acceptedOn, by, (s) => assertOnRolls(s.status, 'M-8'), {
      decisionNumber: letter.letterNumber,
      decisionDate: letter.issuedOn,
      reason: `Chuyển sinh hoạt đến ${receiverName}`,
      sourceRef: `letter:${letter.id}`,
    });
    await endAllPositions(sender, left.id, acceptedOn, by);
    await sender.decideLetter(letter.id, LetterDirection.OUTGOING, { status: L.ACCEPTED, decidedOn: acceptedOn, decidedBy: by });
    sender.publish({ type: 'MemberTransferred', payload: { memberId: left.id, fromCellId: left.cellId, toCellId: null, kind: TransferKind.OFFICIAL, effectiveOn: acceptedOn, until: null } });
    sender.publish({ type: 'TransferLetterChanged', payload: { letterId: letter.id, direction: 'OUTGOING', status: 'ACCEPTED', memberId: left.id } });
  });
  return { letter: { ...letter, status: L.ACCEPTED, decidedOn: acceptedOn, decidedBy: by, receivingCellId: cell.id, memberId: member.id }, member };
}

/**
 * The receiver rejects, with a reason (M-8): nothing happens to the member, who never left the
 * sender's roll; the sender's copy shows the rejection and its reason.
 */
export async function rejectTransferLetter(principal: Principal, input: { letterId: string; reason: string }, ports: LetterPorts, other: OtherTenant, now = new Date()): Promise<TransferLetter> {
  const letter = await pendingIncoming(principal, ports, input.letterId);
  const reason = optionalText(input.reason, 'reason', 1000);
  if (!reason) throw new DomainError('BAD_USER_INPUT', { vi: 'Phải ghi lý do từ chối', en: 'A rejection needs a reason' }, { field: 'reason', rule: 'M-8' });
  const decision: LetterDecision = { status: L.REJECTED, decidedOn: todayVn(now), decidedBy: principal.subject, rejectionReason: reason };
  await ports.decideLetter(letter.id, LetterDirection.INCOMING, decision);
  ports.publish({ type: 'TransferLetterChanged', payload: { letterId: letter.id, direction: 'INCOMING', status: 'REJECTED', memberId: null } });
  await other(letter.counterpartTenantId, async (sender) => {
    const out = await senderCopy(sender, letter.id);
    await sender.decideLetter(letter.id, LetterDirection.OUTGOING, decision);
    sender.publish({ type: 'TransferLetterChanged', payload: { letterId: letter.id, direction: 'OUTGOING', status: 'REJECTED', memberId: out.memberId } });
  });
  return { ...letter, ...decision };
}

/**
 * The sender withdraws a letter the receiver has not decided yet (M-8), with a reason: the
 * member never left the sender's roll; the receiver's copy shows it withdrawn and can no longer
 * be accepted.
 */
export async function withdrawTransferLetter(principal: Principal, input: { letterId: string; reason: string }, ports: LetterPorts, other: OtherTenant, now = new Date()): Promise<TransferLetter> {
  requireTenant(principal);
  requireOperation(principal, 'withdrawTransferLetter');
  const letter = await ports.findLetter(input.letterId, LetterDirection.OUTGOING);
  if (!letter || !letter.memberId) throw letterNotFound(input.letterId);
  const { cell } = await readableMember(principal, ports, letter.memberId).catch(() => {
    throw letterNotFound(input.letterId);
  });
  if (!canWriteMember(principal, cell.lineage)) throw new DomainError('FORBIDDEN');
  if (letter.status !== L.PENDING) throw m8('CONFLICT', 'Giấy giới thiệu đã được xem xét', 'The letter has already been decided', { status: letter.status });
  const reason = optionalText(input.reason, 'reason', 1000);
  if (!reason) throw new DomainError('BAD_USER_INPUT', { vi: 'Phải ghi lý do thu hồi', en: 'A withdrawal needs a reason' }, { field: 'reason', rule: 'M-8' });
  const decision: LetterDecision = { status: L.WITHDRAWN, decidedOn: todayVn(now), decidedBy: principal.subject, rejectionReason: reason };
  await ports.decideLetter(letter.id, LetterDirection.OUTGOING, decision);
  ports.publish({ type: 'TransferLetterChanged', payload: { letterId: letter.id, direction: 'OUTGOING', status: 'WITHDRAWN', memberId: letter.memberId } });
  await other(letter.counterpartTenantId, async (receiver) => {
    const incoming = await receiver.findLetter(letter.id, LetterDirection.INCOMING);
    if (!incoming || incoming.status !== L.PENDING) {
      throw m8('CONFLICT', 'Bên nhận đã xem xét giấy giới thiệu', 'The receiver has already decided the letter', { letterId: letter.id });
    }
    await receiver.decideLetter(letter.id, LetterDirection.INCOMING, decision);
    receiver.publish({ type: 'TransferLetterChanged', payload: { letterId: letter.id, direction: 'INCOMING', status: 'WITHDRAWN', memberId: null } });
  });
  return { ...letter, ...decision };
}
