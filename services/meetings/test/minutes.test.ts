import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AgendaCategory, AttendanceStatus, ContributionKind, Gender, MeetingKind, MemberStatus, Role } from '@chibo/domain';
import { useStack, type GatewayClient, type TenantHandle } from '@chibo/testkit';

const NAMES = ['Nguyễn Thị Hường', 'Trần Văn Đức', 'Lê Thị Ánh Tuyết', 'Phạm Quốc Việt', 'Đặng Thị Ngọc Hà'];
const MINUTES = 'query($id: ID!) { meeting(id: $id) { minutesPdf { fileName contentType byteLength base64 } } }';

/**
 * The text a reader would copy out of the PDF, extracted by pdf.js (through pdf-parse). It runs
 * in a plain node process: pdf.js loads its worker with a dynamic import, which Jest's VM refuses.
 */
async function textOf(base64: string): Promise<string> {
  const script = `const { PDFParse } = require('pdf-parse');
    let input = ''; process.stdin.on('data', (c) => (input += c)).on('end', async () => {
      const parser = new PDFParse({ data: Buffer.from(input, 'base64') });
      process.stdout.write((await parser.getText()).text); await parser.destroy();
    });`;
  const child = promisify(execFile)(process.execPath, ['-e', script], { cwd: __dirname, maxBuffer: 16 << 20 });
  child.child.stdin!.end(base64);
  return (await child).stdout.normalize('NFC');
}

/** Biên bản sinh hoạt chi bộ: a PDF made from the recorded facts, with the members' names as written. */
describe('the minutes of a meeting as a PDF', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let secretary: GatewayClient;
  let ids: string[];
  let meetingId: string;

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh');
    tree = await city.seedTree();
    ids = [];
    for (const [i, fullName] of NAMES.entries()) {
      const r = await city.admin.ok('mutation($i: RegisterMemberInput!) { registerMember(input: $i) { member { id } } }', {
        i: { cellId: tree.cell, fullName, dateOfBirth: '1970-05-19', gender: i % 2 ? Gender.MALE : Gender.FEMALE, status: MemberStatus.OFFICIAL, admittedOn: '2000-02-03', officialOn: '2001-02-03', partyCardNumber: `MIN${process.pid}${i}` },
      });
      ids.push(r.registerMember.member.id);
    }
    await stack().settle();
    secretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.cell });
    const rec = await secretary.ok('mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }', {
      i: { cellId: tree.cell, kind: MeetingKind.REGULAR, title: 'Xây dựng tuyến phố văn minh kiểu mẫu', heldAt: '2026-11-03T12:30:00.000Z', location: 'Nhà văn hóa tổ dân phố 3' },
    });
    meetingId = rec.recordMeeting.meeting.id;
    const item = await secretary.ok('mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }', {
      i: { meetingId, category: AgendaCategory.PARTY_BUILDING, title: 'Triển khai xây dựng tuyến phố kiểu mẫu', presenterMemberId: ids[0], plannedMinutes: 60, actualMinutes: 70 },
    });
    const itemId = item.addAgendaItem.agendaItem.id;
    await secretary.ok('mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }', {
      i: {
        meetingId,
        chairMemberId: ids[0],
        secretaryMemberId: ids[1],
        entries: [
          ...ids.slice(0, 4).map((memberId) => ({ memberId, status: AttendanceStatus.PRESENT })),
          { memberId: ids[4], status: AttendanceStatus.ABSENT_EXCUSED, reason: 'Đi công tác' },
        ],
      },
    });
    await secretary.ok('mutation($i: RecordContributionsInput!) { recordContributions(input: $i) { meeting { id } } }', {
      i: { meetingId, contributions: [{ memberId: ids[2], agendaItemId: itemId, kind: ContributionKind.PROPOSAL }, { memberId: ids[3], agendaItemId: itemId, kind: ContributionKind.OPINION }] },
    });
    await secretary.ok('mutation($i: AdoptResolutionInput!) { adoptResolution(input: $i) { resolution { id } } }', {
      i: {
        meetingId,
        number: '07-NQ/CB',
        text: 'Xây dựng tuyến phố văn minh kiểu mẫu tổ dân phố 3',
        votesFor: 4,
        votesAgainst: 0,
        votesAbstain: 0,
        tasks: [{ title: 'Vận động nhân dân đóng góp kinh phí', ownerMemberId: ids[3], dueOn: '2026-12-31', targetValue: 100_000_000, targetUnit: 'VND' }],
      },
    });
  }, 90_000);

  it('contains the header, the members by name with their diacritics, the content, the resolution and its vote', async () => {
    const member = await city.user({ role: Role.MEMBER, scope: tree.cell, memberId: ids[2] });
    const { meeting } = await member.ok(MINUTES, { id: meetingId });
    expect(meeting.minutesPdf).toMatchObject({ contentType: 'application/pdf', fileName: expect.stringMatching(/^bien-ban-2026-11-03-.*\.pdf$/) });
    const bytes = Buffer.from(meeting.minutesPdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBe(meeting.minutesPdf.byteLength);

    const text = await textOf(meeting.minutesPdf.base64);
    const flat = text.replace(/\s+/g, ' ');
    for (const fragment of [
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'CHI BỘ TỔ DÂN PHỐ 3',
      'ĐẢNG BỘ PHƯỜNG TÂN GIANG',
      'BIÊN BẢN',
      'THƯỜNG KỲ THÁNG 11/2026',
      'Vào hồi 19 giờ 30 phút, ngày 03 tháng 11 năm 2026',
      'Nhà văn hóa tổ dân phố 3',
      'Chủ trì: đồng chí Nguyễn Thị Hường',
      'Thư ký: đồng chí Trần Văn Đức',
      'Có mặt: 4/5',
      'Đặng Thị Ngọc Hà (Đi công tác)',
      'Đồng chí Lê Thị Ánh Tuyết đề xuất',
      'Đồng chí Phạm Quốc Việt phát biểu ý kiến',
      'Nghị quyết số 07-NQ/CB',
      '100.000.000 VND',
      'tán thành 4/4',
      'THƯ KÝ',
      'CHỦ TRÌ',
    ]) {
      expect([fragment, flat.includes(fragment)]).toEqual([fragment, true]);
    }
    // Every member's name, diacritics included, is in the document.
    for (const name of NAMES) expect([name, flat.includes(name)]).toEqual([name, true]);
  });

  it("a user of another cell, or of another tenant, cannot get the minutes", async () => {
    const otherSecretary = await city.user({ role: Role.CELL_SECRETARY, scope: tree.otherCell });
    const res = await otherSecretary.execute(MINUTES, { id: meetingId });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(res.data?.meeting ?? null).toBeNull();
    const stranger = await stack().createTenant('Đảng bộ khác');
    const res2 = await stranger.admin.execute(MINUTES, { id: meetingId });
    expect(res2.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(JSON.stringify(res2.data ?? null)).not.toContain('base64');
  });

  it('a planned meeting has no minutes yet', async () => {
    const planned = await secretary.ok('mutation($i: PlanMeetingInput!) { planMeeting(input: $i) { meeting { id } } }', {
      i: { cellId: tree.cell, kind: MeetingKind.THEMATIC, title: 'Chuyên đề quý I', scheduledAt: '2027-01-15T01:00:00.000Z' },
    });
    const { meeting } = await secretary.ok(MINUTES, { id: planned.planMeeting.meeting.id });
    expect(meeting.minutesPdf).toBeNull();
  });
});
