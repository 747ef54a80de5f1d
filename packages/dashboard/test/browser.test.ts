import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { AttendanceStatus, DisciplineForm, DisciplineSubjectKind, DisciplineTrigger, MeetingKind, OrgUnitKind, Role, monthPeriod } from '@chibo/domain';
import { useStack, type TenantHandle } from '@chibo/testkit';
import { admitMembers } from '../../../services/meetings/test/helpers';
import { startDemoGateway } from './demo-gateway';

/** Debian's `chromium` package (installed by .ci/run), never a downloaded browser build. */
const CHROMIUM = process.env.CHIBO_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const RECORD = 'mutation($i: RecordMeetingInput!) { recordMeeting(input: $i) { meeting { id } } }';
/** Where screenshots go: `.ci/run` points this at `.ci/artifacts`, kept by CI; else the OS temp folder. */
const ARTIFACTS = process.env.CHIBO_ARTIFACTS_DIR ?? tmpdir();
mkdirSync(ARTIFACTS, { recursive: true });
const SCREENSHOT = join(ARTIFACTS, 'chibo-dashboard.png');
const SCREENSHOT_PHONE = join(ARTIFACTS, 'chibo-dashboard-phone.png');
const SCREENSHOT_DRILL = join(ARTIFACTS, 'chibo-dashboard-drilldown-phone.png');

