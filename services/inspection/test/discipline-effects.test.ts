import { Role } from '@chibo/domain';
import { useStack, type TenantHandle } from '@chibo/testkit';

const REGISTER = 'mutation($i: RegisterMemberInput!) { registerMember(input: $i) { member { id status } } }';
const MEMBER = 'query($id: ID!) { member(id: $id) { id status history { kind } } }';
const step = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { disciplineCase { id status } } }`;

/**
 * D-8 end to end: an expulsion decided and announced in inspection reaches membership through
 * the outbox, relay and /events, and shows through the gateway as EXPELLED; replaying the
 * outbox changes nothing more; an annulment on complaint restores the member.
 */
describe('discipline effects reach membership (D-8)', () => {
  const stack = useStack();

  it('D-8: an announced expulsion shows as EXPELLED within a second; a replay changes nothing; annulment restores', async () => {
    const city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh (hiệu lực)');
    const tree = await city.seedTree();
    const reg = await city.admin.ok(REGISTER, {
      i: { cellId: tree.cell, fullName: 'Nguyễn Văn Bình', dateOfBirth: '1968-04-02', gender: 'MALE', status: 'OFFICIAL', admittedOn: '1995-05-19', officialOn: '1996-05-19', partyCardNumber: `${Date.now()}` },
    });
    const memberId: string = reg.registerMember.member.id;
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.city });

    const opened = await inspector.ok(step('openDisciplineCase', 'OpenDisciplineCaseInput'), {
      i: { trigger: 'DENUNCIATION', subjectKind: 'OFFICIAL_MEMBER', orgUnitId: tree.cell, subjectMemberId: memberId, title: 'Vi phạm nghiêm trọng', openedOn: '2026-03-02', violations: [{ occurredOn: '2025-12-01' }] },
    });
    const caseId = opened.openDisciplineCase.disciplineCase.id;
    await inspector.ok(step('startDisciplineSelfReview', 'DisciplineCaseStepInput'), { i: { caseId, on: '2026-03-03' } });
    await inspector.ok(step('verifyDisciplineCase', 'VerifyDisciplineCaseInput'), { i: { caseId, findings: 'Có vi phạm', on: '2026-03-10' } });
    await inspector.ok(step('deliberateDisciplineCase', 'DeliberateDisciplineCaseInput'), {
      i: { caseId, deliberatingOrgUnitId: tree.ward, proposedForm: 'EXPULSION', eligibleVoters: 11, votesFor: 10, votesAgainst: 1, on: '2026-03-16' },
    });
    await inspector.ok(step('decideDisciplineCase', 'DecideDisciplineCaseInput'), { i: { caseId, decidingOrgUnitId: tree.ward, form: 'EXPULSION', decisionNumber: '20-QĐ/ĐU', on: '2026-03-17' } });
    expect((await city.admin.ok(MEMBER, { id: memberId })).member.status).toBe('OFFICIAL');

    await inspector.ok(step('announceDisciplineDecision', 'DisciplineCaseStepInput'), { i: { caseId, on: '2026-03-20' } });
    const announcedAt = Date.now();
    let status = '';
    while (Date.now() - announcedAt < 1000) {
      status = (await city.admin.ok(MEMBER, { id: memberId })).member.status;
      if (status === 'EXPELLED') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(status).toBe('EXPELLED');

    // Replay the whole outbox of inspection for this tenant: membership applies nothing twice.
    await stack().settle();
    const sql = await stack().sql('inspection', 'admin');
    try {
      const replayed = await sql.query('UPDATE inspection.outbox SET published_at = NULL WHERE tenant_id = $1', [city.id]);
      expect(replayed.rowCount).toBeGreaterThan(0);
      await sql.query(`SELECT pg_notify('chibo_inspection_outbox', $1)`, [city.id]);
    } finally {
      await sql.end();
    }
    await stack().settle();
    const after = (await city.admin.ok(MEMBER, { id: memberId })).member;
    expect(after.status).toBe('EXPELLED');
    expect(after.history.filter((h: { kind: string }) => h.kind === 'EXPELLED')).toHaveLength(1);

    // The member complains within 30 working days; the complaint annuls the decision (D-7): rights restored.
    await inspector.ok(step('fileDisciplineComplaint', 'FileDisciplineComplaintInput'), { i: { caseId, filedOn: '2026-04-01' } });
    await inspector.ok(step('resolveDisciplineComplaint', 'ResolveDisciplineComplaintInput'), { i: { caseId, outcome: 'ANNULLED', resolvedOn: '2026-05-15' } });
    await stack().settle();
    const restored = (await city.admin.ok(MEMBER, { id: memberId })).member;
    expect(restored.status).toBe('OFFICIAL');
    expect(restored.history.map((h: { kind: string }) => h.kind)).toEqual(['REGISTERED', 'EXPELLED', 'RESTORED']);
    // An annulled decision no longer counts among decisions by form.
    const counts = await city.admin.ok('query($u: ID!) { disciplineCaseCounts(orgUnitId: $u) { total byForm { form count } } }', { u: tree.city });
    expect(counts.disciplineCaseCounts).toEqual({ total: 1, byForm: [] });

    // The member's record in membership carries the cases about them, for inspectors only; the read is logged.
    const NESTED = 'query($id: ID!) { member(id: $id) { id disciplineCases { id form complaint { outcome } } } }';
    const byAdmin = await city.admin.execute(NESTED, { id: memberId });
    expect(byAdmin.data?.member).toEqual({ id: memberId, disciplineCases: null });
    const byInspector = await inspector.execute(NESTED, { id: memberId });
    expect(byInspector.data?.member?.disciplineCases ?? null).toEqual([{ id: caseId, form: 'EXPULSION', complaint: { outcome: 'ANNULLED' } }]);
    const log = await inspector.ok('query($c: ID) { disciplineCaseReads(caseId: $c, first: 50) { nodes { via fields } } }', { c: caseId });
    expect(log.disciplineCaseReads.nodes).toContainEqual({ via: 'NESTED', fields: ['complaint', 'form', 'id'] });
  });

  /** Takes a case from opening to announcement, decided by the ward. */
  async function decideByWard(inspector: Awaited<ReturnType<TenantHandle['user']>>, input: Record<string, unknown>, form: string, ward: string) {
    const opened = await inspector.ok(step('openDisciplineCase', 'OpenDisciplineCaseInput'), { i: { trigger: 'DENUNCIATION', openedOn: '2026-03-02', violations: [{ occurredOn: '2025-12-01' }], ...input } });
    const caseId: string = opened.openDisciplineCase.disciplineCase.id;
    await inspector.ok(step('startDisciplineSelfReview', 'DisciplineCaseStepInput'), { i: { caseId, on: '2026-03-03' } });
    await inspector.ok(step('verifyDisciplineCase', 'VerifyDisciplineCaseInput'), { i: { caseId, findings: 'Có vi phạm', on: '2026-03-10' } });
    await inspector.ok(step('deliberateDisciplineCase', 'DeliberateDisciplineCaseInput'), {
      i: { caseId, deliberatingOrgUnitId: ward, proposedForm: form, eligibleVoters: 11, votesFor: 10, votesAgainst: 1, on: '2026-03-16' },
    });
    await inspector.ok(step('decideDisciplineCase', 'DecideDisciplineCaseInput'), { i: { caseId, decidingOrgUnitId: ward, form, decisionNumber: '31-QĐ/ĐU', on: '2026-03-17' } });
    await inspector.ok(step('announceDisciplineDecision', 'DisciplineCaseStepInput'), { i: { caseId, on: '2026-03-20' } });
    return caseId;
  }

  async function within(ms: number, probe: () => Promise<boolean>): Promise<boolean> {
    const start = Date.now();
    do {
      if (await probe()) return true;
      await new Promise((r) => setTimeout(r, 25));
    } while (Date.now() - start < ms);
    return probe();
  }

  async function replayOutbox(tenantId: string) {
    await stack().settle();
    const sql = await stack().sql('inspection', 'admin');
    try {
      const replayed = await sql.query('UPDATE inspection.outbox SET published_at = NULL WHERE tenant_id = $1', [tenantId]);
      expect(replayed.rowCount).toBeGreaterThan(0);
      await sql.query(`SELECT pg_notify('chibo_inspection_outbox', $1)`, [tenantId]);
    } finally {
      await sql.end();
    }
    await stack().settle();
  }

  it('D-8: removal from post ends the member’s post within a second; a replay changes nothing; a reduced decision gives the post back and keeps the lighter form', async () => {
    const city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh (cách chức)');
    const tree = await city.seedTree();
    const reg = await city.admin.ok(REGISTER, {
      i: { cellId: tree.cell, fullName: 'Lê Văn Cường', dateOfBirth: '1970-02-14', gender: 'MALE', status: 'OFFICIAL', admittedOn: '1998-05-19', officialOn: '1999-05-19', partyCardNumber: `${Date.now()}` },
    });
    const memberId: string = reg.registerMember.member.id;
    await city.admin.ok('mutation($i: AssignPositionInput!) { assignPosition(input: $i) { position { id } } }', { i: { memberId, kind: 'SECRETARY', startsOn: '2025-01-10', decisionNumber: '05-QĐ/ĐU' } });
    const POSTS = 'query($id: ID!) { member(id: $id) { status positions { kind endsOn } history { kind } } }';
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.city });

    const caseId = await decideByWard(inspector, { subjectKind: 'OFFICIAL_MEMBER', orgUnitId: tree.cell, subjectMemberId: memberId, holdsPost: true, title: 'Vi phạm trong lãnh đạo chi bộ' }, 'REMOVAL_FROM_POST', tree.ward);
    const ended = await within(1000, async () => (await city.admin.ok(POSTS, { id: memberId })).member.positions[0].endsOn === '2026-03-20');
    expect(ended).toBe(true);

    await replayOutbox(city.id);
    const after = (await city.admin.ok(POSTS, { id: memberId })).member;
    expect(after).toEqual({ status: 'OFFICIAL', positions: [{ kind: 'SECRETARY', endsOn: '2026-03-20' }], history: [{ kind: 'REGISTERED' }, { kind: 'DISCIPLINED' }] });

    // On complaint the removal is reduced to a warning: the post comes back, the warning stays on record (M-7).
    await inspector.ok(step('fileDisciplineComplaint', 'FileDisciplineComplaintInput'), { i: { caseId, filedOn: '2026-04-01' } });
    await inspector.ok(step('resolveDisciplineComplaint', 'ResolveDisciplineComplaintInput'), { i: { caseId, outcome: 'REDUCED', reducedForm: 'WARNING', resolvedOn: '2026-05-15' } });
    await stack().settle();
    await replayOutbox(city.id);
    expect((await city.admin.ok(POSTS, { id: memberId })).member).toEqual({
      status: 'OFFICIAL',
      positions: [{ kind: 'SECRETARY', endsOn: null }],
      history: [{ kind: 'REGISTERED' }, { kind: 'DISCIPLINED' }, { kind: 'DISCIPLINE_ANNULLED' }, { kind: 'DISCIPLINED' }],
    });
  });

  it('D-8: an annulled expulsion restores the member and their post — unless the cell has elected another secretary meanwhile', async () => {
    const city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh (phục hồi chức vụ)');
    const tree = await city.seedTree();
    const register = async (fullName: string, cellId: string) =>
      (await city.admin.ok(REGISTER, { i: { cellId, fullName, dateOfBirth: '1972-08-19', gender: 'MALE', status: 'OFFICIAL', admittedOn: '1999-05-19', officialOn: '2000-05-19', partyCardNumber: `${Date.now()}${fullName.length}` } })).registerMember.member.id as string;
    const ASSIGN = 'mutation($i: AssignPositionInput!) { assignPosition(input: $i) { position { id } } }';
    const POSTS = 'query($id: ID!) { member(id: $id) { status positions { kind endsOn } } }';
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.city });
    // Two secretaries of two cells are expelled; one cell elects a successor before the annulments.
    const kept = await register('Đặng Văn Kiên', tree.cell);
    const replaced = await register('Bùi Văn Long', tree.otherCell);
    const successor = await register('Ngô Văn Minh', tree.otherCell);
    await city.admin.ok(ASSIGN, { i: { memberId: kept, kind: 'SECRETARY', startsOn: '2024-01-10' } });
    await city.admin.ok(ASSIGN, { i: { memberId: replaced, kind: 'SECRETARY', startsOn: '2024-01-10' } });
    const keptCase = await decideByWard(inspector, { subjectKind: 'OFFICIAL_MEMBER', orgUnitId: tree.cell, subjectMemberId: kept, title: 'Vi phạm' }, 'EXPULSION', tree.ward);
    const replacedCase = await decideByWard(inspector, { subjectKind: 'OFFICIAL_MEMBER', orgUnitId: tree.otherCell, subjectMemberId: replaced, title: 'Vi phạm' }, 'EXPULSION', tree.ward);
    expect(await within(1000, async () => (await city.admin.ok(POSTS, { id: replaced })).member.status === 'EXPELLED')).toBe(true);
    await city.admin.ok(ASSIGN, { i: { memberId: successor, kind: 'SECRETARY', startsOn: '2026-04-01' } });

    for (const caseId of [keptCase, replacedCase]) {
      await inspector.ok(step('fileDisciplineComplaint', 'FileDisciplineComplaintInput'), { i: { caseId, filedOn: '2026-04-01' } });
      await inspector.ok(step('resolveDisciplineComplaint', 'ResolveDisciplineComplaintInput'), { i: { caseId, outcome: 'ANNULLED', resolvedOn: '2026-05-15' } });
    }
    await stack().settle();
    expect((await city.admin.ok(POSTS, { id: kept })).member).toEqual({ status: 'OFFICIAL', positions: [{ kind: 'SECRETARY', endsOn: null }] });
    expect((await city.admin.ok(POSTS, { id: replaced })).member).toEqual({ status: 'OFFICIAL', positions: [{ kind: 'SECRETARY', endsOn: '2026-03-20' }] });
    expect((await city.admin.ok(POSTS, { id: successor })).member.positions).toEqual([{ kind: 'SECRETARY', endsOn: null }]);
  });

  it('D-8: a dissolution closes the unit within a second; a replay changes nothing; annulment reopens it', async () => {
    const city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh (giải tán)');
    const tree = await city.seedTree();
    const UNIT = 'query($id: ID!) { orgUnit(id: $id) { id validTo } }';
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.city });
    const caseId = await decideByWard(inspector, { subjectKind: 'ORG_UNIT', orgUnitId: tree.otherCell, title: 'Chi bộ vi phạm nghiêm trọng nguyên tắc tập trung dân chủ' }, 'DISSOLUTION', tree.ward);
    expect(await within(1000, async () => (await city.admin.ok(UNIT, { id: tree.otherCell })).orgUnit.validTo === '2026-03-20')).toBe(true);
    // The other cell is untouched, and the dissolved one stays queryable (T-2).
    expect((await city.admin.ok(UNIT, { id: tree.cell })).orgUnit.validTo).toBeNull();

    await replayOutbox(city.id);
    expect((await city.admin.ok(UNIT, { id: tree.otherCell })).orgUnit.validTo).toBe('2026-03-20');
    const sql = await stack().sql('membership', 'admin');
    try {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM membership.outbox WHERE tenant_id = $1 AND type = 'OrgUnitDissolved'`, [city.id]);
      expect(rows[0].n).toBe(1);
    } finally {
      await sql.end();
    }

    await inspector.ok(step('fileDisciplineComplaint', 'FileDisciplineComplaintInput'), { i: { caseId, filedOn: '2026-04-01' } });
    await inspector.ok(step('resolveDisciplineComplaint', 'ResolveDisciplineComplaintInput'), { i: { caseId, outcome: 'ANNULLED', resolvedOn: '2026-05-15' } });
    expect(await within(1000, async () => (await city.admin.ok(UNIT, { id: tree.otherCell })).orgUnit.validTo === null)).toBe(true);
    await replayOutbox(city.id);
    expect((await city.admin.ok(UNIT, { id: tree.otherCell })).orgUnit.validTo).toBeNull();
  });
});
