import { randomUUID } from 'node:crypto';
import { DomainError, ON_ROLL_STATUSES, type Principal } from '@chibo/domain';
import { parseDate, todayVn } from './dates';
import { canWriteMember } from './member-rules';
import { optionalText, readableMember, type Member, type MemberPorts } from './members';
import type { OrgUnit } from './org-units';

/**
 * Quy định 213 — the categories of a member's contact with the party organisation where they
 * live (M-5). Only the third gives a yearly written feedback.
 */
export enum ResidenceCategory {
  /** (a) Được giới thiệu nhưng miễn sinh hoạt nơi cư trú (quân nhân tại doanh trại, sinh viên tập trung …) */
  INTRODUCED_EXEMPT = 'INTRODUCED_EXEMPT',
  /** (b) Miễn giới thiệu về nơi cư trú */
  EXEMPT_FROM_INTRODUCTION = 'EXEMPT_FROM_INTRODUCTION',
  /** (c) Giới thiệu về nơi cư trú, nơi cư trú nhận xét hằng năm */
  YEARLY_FEEDBACK = 'YEARLY_FEEDBACK',
}

/** Where the residence organisation is: a unit of this tenant, another tenant, or outside the system. */
export enum ResidencePlaceKind {
  IN_TENANT = 'IN_TENANT',
  OTHER_TENANT = 'OTHER_TENANT',
  OUTSIDE = 'OUTSIDE',
}

/** Đảng viên đang công tác giữ mối liên hệ với nơi cư trú (M-5). */
export interface ResidenceLiaison {
  id: string;
  memberId: string;
  category: ResidenceCategory;
  placeKind: ResidencePlaceKind;
  /** IN_TENANT: the residence cell or committee of this tenant. */
  residenceOrgUnitId: string | null;
  /** OTHER_TENANT: the tenant it belongs to (its name is in `residenceName`; nothing is read from it). */
  residenceTenantId: string | null;
  /** OTHER_TENANT and OUTSIDE: the organisation as written; IN_TENANT: null. */
  residenceName: string | null;
  introducedOn: string;
}

/** Phiếu nhận xét của nơi cư trú — the residence organisation's yearly feedback (M-5). */
export interface ResidenceFeedback {
  id: string;
  memberId: string;
  year: number;
  receivedOn: string;
  comment: string;
  recordedBy: string;
}

export interface ResidencePorts extends MemberPorts {
  liaisonOf(memberId: string): Promise<ResidenceLiaison | null>;
  saveLiaison(l: ResidenceLiaison, by: string): Promise<void>;
  feedbackOf(memberId: string, year: number): Promise<ResidenceFeedback | null>;
  insertFeedback(f: ResidenceFeedback): Promise<void>;
}

const m5 = (vi: string, en: string, details: Record<string, unknown> = {}) => new DomainError('RULE_VIOLATION', { vi, en }, { rule: 'M-5', ...details });
const bad = (vi: string, en: string, field: string) => new DomainError('BAD_USER_INPUT', { vi, en }, { field, rule: 'M-5' });

export interface SetResidenceLiaisonCommand {
  memberId: string;
  category: ResidenceCategory;
  residenceOrgUnitId?: string | null;
  residenceTenantId?: string | null;
  residenceName?: string | null;
  introducedOn: string;
}

/**
 * Record where a member lives and in which category (M-5). Exactly one kind of place: a unit of
 * this tenant (by id), another tenant (its id and the organisation's name as written), or a
 * name outside the system. Category (b) is not introduced anywhere, so it names no place.
 */
export async function setResidenceLiaison(principal: Principal, input: SetResidenceLiaisonCommand, ports: ResidencePorts, now = new Date()): Promise<ResidenceLiaison> {
  const { member, cell } = await readableMember(principal, ports, input.memberId);
  if (!canWriteMember(principal, cell.lineage)) throw new DomainError('FORBIDDEN');
  if (!Object.values(ResidenceCategory).includes(input.category)) throw bad('Loại không hợp lệ', 'Unknown category', 'category');
  const introducedOn = parseDate(input.introducedOn, 'introducedOn');
  if (introducedOn > todayVn(now)) throw bad('Ngày giới thiệu không thể ở tương lai', 'The introduction date cannot be in the future', 'introducedOn');
  const name = optionalText(input.residenceName, 'residenceName', 300);
  let place: Pick<ResidenceLiaison, 'placeKind' | 'residenceOrgUnitId' | 'residenceTenantId' | 'residenceName'>;
  if (input.residenceOrgUnitId) {
    if (input.residenceTenantId || name) throw bad('Chỉ chọn một nơi cư trú', 'Give one residence place only', 'residenceOrgUnitId');
    const unit = await ports.findOrgUnit(input.residenceOrgUnitId);
    // Any open unit of the tenant may be a member's residence; its id is all that is kept.
    if (!unit || unit.validTo) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng nơi cư trú', en: 'Residence org unit not found' }, { field: 'residenceOrgUnitId' });
    if (unit.id === member.cellId) throw m5('Nơi cư trú trùng chi bộ nơi công tác', 'The residence organisation is the member’s own cell', { field: 'residenceOrgUnitId' });
    place = { placeKind: ResidencePlaceKind.IN_TENANT, residenceOrgUnitId: unit.id, residenceTenantId: null, residenceName: null };
  } else if (input.residenceTenantId) {
    if (input.residenceTenantId === member.tenantId) throw bad('Nơi cư trú trong đảng bộ: chọn tổ chức', 'In this tenant, choose the org unit', 'residenceTenantId');
    if (!name) throw bad('Ghi tên tổ chức đảng nơi cư trú', 'Name the residence organisation', 'residenceName');
    place = { placeKind: ResidencePlaceKind.OTHER_TENANT, residenceOrgUnitId: null, residenceTenantId: input.residenceTenantId, residenceName: name };
  } else if (name) {
    place = { placeKind: ResidencePlaceKind.OUTSIDE, residenceOrgUnitId: null, residenceTenantId: null, residenceName: name };
  } else if (input.category === ResidenceCategory.EXEMPT_FROM_INTRODUCTION) {
    place = { placeKind: ResidencePlaceKind.OUTSIDE, residenceOrgUnitId: null, residenceTenantId: null, residenceName: null };
  } else {
    throw bad('Phải ghi nơi cư trú', 'A residence place is required', 'residenceName');
  }
  const existing = await ports.liaisonOf(member.id);
  const liaison: ResidenceLiaison = { id: existing?.id ?? randomUUID(), memberId: member.id, category: input.category, introducedOn, ...place };
  await ports.saveLiaison(liaison, principal.subject);
  ports.publish({ type: 'MemberRecordChanged', payload: { memberId: liaison.memberId, aspect: 'RESIDENCE' } });
  return liaison;
}