/** Debian's Chromium with a throwaway profile (never a downloaded browser); `close` removes the profile too. */
async function launchBrowser(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as .ci/run does`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'chibo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, locale: 'vi-VN', ...(viewport ? { viewport } : {}) });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The web dashboard in a real browser, as a committee leader uses it: pick a demo account,
 * open a ward in the tree, and watch its meetings figure change when a cell records a
 * meeting — with no reload.
 */
describe('the web dashboard in Chromium', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let gw: Awaited<ReturnType<typeof startDemoGateway>>;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố Hà Tĩnh');
    tree = await city.seedTree();
    gw = await startDemoGateway(stack(), { tenantId: city.id, ...tree });
    browser = await launchBrowser({ width: 1280, height: 860 });
    context = browser.context;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  const figure = (page: Page, name: string) => page.getByTestId(`figure-${name}`);

  it('logs in with the demo picker, navigates to a ward and sees a recorded meeting arrive live', async () => {
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    page.on('request', (r) => {
      if (!r.url().startsWith(gw.base) && !r.url().startsWith('data:')) failed.push(`outside: ${r.url()}`);
    });
    await page.goto(`${gw.base}/`);
    await page.locator('[data-account="city-admin"]').click();

    await expectText(page.getByTestId('live'), 'Trực tiếp');
    await expectText(page.getByTestId('unit-name'), 'Đảng bộ thành phố Hà Tĩnh');
    await page.getByRole('navigation').getByRole('button', { name: /Đảng bộ phường Tân Giang/ }).click();
    await expectText(page.getByTestId('unit-name'), 'Đảng bộ phường Tân Giang');
    await expectText(figure(page, 'cellCount'), '2');
    await expectText(figure(page, 'meetingsHeld'), '0');

    // A marker that a reload would wipe out.
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    await city.admin.ok(RECORD, { i: { cellId: tree.cell, kind: MeetingKind.REGULAR, title: 'Sinh hoạt chi bộ thường kỳ', heldAt: new Date().toISOString() } });
    await expectText(figure(page, 'meetingsHeld'), '1');
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

    // The table of the ward's cells: each cell's own figure, and a click drills down to it.
    const row = (id: string) => page.locator(`[data-testid="children-table"] tr[data-unit="${id}"] td`).nth(1);
    await expectText(row(tree.cell), '1');
    await expectText(row(tree.otherCell), '0');

    // Another period: last month had no meeting; back to this month, the figure is back.
    const now = new Date(Date.now() + 7 * 3_600_000);
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    await page.getByTestId('period').fill(`${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, '0')}`);
    await expectText(figure(page, 'meetingsHeld'), '0');
    await page.getByTestId('period').fill(monthPeriod(new Date()));
    await expectText(figure(page, 'meetingsHeld'), '1');

    // The chart of the ward's cells follows too, and everything came from the gateway itself.
    await page.getByTestId('children-chart').locator('.recharts-bar-rectangle').first().waitFor({ timeout: 5000 });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(failed).toEqual([]);

    // English is one click away; the numbers stay.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expectText(page.getByTestId('live'), 'Live');
    await expectText(figure(page, 'meetingsHeld'), '1');

    // Drill down from the ward's table to one of its cells.
    await page.locator(`[data-testid="children-table"] tr[data-unit="${tree.otherCell}"] button`).click();
    await expectText(page.getByTestId('unit-name'), 'Chi bộ tổ dân phố 5');
    await expectText(figure(page, 'meetingsHeld'), '0');
    await page.getByRole('navigation').getByRole('button', { name: /Đảng bộ phường Tân Giang/ }).click();
    await expectText(page.getByTestId('unit-name'), 'Đảng bộ phường Tân Giang');

    // A phone screen: still usable, figures visible without sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: SCREENSHOT_PHONE, fullPage: true });
    await page.close();
  });

  it('shows when the connection drops, reconnects by itself and shows what changed meanwhile', async () => {
    const page = await context.newPage();
    await page.goto(`${gw.base}/`);
    await page.locator('[data-account="ward-staff"]').click();
    // Committee staff start at their own ward.
    await expectText(page.getByTestId('unit-name'), 'Đảng bộ phường Tân Giang');
    await page.locator('[data-testid="live"][data-status="live"]').waitFor({ timeout: 5000 });
    const before = Number(await figure(page, 'meetingsHeld').textContent());

    const port = gw.port;
    await gw.close();
    await page.locator('[data-testid="live"]:not([data-status="live"])').waitFor({ timeout: 5000 });
    // Recorded while this page is cut off (through the test stack's own gateway).
    await city.admin.ok(RECORD, { i: { cellId: tree.otherCell, kind: MeetingKind.REGULAR, title: 'Sinh hoạt chi bộ thường kỳ', heldAt: new Date().toISOString() } });
    gw = await startDemoGateway(stack(), { tenantId: city.id, ...tree }, { port });

    await page.locator('[data-testid="live"][data-status="live"]').waitFor({ timeout: 15_000 });
    await expectText(figure(page, 'meetingsHeld'), String(before + 1), 5000);
    await page.close();
  });

  it('opens GraphiQL from the gateway with the demo token filled in, and runs a query', async () => {
    const page = await context.newPage();
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(gw.base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url());
    });
    await page.goto(`${gw.base}/graphiql`);
    // The editors load lazily; the token must be in the headers editor before running.
    await page.locator('.graphiql-editor-tool .CodeMirror', { hasText: 'Bearer' }).first().waitFor({ timeout: 10_000 });
    await page.locator('.graphiql-execute-button').click();
    await expectText(page.locator('.result-window'), 'Đảng bộ thành phố Hà Tĩnh');
    await page.screenshot({ path: join(ARTIFACTS, 'chibo-graphiql.png') });

    // Subscriptions run over graphql-ws from GraphiQL too: the first message is the current state.
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(`subscription { dashboardUpdated(orgUnitId: "${tree.ward}") { cellCount orgUnit { name } } }`);
    await page.locator('.graphiql-execute-button').click();
    await expectText(page.locator('.result-window'), '"cellCount": 2');
    await page.locator('.graphiql-execute-button').click(); // stops it
    expect(outside).toEqual([]);
    await page.close();
  });

  it('on a phone: flagged cells link to their meetings and resolutions, and every figure opens the records behind it', async () => {
    // A meeting with attendance and an adopted resolution in one cell; a new cell has no meeting.
    const quiet = await city.createOrgUnit(tree.ward, OrgUnitKind.CELL, 'Chi bộ tổ dân phố 7');
    const members = await admitMembers(stack(), city, tree.cell, 3);
    const m = await city.admin.ok(RECORD, { i: { cellId: tree.cell, kind: MeetingKind.REGULAR, title: 'Sinh hoạt chi bộ tháng này', heldAt: new Date(Date.now() - 60_000).toISOString() } });
    const meetingId = m.recordMeeting.meeting.id;
    await city.admin.ok('mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }', {
      i: { meetingId, entries: members.map((memberId) => ({ memberId, status: AttendanceStatus.PRESENT })) },
    });
    await city.admin.ok('mutation($i: AdoptResolutionInput!) { adoptResolution(input: $i) { resolution { id } } }', {
      i: { meetingId, number: '07-NQ/CB', text: 'Xây dựng chi bộ trong sạch, vững mạnh', votesFor: 3, votesAgainst: 0, votesAbstain: 0, tasks: [{ title: 'Rà soát đảng viên', ownerGroup: 'Chi ủy', dueOn: '2026-12-31' }] },
    });
    await stack().settle();

    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${gw.base}/`);
    await page.locator('[data-account="ward-staff"]').click();
    await expectText(page.getByTestId('unit-name'), 'Đảng bộ phường Tân Giang');
    await page.getByRole('button', { name: 'VI', exact: true }).click(); // an earlier test left it in English

    // The flagged cells: the one without a regular meeting this month is marked, the other not.
    const flagged = page.getByTestId('flagged-cells');
    await expectText(flagged.locator(`tr[data-cell="${quiet}"] td`).nth(1), '⚠');
    await expectText(flagged.locator(`tr[data-cell="${quiet}"] td`).nth(0), 'Chi bộ tổ dân phố 7');
    // Thematic meetings: neither cell had one this quarter, so the cell with a meeting is listed too.
    await expectText(flagged.locator(`tr[data-cell="${tree.cell}"] td`).nth(1), '—');
    await flagged.locator(`[data-cell-link="${tree.cell}"]`).click();
    const records = page.getByTestId('cell-records');
    await expectText(records, 'Chi bộ tổ dân phố 3');
    await expectText(records.locator(`[data-meeting="${meetingId}"]`), 'Sinh hoạt chi bộ tháng này');
    await expectText(records.locator('[data-resolution]'), '07-NQ/CB');

    // A figure opens the records behind it: the ward's meetings this month, each linked to its cell.
    await page.locator('[data-figure="meetingsHeld"]').click();
    const drill = page.getByTestId('drilldown');
    await expectText(drill.locator(`tr[data-meeting="${meetingId}"]`), 'Sinh hoạt chi bộ tháng này');
    expect(await drill.locator('tr[data-meeting]').count()).toBe(Number(await figure(page, 'meetingsHeld').textContent()));
    await page.locator('[data-figure="cellsWithoutRegularMeeting"]').click();
    await expectText(page.getByTestId('drilldown').locator(`tr[data-cell="${quiet}"]`), 'Chi bộ tổ dân phố 7');
    expect(await page.getByTestId('drilldown').locator('tr[data-cell]').count()).toBe(Number(await figure(page, 'cellsWithoutRegularMeeting').textContent()));
    // Ward staff see how many inspections are open, not what they are.
    await page.locator('[data-figure="openInspections"]').click();
    await expectText(page.getByTestId('drilldown'), 'Chỉ cán bộ kiểm tra');

    // Usable on the phone: nothing wider than the screen; and in English too.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: SCREENSHOT_DRILL, fullPage: true });
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expectText(flagged.locator('th').nth(1), 'A regular meeting missed in the period');
    await page.close();
  });
});

