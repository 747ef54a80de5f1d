import { randomUUID } from 'node:crypto';
import { DomainError, InspectionKind, Role, SupervisionKind, hasRole, isInScope, nfc, requireTenant, type Principal } from '@chibo/domain';
import type { UnitFacts } from './inspections';

/** What a plan item schedules (D-2: yearly inspection and supervision plans). */
export enum PlanWork {
  SUPERVISION = 'SUPERVISION',
  INSPECTION = 'INSPECTION',
}

export interface PlanItem {
  id: string;
  work: PlanWork;
  /** SupervisionKind or InspectionKind, according to `work`. */
  kind: SupervisionKind | InspectionKind;
  targetOrgUnitId: string;
  title: string;
  /** The quarter (1–4) of the plan's year by which it should be concluded. */
  dueQuarter: number;
}

/** Kế hoạch kiểm tra, giám sát năm — a unit's yearly plan (D-2). */
export interface InspectionPlan {
  id: string;
  tenantId: string;
  orgUnitId: string;
  year: number;
  title: string;
  items: PlanItem[];
}

export interface PlanPorts {
  findUnit(id: string): Promise<UnitFacts | null>;
  findPlan(orgUnitId: string, year: number): Promise<InspectionPlan | null>;
  insertPlan(p: InspectionPlan, createdBy: string): Promise<void>;
}

const bad = (vi: string, en: string, field: string) => new DomainError('BAD_USER_INPUT', { vi, en }, { rule: 'D-2', field });
const notFound = (id: string, field: string) => new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { orgUnitId: id, field });

export interface CreatePlanCommand {
  orgUnitId: string;
  year: number;
  title: string;
  items: { work: PlanWork; kind: string; targetOrgUnitId: string; title: string; dueQuarter: number }[];
}

export async function createInspectionPlan(principal: Principal, cmd: CreatePlanCommand, ports: PlanPorts): Promise<InspectionPlan> {
  const tenantId = requireTenant(principal);
  const unit = await ports.findUnit(cmd.orgUnitId);
  if (!unit || !isInScope(principal, unit.lineage)) throw notFound(cmd.orgUnitId, 'orgUnitId');
  if (!hasRole(principal, Role.INSPECTOR)) throw new DomainError('FORBIDDEN', { vi: 'Chỉ cán bộ kiểm tra lập kế hoạch kiểm tra, giám sát', en: 'Only inspectors make inspection plans' });
  if (!Number.isInteger(cmd.year) || cmd.year < 2000 || cmd.year > 2100) throw bad('Năm kế hoạch không hợp lệ', 'Invalid plan year', 'year');
  const title = nfc(cmd.title ?? '');
  if (!title || title.length > 300) throw bad('Tên kế hoạch phải có từ 1 đến 300 ký tự', 'Title must be 1 to 300 characters', 'title');
  if (!cmd.items?.length || cmd.items.length > 500) throw bad('Kế hoạch cần từ 1 đến 500 nội dung', 'A plan needs 1 to 500 items', 'items');
  const items: PlanItem[] = [];
  for (const [i, it] of cmd.items.entries()) {
    const kinds: string[] = it.work === PlanWork.SUPERVISION ? Object.values(SupervisionKind) : Object.values(InspectionKind);
    if (!kinds.includes(it.kind)) throw bad(`Loại công việc không hợp lệ ở nội dung ${i + 1}`, `Invalid kind for item ${i + 1}`, `items.${i}.kind`);
    if (!Number.isInteger(it.dueQuarter) || it.dueQuarter < 1 || it.dueQuarter > 4) throw bad('Quý phải từ 1 đến 4', 'Quarter must be 1 to 4', `items.${i}.dueQuarter`);
    const target = await ports.findUnit(it.targetOrgUnitId);
    // A unit plans the work on itself and on the units below it.
    if (!target || !target.lineage.includes(unit.id)) throw notFound(it.targetOrgUnitId, `items.${i}.targetOrgUnitId`);
    const itemTitle = nfc(it.title ?? '');
    if (!itemTitle || itemTitle.length > 300) throw bad('Nội dung phải có từ 1 đến 300 ký tự', 'Item title must be 1 to 300 characters', `items.${i}.title`);
    items.push({ id: randomUUID(), work: it.work, kind: it.kind as PlanItem['kind'], targetOrgUnitId: target.id, title: itemTitle, dueQuarter: it.dueQuarter });
  }
  if (await ports.findPlan(unit.id, cmd.year)) {
    throw new DomainError('CONFLICT', { vi: `Tổ chức đã có kế hoạch năm ${cmd.year}`, en: `The unit already has a ${cmd.year} plan` }, { rule: 'D-2', field: 'year' });
  }
  const plan: InspectionPlan = { id: randomUUID(), tenantId, orgUnitId: unit.id, year: cmd.year, title, items };
  await ports.insertPlan(plan, principal.subject);
  return plan;
}

/** The work done against one item: the supervision or inspection linked to it, if any. */
export interface LinkedWork {
  planItemId: string;
  concluded: boolean;
}

export enum PlanItemProgress {
  NOT_STARTED = 'NOT_STARTED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
}

export interface PlanProgress {
  total: number;
  notStarted: number;
  inProgress: number;
  done: number;
  /** Due quarter ended before `asOf` and not done. */
  overdue: number;
  /** Per item, in plan order. */
  items: { item: PlanItem; progress: PlanItemProgress; overdue: boolean }[];
}

const quarterEnd = (year: number, q: number) => new Date(Date.UTC(year, q * 3, 0)).toISOString().slice(0, 10);

/** Progress is computed from the records, never typed in (as G-12 says of targets). */
export function planProgress(plan: InspectionPlan, linked: LinkedWork[], asOf: string): PlanProgress {
  const items = plan.items.map((item) => {
    const mine = linked.filter((l) => l.planItemId === item.id);
    const progress = mine.some((l) => l.concluded) ? PlanItemProgress.DONE : mine.length ? PlanItemProgress.IN_PROGRESS : PlanItemProgress.NOT_STARTED;
    return { item, progress, overdue: progress !== PlanItemProgress.DONE && asOf > quarterEnd(plan.year, item.dueQuarter) };
  });
  const count = (p: PlanItemProgress) => items.filter((i) => i.progress === p).length;
  return {
    total: items.length,
    notStarted: count(PlanItemProgress.NOT_STARTED),
    inProgress: count(PlanItemProgress.IN_PROGRESS),
    done: count(PlanItemProgress.DONE),
    overdue: items.filter((i) => i.overdue).length,
    items,
  };
}

/** D-2: work opened under a plan item must be of the item's kind, on the item's unit. */
export function requireMatchesPlanItem(item: PlanItem | null, work: PlanWork, kind: string, orgUnitId: string): void {
  if (!item) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy nội dung kế hoạch', en: 'Plan item not found' }, { field: 'planItemId' });
  if (item.work !== work || item.kind !== kind || item.targetOrgUnitId !== orgUnitId) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: 'Công việc không khớp nội dung kế hoạch (loại, đối tượng) (D-2)', en: 'The work does not match the plan item (kind, unit) (D-2)' },
      { rule: 'D-2', field: 'planItemId', expected: { work: item.work, kind: item.kind, targetOrgUnitId: item.targetOrgUnitId } },
    );
  }
}

