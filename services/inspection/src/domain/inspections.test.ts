import { DomainError, InspectionKind, InspectionStatus as I, MemberStatus, OrgUnitKind, Role, SupervisionKind, SupervisionStatus, type Principal } from '@chibo/domain';
import { INSPECTION_STEPS, advanceInspection, openInspection, type Inspection, type InspectionPorts } from './inspections';
import { concludeSupervision, openSupervision, type Supervision, type SupervisionPorts } from './supervisions';

const units = { city: ['city'], ward: ['city', 'ward'], cell: ['city', 'ward', 'cell'] } as Record<string, string[]>;

function memory() {
  const inspections = new Map<string, Inspection>();
  const supervisions = new Map<string, Supervision>();
  const ports: InspectionPorts & SupervisionPorts = {
    findUnit: async (id) => (units[id] ? { id, lineage: units[id] } : null),
    insertInspection: async (i) => void inspections.set(i.id, i),
    findInspection: async (id) => inspections.get(id) ?? null,
    saveInspection: async (i) => void inspections.set(i.id, i),
    findSupervisionOutcome: async (id) => {
      const s = supervisions.get(id);
      return s ? { orgUnitId: s.orgUnitId, status: s.status, signsOfViolation: s.signsOfViolation } : null;
    },
    findSupervision: async (id) => supervisions.get(id) ?? null,
    insertSupervision: async (s) => void supervisions.set(s.id, s),
    saveSupervision: async (s) => void supervisions.set(s.id, s),
    findPlanItem: async () => null,
    publish: () => undefined,
    // m1 is on membership's rolls (and has since transferred out); nobody else is.
    memberFacts: async (id, on) => (id === 'm1' ? { id, fullName: 'Võ Văn Tám', status: MemberStatus.TRANSFERRED_OUT, cellId: 'cell', admittedOn: '1999-01-01', partyAgeYears: 27, posts: [] } : null),
    unitFacts: async (id) => (units[id] ? { id, name: `Tổ chức ${id}`, kind: OrgUnitKind.CELL, parentId: null, validFrom: '2020-01-01', validTo: id === 'cell' ? '2026-01-31' : null } : null),
  };
  return { ports, inspections };
}

const inspector: Principal = { tenantId: 't', subject: 'insp', roles: [Role.INSPECTOR], scopeOrgUnitId: 'ward' };
const open = (ports: InspectionPorts, over = {}) =>
  openInspection(inspector, { kind: InspectionKind.SIGNS_OF_VIOLATION, orgUnitId: 'cell', title: 'Kiểm tra khi có dấu hiệu vi phạm', decidedOn: '2026-03-02', ...over }, ports);

describe('D-2: inspection steps', () => {
  const order = [I.DECIDED, I.SUBJECT_NOTIFIED, I.SELF_REPORTED, I.VERIFIED, I.CONCLUDED];
  const rows: [string, I, I, boolean][] = [];
  for (const from of order) for (const to of order.slice(1)) rows.push([`D-2: ${from} → ${to} ${INSPECTION_STEPS[from].includes(to) ? 'is allowed' : 'is refused'}`, from, to, INSPECTION_STEPS[from].includes(to)]);
  it.each(rows)('%s', async (_name, from, to, ok) => {
    const { ports } = memory();
    let i = await open(ports);
    for (const s of order.slice(1, order.indexOf(from) + 1)) i = await advanceInspection(inspector, i.id, { to: s, on: '2026-03-05', violationFound: true, conclusion: 'Có vi phạm' }, ports);
    const r = await advanceInspection(inspector, i.id, { to, on: '2026-03-06', violationFound: false, conclusion: 'Không vi phạm' }, ports).catch((e: DomainError) => e);
    if (ok) expect(r).toMatchObject({ status: to });
    else expect((r as DomainError).details).toMatchObject({ rule: 'D-2', currentState: from, requestedState: to, allowedStates: [...INSPECTION_STEPS[from]] });
  });

  it('D-2: a conclusion records whether a violation was found, its text and date', async () => {
    const { ports } = memory();
    let i = await open(ports);
    for (const to of [I.SUBJECT_NOTIFIED, I.SELF_REPORTED, I.VERIFIED]) i = await advanceInspection(inspector, i.id, { to, on: '2026-03-05' }, ports);
    const missing = await advanceInspection(inspector, i.id, { to: I.CONCLUDED, on: '2026-03-06' }, ports).catch((e: DomainError) => e);
    expect((missing as DomainError).details).toMatchObject({ rule: 'D-2', field: 'conclusion' });
    i = await advanceInspection(inspector, i.id, { to: I.CONCLUDED, on: '2026-03-06', violationFound: true, conclusion: 'Vi phạm quy chế' }, ports);
    expect(i).toMatchObject({ violationFound: true, conclusion: 'Vi phạm quy chế', concludedOn: '2026-03-06' });
    expect(i.history.map((h) => h.to)).toEqual(order);
  });

  it('D-2: an inspector outside the subtree cannot move it (it does not exist for them)', async () => {
    const { ports } = memory();
    const i = await open(ports);
    const other: Principal = { ...inspector, scopeOrgUnitId: 'ward-2' };
    const r = await advanceInspection(other, i.id, { to: I.SUBJECT_NOTIFIED }, ports).catch((e: DomainError) => e);
    expect((r as DomainError).code).toBe('NOT_FOUND');
  });
});