const REGISTER = 'mutation($i: RegisterMemberInput!) { registerMember(input: $i) { member { id } } }';
const ATTEND = 'mutation($i: RecordAttendanceInput!) { recordAttendance(input: $i) { meeting { id } } }';
const ADOPT = 'mutation($i: AdoptResolutionInput!) { adoptResolution(input: $i) { resolution { id tasks { id } } } }';
const ITEM = 'mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { agendaItem { id } } }';
const PROGRESS = 'mutation($i: ReportTaskProgressInput!) { reportTaskProgress(input: $i) { progress { id } } }';
const caseStep = (name: string, input: string) => `mutation($i: ${input}!) { ${name}(input: $i) { disciplineCase { id } } }`;
const SCREENSHOT_YEAR = join(ARTIFACTS, 'chibo-dashboard-year.png');
const SCREENSHOT_QUARTER_PHONE = join(ARTIFACTS, 'chibo-dashboard-quarter-phone.png');

/**
 * Issue #6: the dashboard for a quarter, a year or a term, with every figure of the list. Known
 * facts are recorded through the API — members of each category, a meeting earlier this year
 * whose resolution has an overdue task with a target partly reached, a meeting this month — and
 * the cards, charts and drill-downs must show exactly them; a meeting recorded meanwhile moves a
 * figure without a reload.
 */
