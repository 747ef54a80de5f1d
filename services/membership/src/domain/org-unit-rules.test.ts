import { DomainError, OrgUnitKind as K } from '@chibo/domain';
import { assertChildKindAllowed, cleanName } from './org-unit-rules';

describe('T-2: which unit may sit under which', () => {
  it.each<[K, K, boolean]>([
    [K.COMMITTEE, K.COMMITTEE, true],
    [K.COMMITTEE, K.BASE_CELL, true],
    [K.COMMITTEE, K.CELL, true],
    [K.CELL, K.PARTY_GROUP, true],
    [K.BASE_CELL, K.PARTY_GROUP, true],
    [K.CELL, K.CELL, false],
    [K.CELL, K.COMMITTEE, false],
    [K.PARTY_GROUP, K.PARTY_GROUP, false],
    [K.COMMITTEE, K.PARTY_GROUP, false],
  ])('T-2: %s may hold %s: %s', (parent, child, allowed) => {
    const act = () => assertChildKindAllowed(parent, child);
    if (allowed) expect(act).not.toThrow();
    else expect(act).toThrow(expect.objectContaining({ code: 'RULE_VIOLATION', details: expect.objectContaining({ rule: 'T-2' }) }));
  });
});

describe('names are stored NFC', () => {
  it('turns a decomposed name into its composed form and trims it', () => {
    const decomposed = 'Chi bô\u0323 tô\u0309 dân phô\u0301 3 ';
    expect(cleanName(decomposed)).toBe('Chi bộ tổ dân phố 3');
  });

  it.each(['', '   ', 'x'.repeat(201)])('refuses %j', (name) => {
    expect(() => cleanName(name)).toThrow(DomainError);
  });
});
