import { DomainError } from '@chibo/domain';
import type { OrgUnit } from './org-units';

/** What happened to a unit's place in the tree (T-2); its creation is its `validFrom`. */
export enum OrgUnitChangeKind {
  /** Đổi tên */
  RENAMED = 'RENAMED',
  /** Chuyển sang trực thuộc tổ chức khác */
  MOVED = 'MOVED',
  /** Sáp nhập vào tổ chức khác */
  MERGED = 'MERGED',
  /** Giải thể */
  DISSOLVED = 'DISSOLVED',
}

/** One dated change of a unit with the value before and after, so it can be undone for a past date. */
export interface OrgUnitChange {
  id: string;
  orgUnitId: string;
  sequence: number;
  kind: OrgUnitChangeKind;
  effectiveOn: string;
  parentIdBefore: string | null;
  parentIdAfter: string | null;
  nameBefore: string | null;
  nameAfter: string | null;
  /** MERGED: the unit it went into; MOVED by a merge: the merged unit it came from. */
  relatedOrgUnitId: string | null;
  recordedBy: string;
  recordedAt?: Date;
}

/** A unit as it stood on a date: its name and parent then, and its depth below the asked root. */
export interface OrgUnitAsOf {
  unit: OrgUnit;
  name: string;
  parentId: string | null;
  depth: number;
}

/**
 * Whether a unit existed on a date. The root committee of a tenant is dated by the day the
 * tenant joined the platform, not by its founding decades ago, so it counts as always there.
 */
export function existedOn(unit: Pick<OrgUnit, 'parentId' | 'validFrom' | 'validTo'>, on: string): boolean {
  return (!unit.parentId || unit.validFrom <= on) && (!unit.validTo || unit.validTo > on);
}

/**
 * T-2: changes to a unit are written in date order, on or after the day it was founded, and
 * not ahead of today; otherwise the tree on a past date could not be told.
 */
export function assertChangeDate(unit: OrgUnit, history: readonly OrgUnitChange[], effectiveOn: string, today: string): void {
  if (effectiveOn > today) {
    throw new DomainError(
      'BAD_USER_INPUT',
      { vi: 'Ngày hiệu lực không thể ở tương lai', en: 'A change to the tree cannot take effect in the future' },
      { rule: 'T-2', field: 'effectiveOn', orgUnitId: unit.id },
    );
  }
  if (unit.parentId && effectiveOn < unit.validFrom) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: `Ngày hiệu lực trước ngày thành lập tổ chức (${unit.validFrom})`, en: `The change predates the unit's founding (${unit.validFrom})` },
      { rule: 'T-2', field: 'effectiveOn', orgUnitId: unit.id, validFrom: unit.validFrom },
    );
  }
  const latest = history.filter((c) => c.orgUnitId === unit.id).reduce<string | null>((max, c) => (max === null || c.effectiveOn > max ? c.effectiveOn : max), null);
  if (latest && effectiveOn < latest) {
    throw new DomainError(
      'RULE_VIOLATION',
      { vi: `Ngày hiệu lực trước thay đổi gần nhất của tổ chức (${latest})`, en: `The change predates the unit's latest change (${latest})` },
      { rule: 'T-2', field: 'effectiveOn', orgUnitId: unit.id, latest },
    );
  }
}

const collator = new Intl.Collator('vi', { sensitivity: 'variant' });

/**
 * The subtree of `rootId` as it was on `asOf` (T-2): today's units with every change effective
 * after that date undone, newest first; units founded later or closed by then (dissolved or
 * merged; `validTo` is the first day they no longer exist) are left out. Depth-first, siblings
 * in Vietnamese order. Null when the root itself did not exist on that date.
 */
export function treeAsOf(units: readonly OrgUnit[], changesAfter: readonly OrgUnitChange[], rootId: string, asOf: string): OrgUnitAsOf[] | null {
  const state = new Map(units.map((u) => [u.id, { unit: u, name: u.name, parentId: u.parentId }]));
  const undo = changesAfter
    .filter((c) => c.effectiveOn > asOf)
    .sort((a, b) => (a.effectiveOn === b.effectiveOn ? b.sequence - a.sequence : a.effectiveOn < b.effectiveOn ? 1 : -1));
  for (const c of undo) {
    const s = state.get(c.orgUnitId);
    if (!s) continue;
    if (c.kind === OrgUnitChangeKind.RENAMED && c.nameBefore !== null) s.name = c.nameBefore;
    if (c.kind === OrgUnitChangeKind.MOVED) s.parentId = c.parentIdBefore;
  }
  const alive = (u: OrgUnit) => existedOn(u, asOf);
  const root = state.get(rootId);
  if (!root || !alive(root.unit)) return null;
  const children = new Map<string, { unit: OrgUnit; name: string; parentId: string | null }[]>();
  for (const s of state.values()) {
    if (!s.parentId || !alive(s.unit)) continue;
    const list = children.get(s.parentId) ?? [];
    list.push(s);
    children.set(s.parentId, list);
  }
  const out: OrgUnitAsOf[] = [];
  const seen = new Set<string>();
  const visit = (s: { unit: OrgUnit; name: string; parentId: string | null }, depth: number) => {
    if (seen.has(s.unit.id)) return;
    seen.add(s.unit.id);
    out.push({ unit: s.unit, name: s.name, parentId: s.parentId, depth });
    const kids = (children.get(s.unit.id) ?? []).sort((a, b) => collator.compare(a.name, b.name) || (a.unit.id < b.unit.id ? -1 : 1));
    for (const k of kids) visit(k, depth + 1);
  };
  visit(root, 0);
  return out;
}
