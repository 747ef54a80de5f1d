import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { GenerateProgress, GenerateScale, GeneratedTenant } from '@chibo/domain';
import { generateInspection } from '@chibo/inspection';
import { generateMeetings } from '@chibo/meetings';
import { generateMembership } from '@chibo/membership';
import type { TenantGenerator } from '@chibo/service-kit';

/**
 * Generated tenants (`pnpm chibo generate`, the demo of `pnpm start`, the benchmarks): membership
 * creates the tenant and writes the tree and the members, then each generator below writes its
 * own service's share from the description, all in one transaction per tenant.
 */
export const TENANT_GENERATORS: TenantGenerator[] = [generateMeetings, generateInspection];

export interface GenerateSpec {
  scale: GenerateScale;
  name: string;
  seed: number;
  /** Today of the generated world (YYYY-MM-DD); default: today in Vietnam. */
  to?: string;
  /** Start of the year of activity; default: a year before `to`. */
  from?: string;
  tenantId?: string;
  /** Nation scale: how many tenants share the nation's members. */
  tenants?: number;
  deterministicIds?: boolean;
}

const todayVn = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const yearBefore = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * One tenant, whole or not at all: membership's generator, then `generators`, in one
 * transaction on a superuser connection (it writes every service's schema). Until the meetings
 * and inspection generators are registered, the tree reaches those services through the outbox.
 */
export async function generateTenant(adminUrl: string, spec: GenerateSpec, progress?: GenerateProgress, generators: TenantGenerator[] = TENANT_GENERATORS): Promise<GeneratedTenant> {
  const to = spec.to ?? todayVn();
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const tenant = await generateMembership(
      client,
      {
        tenantId: spec.tenantId ?? randomUUID(),
        name: spec.name,
        scale: spec.scale,
        seed: spec.seed,
        from: spec.from ?? yearBefore(to),
        to,
        tenants: spec.tenants,
        deterministicIds: spec.deterministicIds,
        announceTree: generators.length === 0,
      },
      progress,
    );
    for (const generate of generators) await generate(client, tenant, progress);
    progress?.('commit', 0, 1);
    await client.query('COMMIT');
    progress?.('commit', 1, 1);
    // Fresh statistics: the planner otherwise still sees the empty tables of before the COPY and
    // picks nested loops over thousands of rows (the city dashboard went from ~80 ms to ~15 ms).
    await client.query('ANALYZE');
    return tenant;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

export interface GeneratedSummary {
  tenantId: string;
  name: string;
  units: number;
  members: number;
}

/** Vietnam's provinces and centrally-run cities, for the nation scale's tenants. */
export const PROVINCES = [
  'Hà Nội', 'Thành phố Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'An Giang', 'Bà Rịa - Vũng Tàu', 'Bắc Giang', 'Bắc Kạn', 'Bạc Liêu',
  'Bắc Ninh', 'Bến Tre', 'Bình Định', 'Bình Dương', 'Bình Phước', 'Bình Thuận', 'Cà Mau', 'Cao Bằng', 'Đắk Lắk', 'Đắk Nông', 'Điện Biên',
  'Đồng Nai', 'Đồng Tháp', 'Gia Lai', 'Hà Giang', 'Hà Nam', 'Hà Tĩnh', 'Hải Dương', 'Hậu Giang', 'Hòa Bình', 'Hưng Yên', 'Khánh Hòa',
  'Kiên Giang', 'Kon Tum', 'Lai Châu', 'Lâm Đồng', 'Lạng Sơn', 'Lào Cai', 'Long An', 'Nam Định', 'Nghệ An', 'Ninh Bình', 'Ninh Thuận',
  'Phú Thọ', 'Phú Yên', 'Quảng Bình', 'Quảng Nam', 'Quảng Ngãi', 'Quảng Ninh', 'Quảng Trị', 'Sóc Trăng', 'Sơn La', 'Tây Ninh', 'Thái Bình',
  'Thái Nguyên', 'Thanh Hóa', 'Thừa Thiên Huế', 'Tiền Giang', 'Trà Vinh', 'Tuyên Quang', 'Vĩnh Long', 'Vĩnh Phúc', 'Yên Bái',
];

/** The tenant's name at a scale: the city and province of DOMAIN.md's example, the nation's provinces. */
export function generatedTenantName(scale: GenerateScale, i: number, of: number): string {
  if (scale === 'nation') {
    const province = PROVINCES[i % PROVINCES.length];
    return `Đảng bộ ${province.startsWith('Thành phố') ? province.replace('Thành phố', 'thành phố') : `tỉnh ${province}`}${i >= PROVINCES.length ? ` (${Math.floor(i / PROVINCES.length) + 1})` : ''}`;
  }
  const base = scale === 'province' ? 'Đảng bộ tỉnh Hà Tĩnh' : 'Đảng bộ thành phố Hà Tĩnh';
  return of > 1 ? `${base} (${i + 1})` : base;
}

/**
 * `tenants` tenants at a scale, one after the other, each in its own transaction; tenant i gets
 * seed `seed + i`. Only a summary is kept of each, so the nation (5.5 million members) needs the
 * memory of one tenant at a time, not of the nation.
 */
export async function generateTenants(
  adminUrl: string,
  o: { scale: GenerateScale; tenants: number; seed: number; to?: string; from?: string },
  progress?: (tenant: number, step: string, done: number, total: number) => void,
  generators: TenantGenerator[] = TENANT_GENERATORS,
): Promise<GeneratedSummary[]> {
  const out: GeneratedSummary[] = [];
  for (let i = 0; i < o.tenants; i++) {
    const t = await generateTenant(
      adminUrl,
      { scale: o.scale, name: generatedTenantName(o.scale, i, o.tenants), seed: o.seed + i, to: o.to, from: o.from, tenants: o.scale === 'nation' ? o.tenants : undefined },
      progress && ((step, done, total) => progress(i, step, done, total)),
      generators,
    );
    out.push({ tenantId: t.tenantId, name: t.name, units: t.units.length, members: t.members.length });
  }
  return out;
}
