import { randomUUID } from 'node:crypto';
import {
  DomainError,
  InspectionKind,
  InspectionStatus,
  InspectionSubjectKind,
  Role,
  hasRole,
  isInScope,
  nfc,
  requireInScope,
  requireRole,
  requireTenant,
  type DomainEvent,
  type Principal,
} from '@chibo/domain';

/** Kiểm tra — an inspection as the rules see it (DOMAIN.md D-2). */
export interface Inspection {
  id: string;
  tenantId: string;
  kind: InspectionKind;
  status: InspectionStatus;
  subjectKind: InspectionSubjectKind;
  orgUnitId: string;
  subjectMemberId: string | null;
  title: string;
  decidedOn: string;
}

export interface UnitFacts {
  id: string;
  lineage: string[];
}

export interface InspectionPorts {
  findUnit(id: string): Promise<UnitFacts | null>;
  insertInspection(inspection: Inspection, createdBy: string): Promise<void>;
  publish(event: DomainEvent): void;
}

export interface OpenInspectionCommand {
  kind: InspectionKind;
  orgUnitId: string;
  subjectMemberId?: string | null;
  title: string;
  decidedOn?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Inspection records are confidential (DOMAIN.md D, first paragraph): only inspectors whose
 * subtree holds the unit read them. Everyone else is told the record does not exist.
 */
export function assertCanReadInspection(principal: Principal, unit: UnitFacts): void {
  if (!hasRole(principal, Role.INSPECTOR)) {
    throw new DomainError('FORBIDDEN', { vi: 'Chỉ cán bộ kiểm tra được xem hồ sơ kiểm tra', en: 'Only inspectors read inspection records' });
  }
  requireInScope(principal, unit.lineage, unit.id);
}

/** Committee staff and administrators see how many inspections are open, never their content. */
export function canSeeInspectionCounts(principal: Principal, unit: UnitFacts): boolean {
  return hasRole(principal, Role.INSPECTOR, Role.CITY_ADMIN, Role.COMMITTEE_STAFF) && isInScope(principal, unit.lineage);
}

export async function openInspection(principal: Principal, input: OpenInspectionCommand, ports: InspectionPorts): Promise<Inspection> {
  const tenantId = requireTenant(principal);
  requireRole(principal, Role.INSPECTOR);
  const unit = await ports.findUnit(input.orgUnitId);
  if (!unit) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { field: 'orgUnitId' });
  requireInScope(principal, unit.lineage, unit.id);
  const title = nfc(input.title ?? '');
  if (!title || title.length > 300) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Tiêu đề phải có từ 1 đến 300 ký tự', en: 'Title must be 1 to 300 characters' }, { field: 'title' });
  }
  const decidedOn = input.decidedOn ?? new Date().toISOString().slice(0, 10);
  if (!DATE.test(decidedOn) || Number.isNaN(Date.parse(decidedOn))) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày quyết định không hợp lệ (YYYY-MM-DD)', en: 'Invalid decision date (YYYY-MM-DD)' }, { field: 'decidedOn' });
  }
  const inspection: Inspection = {
    id: randomUUID(),
    tenantId,
    kind: input.kind,
    status: InspectionStatus.DECIDED,
    subjectKind: input.subjectMemberId ? InspectionSubjectKind.MEMBER : InspectionSubjectKind.ORG_UNIT,
    orgUnitId: unit.id,
    subjectMemberId: input.subjectMemberId ?? null,
    title,
    decidedOn,
  };
  await ports.insertInspection(inspection, principal.subject);
  ports.publish({ type: 'InspectionOpened', payload: { inspectionId: inspection.id, orgUnitId: unit.id } });
  return inspection;
}