describe('the web dashboard for any reporting period', () => {
  const stack = useStack();
  let city: TenantHandle;
  let tree: Awaited<ReturnType<TenantHandle['seedTree']>>;
  let gw: Awaited<ReturnType<typeof startDemoGateway>>;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  // Vietnam's calendar, as the services count.
  const vn = new Date(Date.now() + 7 * 3_600_000);
  const year = vn.getUTCFullYear();
  const month = vn.getUTCMonth() + 1;
  const quarter = Math.ceil(month / 3);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  // A meeting earlier this year, in another quarter (in the first quarter there is none: last October).
  const earlierThisYear = quarter > 1;
  const earlier = earlierThisYear ? Date.UTC(year, (quarter - 2) * 3, 3, 1) : Date.UTC(year - 1, 9, 3, 1);
  const DAY = 86_400_000;
  const TASK = 'Lắp đèn chiếu sáng ngõ 5';
  const CASE = 'Vi phạm quy định về những điều đảng viên không được làm';

  beforeAll(async () => {
    city = await stack().createTenant('Đảng bộ thành phố Kỳ báo cáo');
    tree = await city.seedTree();
    const member = async (fullName: string, status: 'OFFICIAL' | 'PROBATIONARY', admittedOn: string, n: number) =>
      (
        await city.admin.ok(REGISTER, {
          i: { cellId: tree.cell, fullName, dateOfBirth: '1980-04-30', gender: 'FEMALE', status, admittedOn, ...(status === 'OFFICIAL' ? { officialOn: '2002-01-01' } : {}), partyCardNumber: `KBC${process.pid}${n}` },
        })
      ).registerMember.member.id as string;
    const members = [
      await member('Nguyễn Thị An', 'OFFICIAL', '2001-01-01', 1),
      await member('Trần Thị Bích', 'OFFICIAL', '2001-01-01', 2),
      await member('Lê Thị Cúc', 'OFFICIAL', '2001-01-01', 3),
      await member('Phạm Thị Dung', 'PROBATIONARY', `${year}-${String(month).padStart(2, '0')}-01`, 4),
    ];
    await stack().settle();
    const meeting = async (heldAt: string, title: string, present: string[]) => {
      const id = (await city.admin.ok(RECORD, { i: { cellId: tree.cell, kind: MeetingKind.REGULAR, title, heldAt } })).recordMeeting.meeting.id as string;
      await city.admin.ok(ATTEND, { i: { meetingId: id, chairMemberId: present[0], entries: present.map((memberId) => ({ memberId, status: AttendanceStatus.PRESENT })) } });
      return id;
    };
    // Earlier, before Dung was admitted: the three official members.
    const before = await meeting(new Date(earlier).toISOString(), 'Sinh hoạt chi bộ thường kỳ quý trước', members.slice(0, 3));
    const r = await city.admin.ok(ADOPT, {
      i: { meetingId: before, number: '05-NQ/CB', text: 'Chiếu sáng ngõ xóm', votesFor: 3, votesAgainst: 0, votesAbstain: 0, tasks: [{ title: TASK, ownerGroup: 'Chi ủy', dueOn: iso(earlier + 10 * DAY), targetValue: 40, targetUnit: 'bóng đèn' }] },
    });
    await city.admin.ok(PROGRESS, { i: { taskId: r.adoptResolution.resolution.tasks[0].id, reportedOn: iso(earlier + 5 * DAY), amount: 25, note: 'Đã lắp 25 bóng' } });
    const current = await meeting(new Date(Date.now() - 60_000).toISOString(), 'Sinh hoạt chi bộ thường kỳ tháng này', members);
    // Its content (G-6): 30 minutes on party building, 10 on the cell's professional work.
    for (const [category, actualMinutes] of [['PARTY_BUILDING', 30], ['PROFESSIONAL', 10]] as const) {
      await city.admin.ok(ITEM, { i: { meetingId: current, category, title: `Nội dung ${category}`, presenterMemberId: members[0], plannedMinutes: actualMinutes, actualMinutes } });
    }
    // A warning decided by the ward this month (D-3, D-7): counts for staff, the case for inspectors.
    const inspector = await city.user({ role: Role.INSPECTOR, scope: tree.ward });
    const today = iso(vn.getTime());
    const step = (name: string, input: string, i: Record<string, unknown>) => inspector.ok(caseStep(name, input), { i: { caseId, on: today, ...i } });
    const opened = await inspector.ok(caseStep('openDisciplineCase', 'OpenDisciplineCaseInput'), {
      i: { trigger: DisciplineTrigger.DENUNCIATION, subjectKind: DisciplineSubjectKind.OFFICIAL_MEMBER, orgUnitId: tree.cell, subjectMemberId: members[2], title: CASE, openedOn: today, violations: [{ occurredOn: `${year - 1}-11-20` }] },
    });
    const caseId: string = opened.openDisciplineCase.disciplineCase.id;
    await step('startDisciplineSelfReview', 'DisciplineCaseStepInput', {});
    await step('verifyDisciplineCase', 'VerifyDisciplineCaseInput', { findings: 'Xác minh có vi phạm' });
    await step('deliberateDisciplineCase', 'DeliberateDisciplineCaseInput', { deliberatingOrgUnitId: tree.ward, proposedForm: DisciplineForm.WARNING, eligibleVoters: 11, votesFor: 9, votesAgainst: 2 });
    await step('decideDisciplineCase', 'DecideDisciplineCaseInput', { decidingOrgUnitId: tree.ward, form: DisciplineForm.WARNING, decisionNumber: '21-QĐ/ĐU' });
    await stack().settle();
    gw = await startDemoGateway(stack(), { tenantId: city.id, ...tree });
    browser = await launchBrowser({ width: 1280, height: 900 });
    context = browser.context;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  const figure = (page: Page, name: string) => page.getByTestId(`figure-${name}`);
  const choose = async (page: Page, kind: 'month' | 'quarter' | 'year' | 'term', value?: string) => {
    await page.getByTestId('period-kind').selectOption(kind);
    if (kind === 'quarter' && value) {
      await page.getByTestId('period-year').selectOption(value.slice(0, 4));
      await page.getByTestId('period-quarter').selectOption(value.slice(5));
    }
    if (kind === 'year' && value) await page.getByTestId('period-year').selectOption(value);
    if (kind === 'term' && value) await page.getByTestId('period-term').selectOption(value);
    if (value) await page.locator(`[data-testid="shown-period"][data-period="${value}"]`).waitFor({ timeout: 5000 });
  };

  it('shows a quarter and a year with the new figures, opens their records, and follows a meeting live', async () => {
    const page = await context.newPage();
    await page.goto(`${gw.base}/`);
    await page.locator('[data-account="ward-staff"]').click();
    await expectText(page.getByTestId('unit-name'), 'Đảng bộ phường Tân Giang');
    await page.getByRole('button', { name: 'VI', exact: true }).click();

    // The quarter: this month's meeting only; the vocabulary is Vietnamese.
    await choose(page, 'quarter', `${year}-Q${quarter}`);
    expect(await page.getByTestId('period-kind').locator('option').allTextContents()).toEqual(['Tháng', 'Quý', 'Năm', 'Nhiệm kỳ']);
    await expectText(page.getByTestId('shown-period'), `Quý ${quarter}/${year}`);
    await expectText(figure(page, 'meetingsHeld'), '1');
    await expectText(figure(page, 'resolutionsAdopted'), '0');
    // Content balance of the quarter's meetings: 30 of 40 minutes on party building.
    const building = page.locator('[data-chart="contentBalance"] tr[data-row="PARTY_BUILDING"] td');
    await expectText(building.nth(0), 'Xây dựng Đảng');
    await expectText(building.nth(1), '30');
    await expectText(building.nth(2), '75%');
    // Members by category as the quarter stands, and the one admitted this month behind her card.
    await expectText(figure(page, 'officialMembers'), '3');
    await expectText(figure(page, 'probationaryMembers'), '1');
    await expectText(figure(page, 'membersAdmittedInPeriod'), '1');
    await page.locator('[data-figure="probationaryMembers"]').click();
    await expectText(page.getByTestId('drilldown').locator('tr[data-member]'), 'Phạm Thị Dung');
    expect(await page.getByTestId('drilldown').locator('tr[data-member]').count()).toBe(1);
    // Staff see how many decisions of each form, never the cases.
    const warnings = page.locator('[data-chart="disciplineDecisionsByForm"] tr[data-row="WARNING"]');
    await expectText(warnings.locator('td').nth(1), '1');
    expect(await warnings.locator('button').count()).toBe(0);
    await expectText(page.locator('[data-chart="disciplineDecisionsByForm"]'), 'Chỉ cán bộ kiểm tra xem được danh sách');
    // The address keeps the view: a link opens the same unit and period.
    expect(new URL(page.url()).searchParams.get('period')).toBe(`${year}-Q${quarter}`);
    expect(new URL(page.url()).searchParams.get('unit')).toBe(tree.ward);

    // The year: the earlier meeting too, its resolution, the overdue task and the lamps (25 of 40).
    await choose(page, 'year', String(year));
    await expectText(page.getByTestId('shown-period'), `Năm ${year}`);
    const inYear = earlierThisYear ? 1 : 0;
    await expectText(figure(page, 'meetingsHeld'), String(1 + inYear));
    await expectText(figure(page, 'resolutionsAdopted'), String(inYear));
    await expectText(figure(page, 'tasksOverdue'), String(inYear));
    await expectText(figure(page, 'membersAdmittedThisYear'), '1');
    if (earlierThisYear) {
      const lamps = page.locator('[data-chart="resourcesMobilized"] tr[data-row="bóng đèn"] td');
      await expectText(lamps.nth(1), '40');
      await expectText(lamps.nth(2), '25');
      // Drill-down 1: the overdue tasks behind the card.
      await page.locator('[data-figure="tasksOverdue"]').click();
      await expectText(page.getByTestId('drilldown').locator('tr[data-task]'), TASK);
      // Drill-down 2: the tasks behind a resource, from the chart's row.
      await page.locator('[data-chart="resourcesMobilized"] tr[data-row="bóng đèn"] button').click();
      const tasks = page.locator('[data-testid="drilldown"][data-figure="resourcesMobilized"]');
      await expectText(tasks.locator('tr[data-task]'), '25 / 40 bóng đèn');
    }
    await page.screenshot({ path: SCREENSHOT_YEAR, fullPage: true });

    // A reload keeps the year (the link), and a term is one choice away.
    await page.reload();
    await page.locator(`[data-testid="shown-period"][data-period="${year}"]`).waitFor({ timeout: 10_000 });
    const term = `${year - (year % 5)}-${year - (year % 5) + 5}`;
    await choose(page, 'term', term);
    await expectText(page.getByTestId('shown-period'), `Nhiệm kỳ ${term.replace('-', '–')}`);
    const earlierInTerm = new Date(earlier).getUTCFullYear() >= year - (year % 5);
    await expectText(figure(page, 'meetingsHeld'), String(earlierInTerm ? 2 : 1));

    // Live, on a phone, for this month: one of two cells has met (held ÷ due = 50 %); the other
    // meets, and the figures move without a reload.
    await page.setViewportSize({ width: 390, height: 844 });
    await choose(page, 'month', monthPeriod(new Date()));
    await expectText(figure(page, 'meetingsHeld'), '1');
    await expectText(figure(page, 'regularMeetingsDue'), '2');
    await expectText(figure(page, 'regularMeetingRate'), '50%');
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    await city.admin.ok(RECORD, { i: { cellId: tree.otherCell, kind: MeetingKind.REGULAR, title: 'Sinh hoạt chi bộ tổ dân phố 5', heldAt: new Date().toISOString() } });
    await expectText(figure(page, 'regularMeetingRate'), '100%', 10_000);
    await expectText(figure(page, 'meetingsHeld'), '2');
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    // The quarter follows too.
    await choose(page, 'quarter', `${year}-Q${quarter}`);
    await expectText(figure(page, 'meetingsHeld'), '2');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: SCREENSHOT_QUARTER_PHONE, fullPage: true });

    // English: the picker and the section titles follow.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    expect(await page.getByTestId('period-kind').locator('option').allTextContents()).toEqual(['Month', 'Quarter', 'Year', 'Term']);
    await expectText(page.getByTestId('shown-period'), `Q${quarter} ${year}`);
    await page.getByRole('button', { name: 'VI', exact: true }).click();
    await page.close();
  }, 120_000);

  it('shows a cell secretary no card for what their role may not see, rather than an empty one', async () => {
    const page = await context.newPage();
    await page.goto(`${gw.base}/`);
    await page.locator('[data-account="cell-secretary"]').click();
    await expectText(page.getByTestId('unit-name'), 'Chi bộ tổ dân phố 3');
    await choose(page, 'year', String(year));
    await expectText(figure(page, 'officialMembers'), '3');
    // Inspection counts and discipline are null for a secretary: no card, no chart.
    expect(await page.locator('[data-figure="openInspections"]').count()).toBe(0);
    expect(await page.locator('[data-chart="disciplineDecisionsByForm"]').count()).toBe(0);
    expect(await page.locator('.figure .value').allTextContents()).not.toContain('—');
    await page.close();
  });

  it('opens the discipline cases behind a form for an inspector, from a link that names the unit and the period', async () => {
    const page = await context.newPage();
    await page.goto(`${gw.base}/`);
    await page.locator('[data-account="inspector"]').click();
    // The ward's inspection commission starts at its ward.
    await expectText(page.getByTestId('unit-name'), 'Đảng bộ phường Tân Giang');
    // A colleague's link: the ward, this year.
    await page.goto(`${gw.base}/?unit=${tree.ward}&period=${year}`);
    await expectText(page.getByTestId('unit-name'), 'Đảng bộ phường Tân Giang');
    await expectText(page.getByTestId('shown-period'), `Năm ${year}`);
    const warnings = page.locator('[data-chart="disciplineDecisionsByForm"] tr[data-row="WARNING"]');
    await expectText(warnings.locator('td').nth(1), '1');
    await warnings.locator('button').click();
    const cases = page.locator('[data-testid="drilldown"][data-figure="disciplineDecisionsByForm"][data-variable="WARNING"]');
    await expectText(cases.locator('tr[data-case]'), CASE);
    await expectText(cases.locator('tr[data-case] td').nth(1), 'Cảnh cáo');
    await page.close();
  });
});

