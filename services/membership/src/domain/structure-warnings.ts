import { OrgUnitKind } from '@chibo/domain';

/** T-3: structural warnings on a unit — shown, never enforced. */
export enum StructureWarningCode {
  /** Chi bộ có dưới 3 đảng viên chính thức */
  FEW_OFFICIAL_MEMBERS = 'FEW_OFFICIAL_MEMBERS',
  /** Chi bộ cơ sở có từ 30 đảng viên trở lên: nên lập đảng bộ cơ sở */
  BASE_CELL_TOO_LARGE = 'BASE_CELL_TOO_LARGE',
  /** Chi bộ có từ 9 đảng viên chính thức nhưng chưa có chi ủy */
  NO_CELL_COMMITTEE = 'NO_CELL_COMMITTEE',
}

export interface StructureWarning {
  code: StructureWarningCode;
  messageVi: string;
  messageEn: string;
}

export interface CellFigures {
  /** On the roll: probationary, official and exempt members. */
  onRoll: number;
  official: number;
  /** Members holding a cell committee post today (secretary, deputy, committee member). */
  committeePosts: number;
}

/** A cell committee (chi ủy) is taken to exist once three members hold its posts. */
export const COMMITTEE_MIN_POSTS = 3;

export function structureWarnings(kind: OrgUnitKind, f: CellFigures): StructureWarning[] {
  if (kind !== OrgUnitKind.CELL && kind !== OrgUnitKind.BASE_CELL) return [];
  const out: StructureWarning[] = [];
  if (f.official < 3) {
    out.push({ code: StructureWarningCode.FEW_OFFICIAL_MEMBERS, messageVi: `Chi bộ chỉ có ${f.official} đảng viên chính thức (dưới 3)`, messageEn: `The cell has ${f.official} official members (fewer than 3)` });
  }
  if (kind === OrgUnitKind.BASE_CELL && f.onRoll >= 30) {
    out.push({ code: StructureWarningCode.BASE_CELL_TOO_LARGE, messageVi: `Chi bộ cơ sở có ${f.onRoll} đảng viên (từ 30 trở lên)`, messageEn: `The base cell has ${f.onRoll} members (30 or more)` });
  }
  if (f.official >= 9 && f.committeePosts < COMMITTEE_MIN_POSTS) {
    out.push({ code: StructureWarningCode.NO_CELL_COMMITTEE, messageVi: `Chi bộ có ${f.official} đảng viên chính thức nhưng chưa có chi ủy`, messageEn: `The cell has ${f.official} official members but no cell committee` });
  }
  return out;
}
