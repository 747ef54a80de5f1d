import { AgendaCategory, AttendanceStatus, Gender, MeetingKind, MemberStatus, PositionKind, Role, TransferKind } from '@chibo/domain';
import type { Stack, TenantHandle } from '@chibo/testkit';
import type { IdBook } from './probes';

/** A word no tenant but the victim uses: any response that contains it leaked the victim's data. */
export const VICTIM_MARK = 'Bmark';

const todayVn = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const daysAgoVn = (n: number) => new Date(Date.now() + 7 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);

/**
 * The victim tenant with one record of every kind an ID argument can name, made through the
 * API by its own staff; names and titles carry VICTIM_MARK.
 */
export async function seedVictim(stack: Stack, t: TenantHandle): Promise<IdBook> {
  const tree = await t.seedTree();
  const staff = t.admin;
  const register = async (fullName: string, card: string) =>
    (
      await staff.ok('mutation($i: RegisterMemberInput!) { registerMember(input: $i) { member { id } } }', {
        i: {
          cellId: tree.cell,
          fullName,
          dateOfBirth: '1970-05-19',
          gender: Gender.MALE,
          status: MemberStatus.OFFICIAL,
          admittedOn: '2000-02-03',
          officialOn: '2001-02-03',
          partyCardNumber: card,
        },
      })
    ).registerMember.member.id as string;
  const stamp = `${process.pid}${Date.now() % 100000}`;
  const members = [
    await register(`Lê Văn ${VICTIM_MARK} Một`, `${stamp}1`),
    await register(`Trần Thị ${VICTIM_MARK} Hai`, `${stamp}2`),
    await register(`Phạm Văn ${VICTIM_MARK} Ba`, `${stamp}3`),
  ];
  const position = await staff.ok('mutation($i: AssignPositionInput!) { assignPosition(input: $i) { position { id } } }', {
    i: { memberId: members[0], kind: PositionKind.SECRETARY, startsOn: '2024-01-02', decisionNumber: `${VICTIM_MARK}-QĐ` },
  });
  await stack.settle();

  const meeting = (
    await staff.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
      i: { cellId: tree.cell, kind: MeetingKind.REGULAR, title: `${VICTIM_MARK} sinh hoạt thường kỳ`, heldAt: new Date(Date.now() - 2 * 86_400_000).toISOString() },
    })
  ).recordMeeting.meeting.id as string;
  const agendaItem = (
    await staff.ok('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }', {
      i: { meetingId: meeting, category: AgendaCategory.PARTY_BUILDING, title: `${VICTIM_MARK} xây dựng Đảng`, plannedMinutes: 30, actualMinutes: 30 },
    })
  ).addAgendaItem.agendaItem.id as string;
  await staff.ok('mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }', {
    i: { meetingId: meeting, entries: members.map((memberId) => ({ memberId, status: AttendanceStatus.PRESENT })) },
  });
  const resolution = (
    await staff.ok('mutation($i: AdoptResolutionInput!) { adoptResolution(input: $i) { resolution { id tasks { id } } } }', {
      i: {
        meetingId: meeting,
        number: '01-NQ/CB',
        text: `${VICTIM_MARK} nghị quyết`,
        votesFor: members.length,
        votesAgainst: 0,
        votesAbstain: 0,
        tasks: [{ title: `${VICTIM_MARK} nhiệm vụ`, ownerGroup: 'Chi ủy', dueOn: '2026-12-31' }],
      },
    })
  ).adoptResolution.resolution;

  const transfer = await staff.ok('mutation($i: TransferMemberInput!) { transferMember(input: $i) { transfer { id } } }', {
    i: { memberId: members[2], toCellId: tree.otherCell, kind: TransferKind.OFFICIAL, decisionNumber: `${VICTIM_MARK}-CSH`, decisionDate: daysAgoVn(3), startsOn: todayVn() },
  });

  const inspector = await t.user({ role: Role.INSPECTOR, scope: tree.city });
  const plan = (
    await inspector.ok('mutation($i: CreateInspectionPlanInput!) { createInspectionPlan(input: $i) { plan { id items { id } } } }', {
      i: {
        orgUnitId: tree.ward,
        year: 2026,
        title: `${VICTIM_MARK} kế hoạch`,
        items: [{ work: 'SUPERVISION', kind: 'THEMATIC', targetOrgUnitId: tree.cell, title: `${VICTIM_MARK} giám sát chuyên đề`, dueQuarter: 4 }],
      },
    })
  ).createInspectionPlan.plan;
  const supervision = await inspector.ok('mutation($i: OpenSupervisionInput!) { openSupervision(input: $i) { supervision { id } } }', {
    i: { kind: 'REGULAR', orgUnitId: tree.cell, title: `${VICTIM_MARK} giám sát` },
  });
  const inspection = await inspector.ok('mutation($i: OpenInspectionInput!) { openInspection(input: $i) { inspection { id } } }', {
    i: { kind: 'PLANNED', orgUnitId: tree.ward, title: `${VICTIM_MARK} kiểm tra` },
  });
  const disciplineCase = await inspector.ok('mutation($i: OpenDisciplineCaseInput!) { openDisciplineCase(input: $i) { disciplineCase { id } } }', {
    i: {
      trigger: 'DENUNCIATION',
      subjectKind: 'OFFICIAL_MEMBER',
      orgUnitId: tree.cell,
      subjectMemberId: members[1],
      title: `${VICTIM_MARK} vụ việc`,
      openedOn: '2026-03-02',
      violations: [{ occurredOn: '2025-11-20' }],
    },
  });
  const apiKey = await staff.ok('mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id } } }', {
    i: { name: `${VICTIM_MARK} khóa`, scopes: ['membership:read'] },
  });
  // A read of the inspection, so the confidential-read log has a row of the victim's to aim at.
  await inspector.ok('query($id: ID!) { inspection(id: $id) { id } }', { id: inspection.openInspection.inspection.id });
  const calendarDay = await staff.ok('mutation($i: AddTenantCalendarDayInput!) { addTenantCalendarDay(input: $i) { day { id } } }', {
    i: { date: '2026-06-16', kind: 'HOLIDAY', reason: `${VICTIM_MARK} nghỉ riêng` },
  });
  const document = await staff.ok('mutation($i: RegisterHigherDocumentInput!) { registerHigherDocument(input: $i) { id } }', {
    i: { orgUnitId: tree.ward, kind: 'DIRECTIVE', number: `${VICTIM_MARK}-CT/TU`, title: `${VICTIM_MARK} chỉ thị`, issuer: 'Tỉnh ủy', issuedOn: '2026-01-05', disseminateBy: '2026-12-31' },
  });
  // A public address (so registration passes the SSRF check) and an event type that never
  // happens: the endpoint exists but is never called.
  const webhook = await staff.ok('mutation($i: RegisterWebhookInput!) { registerWebhook(input: $i) { webhook { id } } }', {
    i: { url: 'https://93.184.215.14/chibo-probe', eventTypes: ['ProbeNeverSent'], scopes: ['membership:read'] },
  });
  // A pending letter to a third tenant, never to the attacker: were it addressed to A, A's
  // accepting it would be the designed way for B's member to leave, not an attack.
  const receiver = await stack.createTenant('Đảng bộ nhận giấy giới thiệu');
  const letter = await staff.ok('mutation($i: IssueTransferLetterInput!) { issueTransferLetter(input: $i) { letter { id } } }', {
    i: { memberId: members[0], toTenantId: receiver.id, letterNumber: `${VICTIM_MARK}-GGT` },
  });
  await stack.settle();
  return {
    OrgUnit: tree.ward,
    Cell: tree.cell,
    Member: members[1],
    Position: position.assignPosition.position.id,
    Transfer: transfer.transferMember.transfer.id,
    Meeting: meeting,
    AgendaItem: agendaItem,
    Resolution: resolution.id,
    ResolutionTask: resolution.tasks[0].id,
    InspectionPlan: plan.id,
    InspectionPlanItem: plan.items[0].id,
    Supervision: supervision.openSupervision.supervision.id,
    Inspection: inspection.openInspection.inspection.id,
    DisciplineCase: disciplineCase.openDisciplineCase.disciplineCase.id,
    ApiKey: apiKey.createApiKey.apiKey.id,
    TransferLetter: letter.issueTransferLetter.letter.id,
    TenantCalendarDay: calendarDay.addTenantCalendarDay.day.id,
    HigherDocument: document.registerHigherDocument.id,
    Webhook: webhook.registerWebhook.webhook.id,
    Tenant: t.id,
  };
}