describe('D-1: supervision findings may open an inspection', () => {
  it.each<[string, boolean | null, string | null]>([
    ['D-1: a supervision concluded with signs of violation opens an inspection', true, null],
    ['D-1: one concluded without signs does not', false, 'RULE_VIOLATION'],
    ['D-1: one still open does not', null, 'RULE_VIOLATION'],
  ])('%s', async (_name, signs, code) => {
    const { ports } = memory();
    let s = await openSupervision(inspector, { kind: SupervisionKind.THEMATIC, orgUnitId: 'cell', title: 'Giám sát chuyên đề', planned: true, startedOn: '2026-01-10' }, ports);
    expect(s.status).toBe(SupervisionStatus.OPEN);
    if (signs !== null) s = await concludeSupervision(inspector, s.id, { findings: 'Kết quả', signsOfViolation: signs, concludedOn: '2026-02-10' }, ports);
    const r = await open(ports, { supervisionId: s.id }).catch((e: DomainError) => e);
    if (code === null) expect(r).toMatchObject({ supervisionId: s.id, status: I.DECIDED });
    else expect((r as DomainError).details).toMatchObject({ rule: 'D-1', field: 'supervisionId' });
  });

  it('D-1: a supervision is concluded once', async () => {
    const { ports } = memory();
    const s = await openSupervision(inspector, { kind: SupervisionKind.REGULAR, orgUnitId: 'cell', title: 'Giám sát thường xuyên', startedOn: '2026-01-10' }, ports);
    await concludeSupervision(inspector, s.id, { findings: 'Tốt', signsOfViolation: false, concludedOn: '2026-02-10' }, ports);
    const again = await concludeSupervision(inspector, s.id, { findings: 'Lại', signsOfViolation: true }, ports).catch((e: DomainError) => e);
    expect((again as DomainError).details).toMatchObject({ rule: 'D-1', currentState: 'CONCLUDED' });
  });
});

describe('subjects of inspections and supervisions come from membership', () => {
  it('D-2/T-2: a member who has since transferred, and a dissolved unit, are still subjects, described as membership keeps them', async () => {
    const { ports } = memory();
    const ofMember = await open(ports, { subjectMemberId: 'm1' });
    expect(ofMember.subject).toMatchObject({ asOf: '2026-03-02', name: 'Võ Văn Tám', memberStatus: 'TRANSFERRED_OUT', partyAgeYears: 27 });
    const ofUnit = await openSupervision(inspector, { kind: SupervisionKind.THEMATIC, orgUnitId: 'cell', title: 'Giám sát', startedOn: '2026-03-02' }, ports);
    expect(ofUnit.subject).toMatchObject({ name: 'Tổ chức cell', dissolvedOn: '2026-01-31', memberStatus: null });
  });

  it('D-2: a member membership does not know is not found, and nothing is opened', async () => {
    const { ports, inspections } = memory();
    expect(await open(ports, { subjectMemberId: 'nobody' }).catch((e: DomainError) => [e.code, e.details.field])).toEqual(['NOT_FOUND', 'subjectMemberId']);
    expect(await openSupervision(inspector, { kind: SupervisionKind.REGULAR, orgUnitId: 'cell', subjectMemberId: 'nobody', title: 'Giám sát' }, ports).catch((e: DomainError) => e.code)).toBe('NOT_FOUND');
    expect(inspections.size).toBe(0);
  });
});
