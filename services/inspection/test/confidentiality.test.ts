import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { OrgUnitKind, Role } from '@chibo/domain';
import { GatewayClient, useStack, type GraphQLResponse, type TenantHandle } from '@chibo/testkit';

/**
 * DOMAIN.md D (confidentiality), black-box through the gateway: each kind of principal tries
 * every door to a discipline case, an inspection and a supervision — by id, by list, as a
 * nested field of an org unit and of a member, by subscription — and gets exactly what the
 * rules allow; every successful read is in the read log; only inspectors read the log.
 */

const TITLE = 'Vi phạm quy định về những điều đảng viên không được làm (bảo mật)';
const INSPECTION_TITLE = 'Kiểm tra khi có dấu hiệu vi phạm (bảo mật)';
const SUPERVISION_TITLE = 'Giám sát chuyên đề (bảo mật)';

const step = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { disciplineCase { id status } } }`;
const DOORS = {
  caseById: 'query($id: ID!) { disciplineCase(id: $id) { id title } }',
  caseList: 'query($u: ID!) { disciplineCases(orgUnitId: $u, first: 10) { nodes { id title } } }',
  caseNestedUnit: 'query($u: ID!) { orgUnit(id: $u) { id disciplineCases(first: 10) { nodes { id title } } } }',
  caseNestedMember: 'query($m: ID!) { member(id: $m) { id disciplineCases { id title } } }',
  inspectionById: 'query($id: ID!) { inspection(id: $id) { id title } }',
  supervisionById: 'query($id: ID!) { supervision(id: $id) { id title } }',
  workNestedUnit: 'query($u: ID!) { orgUnit(id: $u) { id inspections { id title } supervisions { id title } } }',
  counts: 'query($u: ID!) { disciplineCaseCounts(orgUnitId: $u) { total } }',
  mine: '{ myDisciplineDecisions { caseId form } }',
  log: 'query($r: String) { confidentialReads(reader: $r, first: 100) { totalCount nodes { recordKind recordId reader via fields } } }',
};
const SUBSCRIBE = 'subscription($u: ID!) { disciplineCaseChanged(orgUnitId: $u) { changedAt disciplineCase { id title status } counts { total open } } }';

type Reads = 'content' | 'counts' | 'own' | 'none';
interface Who {
  name: string;
  subject: string;
  client: GatewayClient;
  /** Subscribe over graphql-ws as this principal. */
  subscribe: (query: string, variables: Record<string, unknown>) => { next: (ms: number) => Promise<GraphQLResponse>; close: () => Promise<void> };
  cases: Reads;
  inspections: boolean;
  log: boolean;
}

function wsSubscribe(url: string, connectionParams: Record<string, string>) {
  return (query: string, variables: Record<string, unknown>) => {
    const ws = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined });
    const queue: GraphQLResponse[] = [];
    const waiters: ((m: GraphQLResponse) => void)[] = [];
    const push = (m: GraphQLResponse) => (waiters.length ? waiters.shift()!(m) : queue.push(m));
    const dispose = ws.subscribe({ query, variables }, { next: (m) => push(m as GraphQLResponse), error: (e) => push({ errors: Array.isArray(e) ? e : [{ message: String((e as Error)?.message ?? e) }] }), complete: () => undefined });
    return {
      next: (ms: number) =>
        queue.length
          ? Promise.resolve(queue.shift()!)
          : new Promise<GraphQLResponse>((resolve, reject) => {
              const t = setTimeout(() => reject(new Error('no message')), ms);
              waiters.push((m) => (clearTimeout(t), resolve(m)));
            }),
      close: async () => {
        dispose();
        await ws.dispose();
      },
    };
  };
}

describe('confidentiality of inspection work, from outside (D)', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let memberId: string;
  let caseId: string;
  let inspectionId: string;
  let supervisionId: string;
  let wardInspector: GatewayClient;
  const principals: Who[] = [];

  const userOf = async (name: string, claims: { roles: Role[]; scopeOrgUnitId?: string | null; memberId?: string }, rights: Pick<Who, 'cases' | 'inspections' | 'log'>) => {
    const subject = `test-${name.replace(/\W+/g, '-')}-${randomUUID().slice(0, 8)}`;
    const token = await stack().token({ tenantId: city.id, subject, scopeOrgUnitId: null, ...claims });
    const who: Who = { name, subject, client: stack().client(token), subscribe: wsSubscribe(stack().gatewayUrl, { authorization: `Bearer ${token}` }), ...rights };
    principals.push(who);
    return who;
  };

  const keyOf = async (name: string, scopes: string[], rights: Pick<Who, 'cases' | 'inspections' | 'log'>) => {
    const issued = (await city.admin.ok('mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } } }', { i: { name, scopes } })).createApiKey;
    const client = new GatewayClient(stack().gatewayUrl, null);
    const keyed = Object.assign(Object.create(client), {
      execute: async (query: string, variables?: Record<string, unknown>) =>
        (await client.post(JSON.stringify({ query, variables }), { 'x-api-key': issued.secret })).json(),
    }) as GatewayClient;
    principals.push({ name, subject: `apikey:${issued.apiKey.id}`, client: keyed, subscribe: wsSubscribe(stack().gatewayUrl, { 'x-api-key': issued.secret }), ...rights });
  };

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh (ma trận bảo mật)');
    tree = await city.seedTree();
    const otherWard = await city.createOrgUnit(tree.city, OrgUnitKind.COMMITTEE, 'Đảng bộ phường Thạch Linh');
    const reg = await city.admin.ok('mutation($i: RegisterMemberInput!) { registerMember(input: $i) { member { id } } }', {
      i: { cellId: tree.cell, fullName: 'Trần Thị Hoa', dateOfBirth: '1975-09-12', gender: 'FEMALE', status: 'OFFICIAL', admittedOn: '2001-03-26', officialOn: '2002-03-26', partyCardNumber: `${Date.now()}` },
    });
    memberId = reg.registerMember.member.id;
    await stack().settle();

    wardInspector = (await userOf('inspector of the subtree', { roles: [Role.INSPECTOR], scopeOrgUnitId: tree.ward }, { cases: 'content', inspections: true, log: true })).client;
    await userOf('cell secretary', { roles: [Role.CELL_SECRETARY], scopeOrgUnitId: tree.cell }, { cases: 'none', inspections: false, log: false });
    await userOf('committee staff', { roles: [Role.COMMITTEE_STAFF], scopeOrgUnitId: tree.ward }, { cases: 'counts', inspections: false, log: false });
    await userOf('the member', { roles: [Role.MEMBER], scopeOrgUnitId: tree.cell, memberId }, { cases: 'own', inspections: false, log: false });
    await userOf('inspector of another subtree', { roles: [Role.INSPECTOR], scopeOrgUnitId: otherWard }, { cases: 'none', inspections: false, log: true });
    await keyOf('integrator key without discipline:read', ['membership:read', 'meetings:read', 'inspection:read'], { cases: 'none', inspections: true, log: false });
    await keyOf('integrator key with discipline:read', ['membership:read', 'meetings:read', 'discipline:read'], { cases: 'content', inspections: false, log: false });

    // A warning decided by the ward and announced; a supervision and an inspection of the cell.
    const open = await wardInspector.ok(step('openDisciplineCase', 'OpenDisciplineCaseInput'), {
      i: { trigger: 'DENUNCIATION', subjectKind: 'OFFICIAL_MEMBER', orgUnitId: tree.cell, subjectMemberId: memberId, title: TITLE, openedOn: '2026-03-02', violations: [{ occurredOn: '2025-11-20' }] },
    });
    caseId = open.openDisciplineCase.disciplineCase.id;
    await wardInspector.ok(step('startDisciplineSelfReview', 'DisciplineCaseStepInput'), { i: { caseId, on: '2026-03-03' } });
    await wardInspector.ok(step('verifyDisciplineCase', 'VerifyDisciplineCaseInput'), { i: { caseId, findings: 'Có vi phạm', on: '2026-03-10' } });
    await wardInspector.ok(step('deliberateDisciplineCase', 'DeliberateDisciplineCaseInput'), {
      i: { caseId, deliberatingOrgUnitId: tree.ward, proposedForm: 'WARNING', eligibleVoters: 11, votesFor: 9, votesAgainst: 2, on: '2026-03-16' },
    });
    await wardInspector.ok(step('decideDisciplineCase', 'DecideDisciplineCaseInput'), { i: { caseId, decidingOrgUnitId: tree.ward, form: 'WARNING', decisionNumber: '21-QĐ/ĐU', on: '2026-03-17' } });
    await wardInspector.ok(step('announceDisciplineDecision', 'DisciplineCaseStepInput'), { i: { caseId, on: '2026-03-20' } });
    const s = await wardInspector.ok('mutation($i: OpenSupervisionInput!) { openSupervision(input: $i) { supervision { id } } }', {
      i: { kind: 'THEMATIC', orgUnitId: tree.cell, title: SUPERVISION_TITLE, planned: true, startedOn: '2026-01-12' },
    });
    supervisionId = s.openSupervision.supervision.id;
    const i = await wardInspector.ok('mutation($i: OpenInspectionInput!) { openInspection(input: $i) { inspection { id } } }', {
      i: { kind: 'SIGNS_OF_VIOLATION', orgUnitId: tree.cell, title: INSPECTION_TITLE, decidedOn: '2026-02-09' },
    });
    inspectionId = i.openInspection.inspection.id;
    // Many steps through the gateway: give a loaded machine time.
  }, 120_000);

  const caseRow = () => ({ id: caseId, title: TITLE });

  it('D: by id, by list and as nested fields of a unit and a member, each principal reads exactly what the rules allow', async () => {
    for (const who of principals) {
      const label = (door: string) => `${who.name} — ${door}`;
      const content = who.cases === 'content';
      const byId = await who.client.execute(DOORS.caseById, { id: caseId });
      expect([label('case by id'), byId.data?.disciplineCase ?? null]).toEqual([label('case by id'), content ? caseRow() : null]);
      // Refused: by the access table at the gateway for a role it leaves out, else hidden by the subtree and confidentiality rules.
      if (!content) expect([label('case by id'), byId.errors?.[0].extensions?.code]).toEqual([label('case by id'), expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/)]);

      const list = await who.client.execute(DOORS.caseList, { u: tree.ward });
      expect([label('case list'), list.data?.disciplineCases?.nodes ?? null]).toEqual([label('case list'), content ? [caseRow()] : null]);

      const nestedUnit = await who.client.execute(DOORS.caseNestedUnit, { u: tree.cell });
      expect([label('unit.disciplineCases'), nestedUnit.data?.orgUnit?.disciplineCases?.nodes ?? null]).toEqual([label('unit.disciplineCases'), content ? [caseRow()] : null]);

      const nestedMember = await who.client.execute(DOORS.caseNestedMember, { m: memberId });
      expect([label('member.disciplineCases'), nestedMember.data?.member?.disciplineCases ?? null]).toEqual([label('member.disciplineCases'), content ? [caseRow()] : null]);

      const inspection = await who.client.execute(DOORS.inspectionById, { id: inspectionId });
      expect([label('inspection by id'), inspection.data?.inspection ?? null]).toEqual([label('inspection by id'), who.inspections ? { id: inspectionId, title: INSPECTION_TITLE } : null]);
      const supervision = await who.client.execute(DOORS.supervisionById, { id: supervisionId });
      expect([label('supervision by id'), supervision.data?.supervision ?? null]).toEqual([label('supervision by id'), who.inspections ? { id: supervisionId, title: SUPERVISION_TITLE } : null]);
      const work = await who.client.execute(DOORS.workNestedUnit, { u: tree.cell });
      const nestedWork = work.data?.orgUnit ? { inspections: work.data.orgUnit.inspections, supervisions: work.data.orgUnit.supervisions } : null;
      expect([label('unit.inspections/supervisions'), nestedWork?.inspections ?? null, nestedWork?.supervisions ?? null]).toEqual(
        who.inspections
          ? [label('unit.inspections/supervisions'), [{ id: inspectionId, title: INSPECTION_TITLE }], [{ id: supervisionId, title: SUPERVISION_TITLE }]]
          : [label('unit.inspections/supervisions'), null, null],
      );

      const counts = await who.client.execute(DOORS.counts, { u: tree.ward });
      const seesCounts = who.cases === 'counts' || (who.cases === 'content' && !who.subject.startsWith('apikey:'));
      expect([label('counts'), counts.data?.disciplineCaseCounts ?? null]).toEqual([label('counts'), seesCounts ? { total: 1 } : null]);

      const mine = await who.client.execute(DOORS.mine);
      expect([label('own decisions'), mine.data?.myDisciplineDecisions ?? []]).toEqual([label('own decisions'), who.cases === 'own' ? [{ caseId, form: 'WARNING' }] : []]);

      // Whatever was refused, nothing of the content leaked anywhere in the answers.
      if (!content) expect(`${label('answers')}: ${JSON.stringify([byId, list, nestedUnit, nestedMember])}`).not.toContain(TITLE);
      if (!who.inspections) expect(`${label('answers')}: ${JSON.stringify([inspection, supervision, work])}`).not.toContain('(bảo mật)');
    }
  });

  it('D: every successful read is in the read log with who, which record, which fields and how; nothing else is', async () => {
    for (const who of principals) {
      await who.client.execute(DOORS.caseById, { id: caseId });
      await who.client.execute(DOORS.inspectionById, { id: inspectionId });
      await who.client.execute(DOORS.workNestedUnit, { u: tree.cell });
      await who.client.execute(DOORS.mine);
    }
    for (const who of principals) {
      const log = (await wardInspector.ok(DOORS.log, { r: who.subject })).confidentialReads.nodes as { recordKind: string; recordId: string; via: string; fields: string[] }[];
      const has = (recordKind: string, recordId: string, via: string, fields: string[]) => log.some((r) => r.recordKind === recordKind && r.recordId === recordId && r.via === via && JSON.stringify(r.fields) === JSON.stringify(fields));
      const reads = {
        caseById: has('DISCIPLINE_CASE', caseId, 'BY_ID', ['id', 'title']),
        caseList: has('DISCIPLINE_CASE', caseId, 'LIST', ['id', 'title']),
        caseNested: has('DISCIPLINE_CASE', caseId, 'NESTED', ['id', 'title']),
        ownDecision: has('DISCIPLINE_CASE', caseId, 'OWN_DECISION', ['caseId', 'form']),
        inspectionById: has('INSPECTION', inspectionId, 'BY_ID', ['id', 'title']),
        inspectionNested: has('INSPECTION', inspectionId, 'NESTED', ['id', 'title']),
        supervisionNested: has('SUPERVISION', supervisionId, 'NESTED', ['id', 'title']),
      };
      const content = who.cases === 'content';
      expect([who.name, reads]).toEqual([
        who.name,
        {
          caseById: content,
          caseList: content,
          caseNested: content,
          ownDecision: who.cases === 'own',
          inspectionById: who.inspections,
          inspectionNested: who.inspections,
          supervisionNested: who.inspections,
        },
      ]);
      // What a mutation answers is a read too: the inspector who opened the inspection and the supervision read their ids.
      if (who.client === wardInspector) {
        expect([has('INSPECTION', inspectionId, 'MUTATION', ['id']), has('SUPERVISION', supervisionId, 'MUTATION', ['id'])]).toEqual([true, true]);
      }
      // A principal that may read nothing left no row at all.
      if (who.cases !== 'content' && who.cases !== 'own' && !who.inspections) expect([who.name, log]).toEqual([who.name, []]);
    }
  });

  it('D: the read log is readable only by inspectors, each within their subtree', async () => {
    for (const who of principals) {
      const res = await who.client.execute(DOORS.log, { r: null });
      if (!who.log) {
        expect([who.name, res.data ?? null, res.errors?.[0].extensions?.code]).toEqual([who.name, null, 'FORBIDDEN']);
        continue;
      }
      const rows = res.data.confidentialReads;
      // The other ward's inspector sees no read of records of this ward.
      if (who.client === wardInspector) expect(rows.totalCount).toBeGreaterThan(0);
      else expect(rows).toEqual({ totalCount: 0, nodes: [] });
    }
    const old = await city.admin.execute('query($c: ID) { disciplineCaseReads(caseId: $c, first: 5) { totalCount } }', { c: caseId });
    expect(old.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('D: a case subscription delivers the case to those who may read it, counts to committee staff, nothing to others; each delivery is logged', async () => {
    const subs = principals.map((who) => ({ who, sub: who.subscribe(SUBSCRIBE, { u: tree.ward }), first: null as GraphQLResponse | null }));
    // Refusals arrive at once, as errors.
    for (const s of subs.filter((x) => x.who.cases !== 'content' && x.who.cases !== 'counts')) s.first = await s.sub.next(10_000);
    // The others wait for a change: new cases are opened in the ward until every one of them has heard (a loaded machine may take a while to subscribe).
    const opened: string[] = [];
    const deadline = Date.now() + 45_000;
    while (subs.some((x) => !x.first) && Date.now() < deadline) {
      const o = await wardInspector.ok(step('openDisciplineCase', 'OpenDisciplineCaseInput'), {
        i: { trigger: 'DENUNCIATION', subjectKind: 'OFFICIAL_MEMBER', orgUnitId: tree.cell, subjectMemberId: memberId, title: TITLE, openedOn: '2026-06-01', violations: [{ occurredOn: '2026-05-02' }] },
      });
      opened.push(o.openDisciplineCase.disciplineCase.id);
      for (const s of subs.filter((x) => !x.first)) s.first = await s.sub.next(1_000).catch(() => null);
    }
    await Promise.all(subs.map((s) => s.sub.close()));
    for (const { who, first } of subs) {
      const change = first?.data?.disciplineCaseChanged ?? null;
      if (who.cases === 'content') {
        expect([who.name, change?.disciplineCase]).toEqual([who.name, { id: expect.any(String), title: TITLE, status: 'OPENED' }]);
        expect(opened).toContain(change.disciplineCase.id);
        expect(change.counts ?? null).toEqual(who.subject.startsWith('apikey:') ? null : { total: expect.any(Number), open: expect.any(Number) });
        // Each delivery is logged; more than one may have gone out if more cases were opened while waiting.
        const log = ((await wardInspector.ok(DOORS.log, { r: who.subject })).confidentialReads.nodes as { via: string; recordId: string }[]).filter((r) => r.via === 'SUBSCRIPTION');
        expect([who.name, log]).toEqual([who.name, expect.arrayContaining([{ recordKind: 'DISCIPLINE_CASE', recordId: change.disciplineCase.id, reader: who.subject, via: 'SUBSCRIPTION', fields: ['id', 'status', 'title'] }])]);
        expect(log.every((r) => opened.includes(r.recordId))).toBe(true);
      } else if (who.cases === 'counts') {
        expect([who.name, change]).toEqual([who.name, { changedAt: expect.any(String), disciplineCase: null, counts: { total: expect.any(Number), open: expect.any(Number) } }]);
        expect(change.counts.total).toBeGreaterThan(1);
      } else {
        expect([who.name, change, first?.errors?.[0]?.extensions?.code]).toEqual([who.name, null, expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/)]);
      }
    }
  }, 90_000);
});
