import type { GenerateProgress } from '@chibo/domain';
import { generateTenant, type Stack } from '@chibo/testkit';

/**
 * The demo tenant: Hà Tĩnh city's party committee at its real size (DOMAIN.md) — 51 grassroots
 * organizations, 240 cells, about 8,400 members, Tân Giang ward with its 13 cells and about 600
 * members — generated with the same seed every time, so the demo looks the same on every machine.
 * The registered generators add the year of meetings and inspection cases on top.
 */
export const DEMO_TENANT_NAME = 'Đảng bộ thành phố Hà Tĩnh';
export const DEMO_SEED = 2026;
const DEMO_WARD = 'Đảng bộ phường Tân Giang';
const DEMO_CELL = 'Chi bộ tổ dân phố 3';

export interface DemoTenant {
  tenantId: string;
  rootOrgUnitId: string;
  /** Tân Giang's "Chi bộ tổ dân phố 3": the demo cell secretary's cell. */
  firstCellId: string;
  /** Which demo this is; a saved demo of an older kind (the hand-made seven cells) is made anew. */
  kind?: string;
}

export const DEMO_KIND = 'generated-city-v1';

export async function seedDemo(stack: Stack, onProgress: (msg: string) => void, onRows?: GenerateProgress): Promise<DemoTenant> {
  onProgress(`Tạo ${DEMO_TENANT_NAME}: 51 tổ chức cơ sở đảng, 240 chi bộ, ~8.400 đảng viên / generating the demo city`);
  const tenant = await generateTenant(stack.options.adminUrl, { scale: 'city', name: DEMO_TENANT_NAME, seed: DEMO_SEED }, onRows);
  const ward = tenant.units.find((u) => u.name === DEMO_WARD);
  const cell = tenant.units.find((u) => u.parentId === ward?.id && u.name === DEMO_CELL);
  if (!ward || !cell) throw new Error(`the generated demo has no ${DEMO_WARD} / ${DEMO_CELL}`);
  return { tenantId: tenant.tenantId, rootOrgUnitId: tenant.units[0].id, firstCellId: cell.id, kind: DEMO_KIND };
}
