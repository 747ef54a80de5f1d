import { randomUUID } from 'node:crypto';
import {
  DomainError,
  InspectionKind,
  InspectionStatus,
  InspectionSubjectKind,
  Role,
  SupervisionStatus,
  hasRole,
  isInScope,
  nfc,
  requireInScope,
  requireOperation,
  requireTenant,
  type DomainEvent,
  type Principal,
} from '@chibo/domain';
import { PlanWork, requireMatchesPlanItem, type PlanItem } from './plans';
import { subjectSnapshot, type SubjectFactsPorts, type SubjectSnapshot } from './subject';
import { isIsoDate } from '@chibo/domain';

export interface InspectionStep {
  from: InspectionStatus | null;
  to: InspectionStatus;
  on: string;
  by: string;
}

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
  /** The supervision whose findings opened it (D-1), if any. */
  supervisionId: string | null;
  /** The yearly plan item it carries out (D-2), if any. */
  planItemId: string | null;
  /** The subject as membership described it on the decision date (not typed in). */
  subject?: SubjectSnapshot | null;
  /** Set at conclusion: whether a violation was found. */
  violationFound: boolean | null;
  conclusion: string | null;
  concludedOn: string | null;
  history: InspectionStep[];
}

export interface UnitFacts {
  id: string;
  lineage: string[];
}

export interface InspectionPorts extends SubjectFactsPorts {
  findUnit(id: string): Promise<UnitFacts | null>;
  insertInspection(inspection: Inspection, createdBy: string): Promise<void>;
  findInspection(id: string): Promise<Inspection | null>;
  saveInspection(inspection: Inspection): Promise<void>;
  /** The supervision's unit and whether it concluded with signs of violation. */
  findSupervisionOutcome(id: string): Promise<{ orgUnitId: string; status: SupervisionStatus; signsOfViolation: boolean | null } | null>;
  findPlanItem(id: string): Promise<PlanItem | null>;
  publish(event: DomainEvent): void;
}

export interface OpenInspectionCommand {
  kind: InspectionKind;
  orgUnitId: string;
  subjectMemberId?: string | null;
  title: string;
  decidedOn?: string;
  supervisionId?: string | null;
  planItemId?: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Inspection records are confidential (DOMAIN.md D, first paragraph): inspectors whose subtree
 * holds the unit, and integrator keys granted `inspection:read`, read them. Everyone else is
 * told the record does not exist.
 */
export { canReadInspectionWork as canReadInspection, canSeeCounts as canSeeInspectionCounts } from './confidentiality';

export async function openInspection(principal: Principal, input: OpenInspectionCommand, ports: InspectionPorts): Promise<Inspection> {
  const tenantId = requireTenant(principal);
  requireOperation(principal, 'openInspection');
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
  let supervisionId: string | null = null;
  if (input.supervisionId) {
    // D-1: a supervision's findings may open an inspection — once it concluded with signs of violation.
    const s = await ports.findSupervisionOutcome(input.supervisionId);
    const sUnit = s ? await ports.findUnit(s.orgUnitId) : null;
    if (!s || !sUnit || !isInScope(principal, sUnit.lineage)) {
      throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy cuộc giám sát', en: 'Supervision not found' }, { field: 'supervisionId' });
    }
    if (s.status !== SupervisionStatus.CONCLUDED || !s.signsOfViolation) {
      throw new DomainError(
        'RULE_VIOLATION',
        { vi: 'Chỉ mở kiểm tra từ cuộc giám sát đã kết luận có dấu hiệu vi phạm (D-1)', en: 'Only a supervision concluded with signs of violation opens an inspection (D-1)' },
        { rule: 'D-1', field: 'supervisionId', currentState: s.status },
      );
    }
    supervisionId = input.supervisionId;
  }
  if (input.planItemId) requireMatchesPlanItem(await ports.findPlanItem(input.planItemId), PlanWork.INSPECTION, input.kind, unit.id);
  const subject = await subjectSnapshot(ports, { memberId: input.subjectMemberId, orgUnitId: unit.id }, decidedOn);
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
    supervisionId,
    planItemId: input.planItemId ?? null,
    violationFound: null,
    conclusion: null,
    concludedOn: null,
    history: [{ from: null, to: InspectionStatus.DECIDED, on: decidedOn, by: principal.subject }],
    subject,
  };
  await ports.insertInspection(inspection, principal.subject);
  ports.publish({ type: 'InspectionOpened', payload: { inspectionId: inspection.id, orgUnitId: unit.id } });
  return inspection;
}

/** D-2: decided → subject notified → self-report → verification → conclusion, one step at a time. */
export const INSPECTION_STEPS: Readonly<Record<InspectionStatus, readonly InspectionStatus[]>> = {
  DECIDED: [InspectionStatus.SUBJECT_NOTIFIED],
  SUBJECT_NOTIFIED: [InspectionStatus.SELF_REPORTED],
  SELF_REPORTED: [InspectionStatus.VERIFIED],
  VERIFIED: [InspectionStatus.CONCLUDED],
  CONCLUDED: [],
};

export interface AdvanceInspectionCommand {
  to: InspectionStatus;
  on?: string | null;
  /** Required at conclusion. */
  violationFound?: boolean | null;
  conclusion?: string | null;
}

export async function advanceInspection(principal: Principal, inspectionId: string, cmd: AdvanceInspectionCommand, ports: InspectionPorts): Promise<Inspection> {
  requireTenant(principal);
  const i = await ports.findInspection(inspectionId);
  const unit = i ? await ports.findUnit(i.orgUnitId) : null;
  if (!i || !unit || !hasRole(principal, Role.INSPECTOR) || !isInScope(principal, unit.lineage)) {
    throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy cuộc kiểm tra', en: 'Inspection not found' }, { inspectionId });
  }
  const allowed = INSPECTION_STEPS[i.status];
  if (!allowed.includes(cmd.to)) {
    throw new DomainError(
      'RULE_VIOLATION',
      {
        vi: `Cuộc kiểm tra đang ở bước ${i.status}, không chuyển sang ${cmd.to} được; được chuyển sang: ${allowed.join(', ') || '(không)'} (D-2)`,
        en: `The inspection is ${i.status} and cannot move to ${cmd.to}; allowed: ${allowed.join(', ') || '(none)'} (D-2)`,
      },
      { rule: 'D-2', reason: 'INVALID_TRANSITION', currentState: i.status, requestedState: cmd.to, allowedStates: [...allowed] },
    );
  }
  const on = cmd.on ?? new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  if (!isIsoDate(on) || on < i.history[i.history.length - 1].on) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày không hợp lệ hoặc trước bước trước', en: 'Invalid date, or before the previous step' }, { field: 'on' });
  }
  const next: Inspection = { ...i, status: cmd.to, history: [...i.history, { from: i.status, to: cmd.to, on, by: principal.subject }] };
  if (cmd.to === InspectionStatus.CONCLUDED) {
    const conclusion = nfc(cmd.conclusion ?? '');
    if (typeof cmd.violationFound !== 'boolean' || !conclusion || conclusion.length > 10_000) {
      throw new DomainError('BAD_USER_INPUT', { vi: 'Kết luận cần nội dung và có/không vi phạm', en: 'A conclusion needs its text and whether a violation was found' }, { rule: 'D-2', field: 'conclusion' });
    }
    Object.assign(next, { violationFound: cmd.violationFound, conclusion, concludedOn: on });
  }
  await ports.saveInspection(next);
  return next;
}
