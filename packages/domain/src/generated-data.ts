import type { Gender, MemberStatus } from './membership';
import type { OrgUnitKind } from './enums';

/**
 * Generated tenants (demo data and benchmark scales). Membership's generator builds the tree
 * and the members; it hands this plain description to the meetings and inspection generators,
 * which write their own schemas (projections included) from it. Every generator writes with
 * COPY inside one transaction, so a tenant is generated whole or not at all.
 */
export type GenerateScale = 'demo' | 'city' | 'province' | 'nation';

export interface GeneratedOrgUnit {
  id: string;
  parentId: string | null;
  kind: OrgUnitKind;
  /** NFC, Vietnamese: "Chi bộ Tổ dân phố 3". */
  name: string;
  /** YYYY-MM-DD the unit exists from. */
  validFrom: string;
}

export interface GeneratedMember {
  id: string;
  /** The cell (CELL or BASE_CELL) whose roll the member is on. */
  cellId: string;
  fullName: string;
  gender: Gender;
  birthDate: string;
  admittedOn: string;
  officialOn: string | null;
  status: MemberStatus;
}

export interface GeneratedTenant {
  tenantId: string;
  name: string;
  scale: GenerateScale;
  /** Seed of the deterministic pseudo-random generator: the same seed gives the same tenant. */
  seed: number;
  /** The span of activity to generate (meetings, cases): [from, to] as YYYY-MM-DD. */
  from: string;
  to: string;
  units: GeneratedOrgUnit[];
  members: GeneratedMember[];
}

/** Progress of a long generation, for a CLI progress bar. */
export type GenerateProgress = (step: string, done: number, total: number) => void;