export interface RecordResidenceFeedbackCommand {
  memberId: string;
  year: number;
  receivedOn: string;
  comment: string;
}

/**
 * Who may record a member's yearly feedback: the member's own cell and committees (who receive
 * the paper form), or, when the residence is a unit of this tenant, that unit's writers.
 */
export function canRecordFeedback(principal: Principal, cell: OrgUnit, residence: OrgUnit | null): boolean {
  return canWriteMember(principal, cell.lineage) || (!!residence && canWriteMember(principal, residence.lineage));
}

/** M-5 (c): one written feedback a year from the residence organisation. */
export async function recordResidenceFeedback(principal: Principal, input: RecordResidenceFeedbackCommand, ports: ResidencePorts, now = new Date()): Promise<ResidenceFeedback> {
  const member = await ports.findMember(input.memberId);
  const cell = member ? await ports.findOrgUnit(member.cellId) : null;
  const liaison = member ? await ports.liaisonOf(member.id) : null;
  const residence = liaison?.residenceOrgUnitId ? await ports.findOrgUnit(liaison.residenceOrgUnitId) : null;
  if (!member || !cell || !canRecordFeedback(principal, cell, residence)) {
    throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy đảng viên', en: 'Member not found' }, { memberId: input.memberId });
  }
  if (!liaison) throw m5('Đảng viên chưa được giới thiệu về nơi cư trú', 'The member has no residence liaison recorded', { field: 'memberId' });
  if (liaison.category !== ResidenceCategory.YEARLY_FEEDBACK) {
    throw m5('Đảng viên thuộc diện không nhận xét hằng năm', 'The member’s category gives no yearly feedback', { field: 'memberId', category: liaison.category });
  }
  const today = todayVn(now);
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(input.year) || input.year < 1930 || input.year > thisYear) throw bad('Năm không hợp lệ', 'Invalid year', 'year');
  const receivedOn = parseDate(input.receivedOn, 'receivedOn');
  if (receivedOn > today || Number(receivedOn.slice(0, 4)) < input.year) {
    throw bad('Ngày nhận phải trong hoặc sau năm nhận xét và không ở tương lai', 'Received within or after the year, and not in the future', 'receivedOn');
  }
  const comment = optionalText(input.comment, 'comment', 4000);
  if (!comment) throw bad('Phải ghi nội dung nhận xét', 'The feedback needs its content', 'comment');
  if (await ports.feedbackOf(member.id, input.year)) {
    throw new DomainError('CONFLICT', { vi: 'Đã có nhận xét của nơi cư trú cho năm này', en: 'This year’s feedback is already recorded' }, { rule: 'M-5', year: input.year });
  }
  const feedback: ResidenceFeedback = { id: randomUUID(), memberId: member.id, year: input.year, receivedOn, comment, recordedBy: principal.subject };
  await ports.insertFeedback(feedback);
  ports.publish({ type: 'MemberRecordChanged', payload: { memberId: feedback.memberId, aspect: 'RESIDENCE' } });
  return feedback;
}

/** M-5: a member owes the year's feedback when category (c), on the rolls, introduced by the year's end, and none recorded. */
export function feedbackOutstanding(member: Pick<Member, 'status'>, liaison: Pick<ResidenceLiaison, 'category' | 'introducedOn'> | null, year: number, recorded: boolean): boolean {
  return (
    !!liaison &&
    liaison.category === ResidenceCategory.YEARLY_FEEDBACK &&
    ON_ROLL_STATUSES.includes(member.status) &&
    liaison.introducedOn <= `${year}-12-31` &&
    !recorded
  );
}
