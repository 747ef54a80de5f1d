import { DomainError, OrgUnitKind, nfc } from '@chibo/domain';

/**
 * Which kind of unit may sit under which (DOMAIN.md T-2): committees hold committees, base
 * cells and cells; cells and base cells hold party groups; the root of a tenant is a committee.
 */
const ALLOWED_CHILDREN: Record<OrgUnitKind, OrgUnitKind[]> = {
  [OrgUnitKind.COMMITTEE]: [OrgUnitKind.COMMITTEE, OrgUnitKind.BASE_CELL, OrgUnitKind.CELL],
  [OrgUnitKind.BASE_CELL]: [OrgUnitKind.PARTY_GROUP],
  [OrgUnitKind.CELL]: [OrgUnitKind.PARTY_GROUP],
  [OrgUnitKind.PARTY_GROUP]: [],
};

export function assertChildKindAllowed(parentKind: OrgUnitKind, childKind: OrgUnitKind): void {
  if (!ALLOWED_CHILDREN[parentKind].includes(childKind)) {
    throw new DomainError(
      'RULE_VIOLATION',
      {
        vi: `Không thể đặt ${childKind} trực thuộc ${parentKind}`,
        en: `A ${childKind} cannot be placed under a ${parentKind}`,
      },
      { rule: 'T-2', parentKind, childKind },
    );
  }
}

export const NAME_MAX = 200;

/** Names are stored NFC and must say something. */
export function cleanName(raw: string, field = 'name'): string {
  const name = nfc(raw ?? '');
  if (!name || name.length > NAME_MAX) {
    throw new DomainError(
      'BAD_USER_INPUT',
      { vi: `Tên phải có từ 1 đến ${NAME_MAX} ký tự`, en: `Name must be 1 to ${NAME_MAX} characters` },
      { field },
    );
  }
  return name;
}
