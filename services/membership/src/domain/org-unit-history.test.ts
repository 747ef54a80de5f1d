import { OrgUnitKind as K } from '@chibo/domain';
import { OrgUnitChangeKind as C, assertChangeDate, treeAsOf, type OrgUnitChange } from './org-unit-history';
import { assertMergeable } from './org-unit-merge';
import type { OrgUnit } from './org-units';

const u = (id: string, parentId: string | null, kind: K, over: Partial<OrgUnit> = {}): OrgUnit => ({
  id,
  tenantId: 't',
  parentId,
  kind,
  name: id,
  lineage: parentId ? ['root', ...(parentId === 'root' ? [] : [parentId]), id] : [id],
  validFrom: '2026-01-01',
  ...over,
});
const root = u('root', null, K.COMMITTEE, { validFrom: '2026-11-20' });
const wardA = u('wardA', 'root', K.COMMITTEE);
const wardB = u('wardB', 'root', K.COMMITTEE);
const cell = u('cell', 'wardB', K.CELL, { name: 'Chi bộ khu phố 4' });
const other = u('other', 'wardB', K.CELL);
const group = u('group', 'cell', K.PARTY_GROUP, { lineage: ['root', 'wardB', 'cell', 'group'] });
const closed = u('closed', 'wardB', K.CELL, { validTo: '2026-08-01', mergedIntoId: 'other' });

const change = (orgUnitId: string, kind: C, effectiveOn: string, sequence: number, v: Partial<OrgUnitChange> = {}): OrgUnitChange => ({
  id: `${orgUnitId}-${sequence}`,
  orgUnitId,
  kind,
  effectiveOn,
  sequence,
  parentIdBefore: null,
  parentIdAfter: null,
  nameBefore: null,
  nameAfter: null,
  relatedOrgUnitId: null,
  recordedBy: 'x',
  ...v,
});
const changes = [
  change('cell', C.MOVED, '2026-06-01', 1, { parentIdBefore: 'wardA', parentIdAfter: 'wardB' }),
  change('cell', C.RENAMED, '2026-07-01', 2, { nameBefore: 'Chi bộ tổ dân phố 4', nameAfter: 'Chi bộ khu phố 4' }),
];

describe('T-2: the tree as it was on a date', () => {
  const units = [root, wardA, wardB, cell, other, closed];
  const at = (rootId: string, on: string) => treeAsOf(units, changes, rootId, on)?.map((n) => `${'-'.repeat(n.depth)}${n.unit.id}:${n.name}`);

  it.each<[string, string, string, string[] | undefined]>([
    ['T-2: the day before a move, the unit is under its old parent', 'root', '2026-05-31', ['root:root', '-wardA:wardA', '--cell:Chi bộ tổ dân phố 4', '-wardB:wardB', '--closed:closed', '--other:other']],
    ['T-2: on the day of the move, under the new one', 'wardB', '2026-06-01', ['wardB:wardB', '-cell:Chi bộ tổ dân phố 4', '-closed:closed', '-other:other']],
    ['T-2: a rename shows from its date', 'wardB', '2026-07-01', ['wardB:wardB', '-cell:Chi bộ khu phố 4', '-closed:closed', '-other:other']],
    ['T-2: a merged unit is gone from its merge date', 'wardB', '2026-08-01', ['wardB:wardB', '-cell:Chi bộ khu phố 4', '-other:other']],
    ['T-2: the root counts as always there', 'root', '2000-01-01', ['root:root']],
    ['T-2: no tree for a unit before its founding', 'wardA', '2025-12-31', undefined],
  ])('%s', (_name, rootId, on, expected) => {
    expect(at(rootId, on)).toEqual(expected);
  });
});

describe('T-2: the dates of changes', () => {
  it.each<[string, string, string | null]>([
    ['T-2: on the day of the latest change', '2026-07-01', null],
    ['T-2: before the latest change', '2026-06-30', 'RULE_VIOLATION'],
    ['T-2: before the founding', '2025-12-31', 'RULE_VIOLATION'],
    ['T-2: in the future', '2026-11-26', 'BAD_USER_INPUT'],
  ])('%s (%s): refused with %s', (_name, on, code) => {
    const act = () => assertChangeDate(cell, changes, on, '2026-11-25');
    if (!code) expect(act).not.toThrow();
    else expect(act).toThrow(expect.objectContaining({ code, details: expect.objectContaining({ rule: 'T-2', field: 'effectiveOn' }) }));
  });
});

describe('T-2: what may be merged into what', () => {
  it.each<[string, OrgUnit, OrgUnit, string | null]>([
    ['T-2: a cell into a cell', other, cell, null],
    ['T-2: a committee into a committee', wardA, wardB, null],
    ['T-2: a cell into a base cell', other, u('base', 'root', K.BASE_CELL), null],
    ['T-2: into itself', cell, cell, 'intoId'],
    ['T-2: into its own subtree', wardB, u('sub', 'wardB', K.COMMITTEE), 'intoId'],
    ['T-2: a cell into a committee', cell, wardA, 'intoId'],
    ['T-2: a party group into a cell', group, other, 'intoId'],
    ['T-2: into a closed unit', other, closed, 'intoId'],
    ['T-2: a closed unit', closed, other, 'id'],
    ['T-2: the root', root, wardA, 'id'],
  ])('%s', (_name, unit, into, field) => {
    const act = () => assertMergeable(unit, into);
    if (!field) expect(act).not.toThrow();
    else expect(act).toThrow(expect.objectContaining({ code: 'RULE_VIOLATION', details: expect.objectContaining({ rule: 'T-2', field }) }));
  });
});
