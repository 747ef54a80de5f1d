import { randomUUID } from 'node:crypto';
import {
  DomainError,
  Role,
  SupervisionKind,
  SupervisionStatus,
  hasRole,
  isInScope,
  nfc,
  requireInScope,
  requireTenant,
  type Principal,
} from '@chibo/domain';
import type { UnitFacts } from './inspections';
import { PlanWork, requireMatchesPlanItem, type PlanItem } from './plans';
import { subjectSnapshot, type SubjectFactsPorts, type SubjectSnapshot } from './subject';
import { isIsoDate } from '@chibo/domain';

/** Giám sát — a supervision of a member or an org unit, by a plan or ad hoc (DOMAIN.md D-1). */
export interface Supervision {
  id: string;
  tenantId: string;
  kind: SupervisionKind;
  status: SupervisionStatus;
  orgUnitId: string;
  subjectMemberId: string | null;
  /** By the yearly plan (true) or ad hoc (false). */
  planned: boolean;
  /** The yearly plan item it carries out (D-2), if any. */
  planItemId: string | null;
  /** The subject as membership described it on the start date (not typed in). */
  subject?: SubjectSnapshot | null;
  title: string;
  startedOn: string;
  findings: string | null;
  /** Set at conclusion: whether the findings show signs of violation (then an inspection may follow). */
  signsOfViolation: boolean | null;
  concludedOn: string | null;
}

export interface SupervisionPorts extends SubjectFactsPorts {
  findUnit(id: string): Promise<UnitFacts | null>;
  findSupervision(id: string): Promise<Supervision | null>;
  insertSupervision(s: Supervision, createdBy: string): Promise<void>;
  saveSupervision(s: Supervision): Promise<void>;
  findPlanItem(id: string): Promise<PlanItem | null>;
}

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

function requireDate(v: string, field: string): string {
  if (!isIsoDate(v)) throw new DomainError('BAD_USER_INPUT', { vi: `Ngày không hợp lệ (YYYY-MM-DD): ${field}`, en: `Invalid date (YYYY-MM-DD): ${field}` }, { field });
  return v;
}

function requireText(v: string | null | undefined, field: string, max: number): string {
  const t = nfc(v ?? '');
  if (!t || t.length > max) throw new DomainError('BAD_USER_INPUT', { vi: `${field} phải có từ 1 đến ${max} ký tự`, en: `${field} must be 1 to ${max} characters` }, { field });
  return t;
}

export async function openSupervision(
  principal: Principal,
  cmd: { kind: SupervisionKind; orgUnitId: string; subjectMemberId?: string | null; planned?: boolean | null; planItemId?: string | null; title: string; startedOn?: string | null },
  ports: SupervisionPorts,
): Promise<Supervision> {
  const tenantId = requireTenant(principal);
  const unit = await ports.findUnit(cmd.orgUnitId);
  if (!unit) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { field: 'orgUnitId' });
  if (!hasRole(principal, Role.INSPECTOR)) throw new DomainError('FORBIDDEN', { vi: 'Chỉ cán bộ kiểm tra được mở cuộc giám sát', en: 'Only inspectors open supervisions' });
  requireInScope(principal, unit.lineage, unit.id);
  if (cmd.planItemId) requireMatchesPlanItem(await ports.findPlanItem(cmd.planItemId), PlanWork.SUPERVISION, cmd.kind, unit.id);
  const startedOn = requireDate(cmd.startedOn ?? today(), 'startedOn');
  const subject = await subjectSnapshot(ports, { memberId: cmd.subjectMemberId, orgUnitId: unit.id }, startedOn);
  const s: Supervision = {
    id: randomUUID(),
    tenantId,
    kind: cmd.kind,
    status: SupervisionStatus.OPEN,
    orgUnitId: unit.id,
    subjectMemberId: cmd.subjectMemberId ?? null,
    planned: Boolean(cmd.planned || cmd.planItemId),
    planItemId: cmd.planItemId ?? null,
    title: requireText(cmd.title, 'title', 300),
    startedOn,
    findings: null,
    signsOfViolation: null,
    concludedOn: null,
    subject,
  };
  await ports.insertSupervision(s, principal.subject);
  return s;
}

export async function concludeSupervision(
  principal: Principal,
  id: string,
  cmd: { findings: string; signsOfViolation: boolean; concludedOn?: string | null },
  ports: SupervisionPorts,
): Promise<Supervision> {
  requireTenant(principal);
  const s = await ports.findSupervision(id);
  const unit = s ? await ports.findUnit(s.orgUnitId) : null;
  if (!s || !unit || !hasRole(principal, Role.INSPECTOR) || !isInScope(principal, unit.lineage)) {
    throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy cuộc giám sát', en: 'Supervision not found' }, { supervisionId: id });
  }
  if (s.status !== SupervisionStatus.OPEN) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: 'Cuộc giám sát đã kết luận (D-1)', en: 'The supervision is already concluded (D-1)' },
      { rule: 'D-1', reason: 'INVALID_TRANSITION', currentState: s.status, requestedState: SupervisionStatus.CONCLUDED, allowedStates: [] },
    );
  }
  const concludedOn = requireDate(cmd.concludedOn ?? today(), 'concludedOn');
  if (concludedOn < s.startedOn) throw new DomainError('BAD_USER_INPUT', { vi: 'Kết luận trước ngày bắt đầu', en: 'Concluded before it started' }, { field: 'concludedOn' });
  const next: Supervision = { ...s, status: SupervisionStatus.CONCLUDED, findings: requireText(cmd.findings, 'findings', 10_000), signsOfViolation: cmd.signsOfViolation, concludedOn };
  await ports.saveSupervision(next);
  return next;
}