describe('the web dashboard for a tenant that accepts persisted documents only', () => {
  const stack = useStack();

  it('is locked by its city admin with one switch, keeps working in Chromium, while an ad-hoc query is refused', async () => {
    const city = await stack().createTenant('Đảng bộ khóa truy vấn');
    const tree = await city.seedTree();
    const gw = await startDemoGateway(stack(), { tenantId: city.id, ...tree });
    const { context, close } = await launchBrowser();
    const adhoc = () => city.admin.execute('{ currentTenant { name } }');
    try {
      const page = await context.newPage();
      await page.goto(`${gw.base}/`);
      await page.locator('[data-account="city-admin"]').click();
      const lock = page.getByTestId('api-lock');
      await lock.waitFor({ timeout: 5000 });
      expect(await lock.isChecked()).toBe(false);
      // The box follows the server's answer (a controlled input), not the click itself.
      await lock.click();
      await page.locator('[data-testid="api-lock"]:checked').waitFor({ timeout: 5000 });
      // The switch took effect on the server: ad-hoc documents are refused from now on…
      const deadline = Date.now() + 5000;
      while ((await adhoc()).errors?.[0].extensions?.code !== 'PERSISTED_DOCUMENT_REQUIRED' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect((await adhoc()).errors?.[0].extensions?.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
      // …and the dashboard, reloaded, still shows the tree, the figures and live updates.
      await page.reload();
      await expectText(page.getByTestId('unit-name'), 'Đảng bộ khóa truy vấn');
      await page.getByRole('navigation').getByRole('button', { name: /Đảng bộ phường Tân Giang/ }).click();
      await expectText(page.getByTestId('figure-cellCount'), '2');
      await page.locator('[data-testid="live"][data-status="live"]').waitFor({ timeout: 5000 });
      expect(await page.getByTestId('api-lock').isChecked()).toBe(true);
      // The admin opens the API again from the same switch.
      await page.getByTestId('api-lock').click();
      await page.locator('[data-testid="api-lock"]:not(:checked)').waitFor({ timeout: 5000 });
      const open = Date.now() + 5000;
      while ((await adhoc()).errors && Date.now() < open) await new Promise((r) => setTimeout(r, 50));
      expect((await adhoc()).data?.currentTenant.name).toBe('Đảng bộ khóa truy vấn');
      await page.close();
    } finally {
      await close();
      await gw.close();
    }
  }, 60_000);
});

/** Waits (up to 5 s) until the element's text contains `text`; fails with what it last saw. */
async function expectText(locator: ReturnType<Page['locator']>, text: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.first().textContent({ timeout: 5000 }).catch(() => '')) ?? '';
    if (last.includes(text)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`expected "${text}", saw "${last}"`);
}
