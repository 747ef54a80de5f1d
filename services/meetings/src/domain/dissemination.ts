import { randomUUID } from 'node:crypto';
import { AgendaCategory, DomainError, MeetingStatus, nfc, requireInScope, requireOperation, requireTenant, type Principal } from '@chibo/domain';
import { loadForWrite, requireStatus, type LifecyclePorts } from './lifecycle';
import type { AgendaItem } from './agenda';

/** Loại văn bản cấp trên (G-11). */
export enum HigherDocumentKind {
  DIRECTIVE = 'DIRECTIVE',
  PLAN = 'PLAN',
  RESOLUTION = 'RESOLUTION',
  CONCLUSION = 'CONCLUSION',
  OTHER = 'OTHER',
}

/** Văn bản cấp trên — what the cells of `orgUnitId`'s subtree must pass on by `disseminateBy`. */
export interface HigherDocument {
  id: string;
  orgUnitId: string;
  kind: HigherDocumentKind;
  number: string;
  title: string;
  issuer: string;
  issuedOn: string;
  disseminateBy: string;
}

export interface Dissemination {
  documentId: string;
  meetingId: string;
  agendaItemId: string;
  cellId: string;
}

export interface DisseminationPorts extends LifecyclePorts {
  unitLineage(orgUnitId: string): Promise<string[] | null>;
  findDocuments(ids: readonly string[]): Promise<HigherDocument[]>;
  documentNumberTaken(orgUnitId: string, number: string): Promise<boolean>;
  insertDocument(d: HigherDocument, createdBy: string): Promise<void>;
  agendaItems(meetingId: string): Promise<AgendaItem[]>;
  /** Inserts the rows not already recorded; returns how many were new. */
  insertDisseminations(rows: Dissemination[], recordedBy: string): Promise<number>;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const bad = (field: string, vi: string, en: string) => new DomainError('BAD_USER_INPUT', { vi, en }, { field, rule: 'G-11' });

/** G-11: committee staff register a document of a higher committee for their subtree's cells to pass on. */
export async function registerDocument(principal: Principal, input: Omit<HigherDocument, 'id'>, ports: Pick<DisseminationPorts, 'unitLineage' | 'documentNumberTaken' | 'insertDocument' | 'publish'>): Promise<HigherDocument> {
  requireTenant(principal);
  requireOperation(principal, 'registerHigherDocument');
  const lineage = await ports.unitLineage(input.orgUnitId);
  if (!lineage) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { field: 'orgUnitId' });
  requireInScope(principal, lineage, input.orgUnitId);
  const number = nfc(input.number);
  const title = nfc(input.title);
  const issuer = nfc(input.issuer);
  if (!number || number.length > 100) throw bad('number', 'Số văn bản từ 1 đến 100 ký tự', 'The number is 1 to 100 characters');
  if (!title || title.length > 500) throw bad('title', 'Trích yếu từ 1 đến 500 ký tự', 'The title is 1 to 500 characters');
  if (!issuer || issuer.length > 300) throw bad('issuer', 'Cơ quan ban hành từ 1 đến 300 ký tự', 'The issuer is 1 to 300 characters');
  for (const f of ['issuedOn', 'disseminateBy'] as const) {
    if (!ISO.test(input[f]) || Number.isNaN(Date.parse(input[f]))) throw bad(f, 'Ngày phải có dạng YYYY-MM-DD', 'Dates look like YYYY-MM-DD');
  }
  if (input.disseminateBy < input.issuedOn) throw bad('disseminateBy', 'Hạn phổ biến không thể trước ngày ban hành', 'The deadline cannot be before the issue date');
  if (await ports.documentNumberTaken(input.orgUnitId, number)) {
    throw new DomainError('CONFLICT', { vi: `Văn bản số ${number} đã được đăng ký`, en: `Document ${number} is already registered` }, { field: 'number', rule: 'G-11' });
  }
  const doc: HigherDocument = { ...input, id: randomUUID(), number, title, issuer };
  await ports.insertDocument(doc, principal.subject);
  ports.publish({ type: 'HigherDocumentRegistered', payload: { documentId: doc.id, orgUnitId: doc.orgUnitId, disseminateBy: doc.disseminateBy } });
  return doc;
}

/**
 * G-11 / G-3: the cell passed documents on at a held meeting, under one of its DISSEMINATION
 * items. Each document must be one the cell has to pass on (registered for a committee above it).
 * Recording the same document under the same item again changes nothing.
 */
export async function recordDissemination(principal: Principal, input: { meetingId: string; agendaItemId: string; documentIds: string[] }, ports: DisseminationPorts): Promise<number> {
  const { meeting, cell } = await loadForWrite(principal, input.meetingId, ports);
  requireStatus(meeting, [MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED], { vi: 'Chỉ ghi nhận phổ biến văn bản tại cuộc họp đã diễn ra', en: 'Dissemination is recorded at a held meeting' }, 'G-11');
  const item = (await ports.agendaItems(meeting.id)).find((a) => a.id === input.agendaItemId.toLowerCase());
  if (!item || item.category !== AgendaCategory.DISSEMINATION) {
    throw new DomainError('RULE_VIOLATION', { vi: 'Cần một nội dung "phổ biến văn bản" trong chương trình cuộc họp', en: 'A DISSEMINATION item of this meeting is needed' }, { rule: 'G-3', field: 'agendaItemId' });
  }
  const ids = [...new Set(input.documentIds.map((d) => d.toLowerCase()))];
  if (!ids.length || ids.length > 50) throw bad('documentIds', 'Từ 1 đến 50 văn bản', '1 to 50 documents');
  const docs = await ports.findDocuments(ids);
  for (const id of ids) {
    const doc = docs.find((d) => d.id === id);
    // A document for another subtree is, for this cell, a document that does not exist.
    if (!doc || !cell.lineage.includes(doc.orgUnitId)) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy văn bản', en: 'Document not found' }, { field: 'documentIds', documentId: id });
  }
  const added = await ports.insertDisseminations(ids.map((documentId) => ({ documentId, meetingId: meeting.id, agendaItemId: item.id, cellId: cell.id })), principal.subject);
  if (added) ports.publish({ type: 'MeetingContentChanged', payload: { meetingId: meeting.id, cellId: cell.id, part: 'DISSEMINATION', heldAt: meeting.heldAt?.toISOString() ?? null } });
  return added;
}
