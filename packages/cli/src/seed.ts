import { MeetingKind, OrgUnitKind } from '@chibo/domain';
import type { Stack, TenantHandle } from '@chibo/testkit';

/**
 * The demo tenant: Hà Tĩnh city's party committee with a few of its grassroots committees and
 * cells (names from the committees' own reports), a meeting or two and an inspection, created
 * through the public API like any client would.
 */
export const DEMO_TENANT_NAME = 'Đảng bộ thành phố Hà Tĩnh';

const TREE: { name: string; kind: OrgUnitKind; cells: string[] }[] = [
  { name: 'Đảng bộ phường Tân Giang', kind: OrgUnitKind.COMMITTEE, cells: ['Chi bộ tổ dân phố 3', 'Chi bộ tổ dân phố 5', 'Chi bộ tổ dân phố 7'] },
  { name: 'Đảng bộ phường Nguyễn Du', kind: OrgUnitKind.COMMITTEE, cells: ['Chi bộ tổ dân phố 1', 'Chi bộ tổ dân phố 2'] },
  { name: 'Đảng bộ phường Bắc Hà', kind: OrgUnitKind.COMMITTEE, cells: ['Chi bộ tổ dân phố 4', 'Chi bộ Trường Tiểu học Bắc Hà'] },
];

export interface DemoTenant {
  tenantId: string;
  rootOrgUnitId: string;
  firstCellId: string;
}

export async function seedDemo(stack: Stack, onProgress: (msg: string) => void): Promise<DemoTenant> {
  onProgress(`Tạo ${DEMO_TENANT_NAME}`);
  const tenant: TenantHandle = await stack.createTenant(DEMO_TENANT_NAME);
  const cells: string[] = [];
  for (const ward of TREE) {
    onProgress(`Tạo ${ward.name} và ${ward.cells.length} chi bộ`);
    const wardId = await tenant.createOrgUnit(tenant.rootOrgUnitId, ward.kind, ward.name);
    for (const cell of ward.cells) cells.push(await tenant.createOrgUnit(wardId, OrgUnitKind.CELL, cell));
  }
  await stack.settle();
  onProgress('Ghi nhận các buổi sinh hoạt chi bộ mẫu');
  const now = Date.now();
  for (const [i, cellId] of cells.slice(0, 4).entries()) {
    await tenant.admin.ok(`mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { meeting { id } } }`, {
      input: {
        cellId,
        kind: i === 0 ? MeetingKind.THEMATIC : MeetingKind.REGULAR,
        title: i === 0 ? 'Chuyên đề: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh' : 'Sinh hoạt chi bộ thường kỳ',
        heldAt: new Date(now - (i + 1) * 86_400_000).toISOString(),
      },
    });
  }
  return { tenantId: tenant.id, rootOrgUnitId: tenant.rootOrgUnitId, firstCellId: cells[0] };
}