/**
 * Everything the tenant owns, table by table, as one hash each: the tables are found from the
 * catalogue (every table with a tenant_id), so a table added later is watched too.
 */
export async function snapshotTenant(stack: Stack, tenantId: string, ignore: string[] | RegExp = []): Promise<Record<string, string>> {
  const ignored = (table: string) => (Array.isArray(ignore) ? ignore.includes(table) : ignore.test(table));
  const sql = await stack.sql('membership', 'admin');
  try {
    const { rows: tables } = await sql.query<{ schema: string; name: string }>(
      `SELECT c.table_schema AS schema, c.table_name AS name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
        WHERE c.column_name = 'tenant_id' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
        ORDER BY 1, 2`,
    );
    // One round trip for all tables: the suites take a snapshot around every probe.
    const parts = tables
      .filter(({ schema, name }) => !ignored(`${schema}.${name}`))
      .map(
        ({ schema, name }) =>
          `SELECT '${schema}.${name}' AS t, count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${schema}"."${name}" x WHERE tenant_id = $1`,
      );
    const { rows } = await sql.query<{ t: string; n: number; h: string }>(parts.join(' UNION ALL '), [tenantId]);
    return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
  } finally {
    await sql.end();
  }
}

/** Every id the tenant's rows carry: none may appear in what another tenant is answered. */
export async function idsOfTenant(stack: Stack, tenantId: string): Promise<Set<string>> {
  const sql = await stack.sql('membership', 'admin');
  try {
    const { rows: tables } = await sql.query<{ schema: string; name: string }>(
      `SELECT a.table_schema AS schema, a.table_name AS name FROM information_schema.columns a
         JOIN information_schema.columns b ON b.table_schema = a.table_schema AND b.table_name = a.table_name AND b.column_name = 'id' AND b.data_type = 'uuid'
         JOIN information_schema.tables t ON t.table_schema = a.table_schema AND t.table_name = a.table_name AND t.table_type = 'BASE TABLE'
        WHERE a.column_name = 'tenant_id' AND a.table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    const ids = new Set<string>([tenantId]);
    for (const { schema, name } of tables) {
      const { rows } = await sql.query(`SELECT id::text AS id FROM "${schema}"."${name}" WHERE tenant_id = $1`, [tenantId]);
      for (const r of rows) ids.add(r.id);
    }
    return ids;
  } finally {
    await sql.end();
  }
}
