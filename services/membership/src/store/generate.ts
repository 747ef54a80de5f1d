import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import {
  MemberEventKind as E,
  OrgUnitKind,
  Role,
  SeededRandom,
  TransferKind,
  type DomainEvent,
  type GenerateProgress,
  type GenerateScale,
  type GeneratedOrgUnit,
  type GeneratedTenant,
  type Principal,
} from '@chibo/domain';
import { copyRows, outboxChannel } from '@chibo/service-kit';
import { planPopulation, type PlannedMember } from '../domain/generated-population';
import { searchKey } from '../domain/member-rules';
import { createTenant, type MembershipPorts, type OrgUnit, type Tenant } from '../domain/org-units';
import { encryptCitizenId } from './citizen-id-cipher';

export interface GenerateMembershipSpec {
  tenantId: string;
  name: string;
  scale: GenerateScale;
  seed: number;
  from: string;
  to: string;
  /** Nation scale: how many tenants share the nation's members. */
  tenants?: number;
  /**
   * Also tell the other services about every unit through the outbox (`OrgUnitCreated`), as
   * units created through the API are. Only while no generator of theirs writes their copy of
   * the tree; on a large tree the relay takes a while.
   */
  announceTree?: boolean;
  /** Ids from the seed (the same seed gives the same ids) instead of random ones. */
  deterministicIds?: boolean;
}

const GENERATOR = 'chibo-generate';
const HA_TINH_PROVINCE_CODE = '042';

/** The tenant's own rows, through the domain's `createTenant`: same checks, same events. */
async function createTenantRows(client: ClientBase, spec: GenerateMembershipSpec, events: DomainEvent[]): Promise<Tenant> {
  const principal: Principal = { tenantId: null, subject: GENERATOR, roles: [Role.PLATFORM_ADMIN], scopeOrgUnitId: null };
  const unused = () => Promise.reject(new Error('createTenant needs only insertTenant, insertOrgUnit and publish'));
  const ports: MembershipPorts = {
    insertTenant: async (t: Tenant, by: string) => {
      await client.query('INSERT INTO membership.tenant (tenant_id, name, root_org_unit_id, created_by) VALUES ($1, $2, $3, $4)', [t.id, t.name, t.rootOrgUnitId, by]);
    },
    insertOrgUnit: async (u: OrgUnit, by: string) => {
      await client.query('INSERT INTO membership.org_unit (tenant_id, id, parent_id, kind, name, path, valid_from, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        u.tenantId,
        u.id,
        u.parentId,
        u.kind,
        u.name,
        `/${u.lineage.join('/')}/`,
        u.validFrom,
        by,
      ]);
    },
    publish: (e) => void events.push(e),
    findOrgUnit: unused,
    renameOrgUnit: unused,
    moveSubtree: unused,
    dissolveOrgUnit: unused,
    activeMembersInSubtree: unused,
    closeAsMerged: unused,
    children: unused,
    orgUnitChanges: unused,
    appendOrgUnitChange: unused,
  };
  return createTenant(principal, { name: spec.name }, ports, spec.tenantId);
}

/** A plausible CCCD: province of birth, century and gender digit, year of birth, six digits. */
function citizenIdOf(rng: SeededRandom, m: PlannedMember): string {
  const year = Number(m.birthDate.slice(0, 4));
  const centuryGender = (year >= 2000 ? 2 : 0) + (m.gender === 'FEMALE' ? 1 : 0);
  return `${HA_TINH_PROVINCE_CODE}${centuryGender}${String(year % 100).padStart(2, '0')}${String(rng.int(0, 999_999)).padStart(6, '0')}`;
}

/**
 * Membership's generator (dữ liệu mẫu): creates the tenant as the platform does, then writes its
 * tree, members, their lifecycle events and posts with COPY on `client`, inside the caller's
 * transaction, and returns the plain description the meetings and inspection generators build
 * on. Deterministic in names, dates and structure for a seed. Memory: the description (about
 * 300 bytes a member: ~100 MB at province scale); rows are streamed, never held as text.
 */
export async function generateMembership(client: ClientBase, spec: GenerateMembershipSpec, progress?: GenerateProgress): Promise<GeneratedTenant> {
  await client.query(`select set_config('app.tenant_id', $1, true)`, [spec.tenantId]);
  const events: DomainEvent[] = [];
  const tenant = await createTenantRows(client, spec, events);
  const ids = new SeededRandom(spec.seed, 'ids', spec.tenantId);
  progress?.('plan', 0, 1);
  const plan = planPopulation({
    scale: spec.scale,
    seed: spec.seed,
    from: spec.from,
    to: spec.to,
    rootId: tenant.rootOrgUnitId,
    tenants: spec.tenants,
    newId: spec.deterministicIds ? () => ids.uuid() : randomUUID,
  });
  progress?.('plan', 1, 1);
  await client.query('UPDATE membership.org_unit SET valid_from = $3 WHERE tenant_id = $1 AND id = $2', [spec.tenantId, tenant.rootOrgUnitId, plan.rootValidFrom]);
  const t = spec.tenantId;

  const paths = new Map<string, string>([[tenant.rootOrgUnitId, `/${tenant.rootOrgUnitId}/`]]);
  for (const u of plan.units) paths.set(u.id, `${paths.get(u.parentId!)}${u.id}/`);
  await copyRows(
    client,
    'membership.org_unit',
    ['tenant_id', 'id', 'parent_id', 'kind', 'name', 'path', 'valid_from', 'created_by'],
    plan.units.map((u) => [t, u.id, u.parentId, u.kind, u.name, paths.get(u.id)!, u.validFrom, GENERATOR]),
    (n) => progress?.('org units', n, plan.units.length),
  );

  const cccd = new SeededRandom(spec.seed, 'citizen-ids', spec.scale);
  function* memberRows(): Generator<unknown[]> {
    for (const m of plan.members) {
      yield [
        t,
        m.id,
        m.fullName,
        searchKey(m.fullName),
        m.birthDate,
        m.gender,
        encryptCitizenId(citizenIdOf(cccd, m), m.id),
        String(42_000_001 + m.index).padStart(8, '0'),
        `HT.${String(m.index + 1).padStart(6, '0')}`,
        m.status,
        m.cellId,
        m.admittedOn,
        m.officialOn,
        GENERATOR,
        GENERATOR,
      ];
    }
  }
  const total = plan.members.length;
  await copyRows(
    client,
    'membership.member',
    ['tenant_id', 'id', 'full_name', 'search_key', 'date_of_birth', 'gender', 'citizen_id_cipher', 'party_card_number', 'file_number', 'status', 'cell_id', 'admitted_on', 'official_on', 'created_by', 'updated_by'],
    memberRows(),
    (n) => progress?.('members', n, total),
  );

  // M-10: the events that make each status — admitted, recognised, then exempted/removed/deceased.
  // M-10: the events that make each status — admitted, recognised, transferred, then exempted/removed/deceased.
  function* eventRows(): Generator<unknown[]> {
    for (const m of plan.members) {
      const a = m.admission;
      const home = m.transfer?.fromCellId ?? m.cellId;
      let seq = 1;
      yield [t, ids.uuid(), m.id, seq++, E.ADMITTED, m.admittedOn, home, null, a.number, a.date, null, null, null, GENERATOR];
      if (m.recognition) yield [t, ids.uuid(), m.id, seq++, E.RECOGNISED, m.officialOn, home, null, m.recognition.number, m.recognition.date, null, null, null, GENERATOR];
      if (m.transfer) {
        const tr = m.transfer;
        yield [t, ids.uuid(), m.id, seq++, E.TRANSFERRED, tr.startsOn, m.cellId, tr.fromCellId, tr.decision.number, tr.decision.date, null, null, `transfer:${tr.id}`, GENERATOR];
      }
      if (m.exit) yield [t, ids.uuid(), m.id, seq++, m.exit.kind, m.exit.on, m.cellId, null, m.exit.decision.number, m.exit.decision.date, m.exit.reason, m.exit.ground, null, GENERATOR];
    }
  }
  const eventTotal = plan.members.reduce((n, m) => n + 1 + (m.recognition ? 1 : 0) + (m.transfer ? 1 : 0) + (m.exit ? 1 : 0), 0);
  await copyRows(
    client,
    'membership.member_event',
    ['tenant_id', 'id', 'member_id', 'sequence', 'kind', 'effective_on', 'cell_id', 'from_cell_id', 'decision_number', 'decision_date', 'reason', 'ground', 'source_ref', 'recorded_by'],
    eventRows(),
    (n) => progress?.('member events', n, eventTotal),
  );
  const transferred = plan.members.filter((m) => m.transfer);
  await copyRows(
    client,
    'membership.member_transfer',
    ['tenant_id', 'id', 'member_id', 'kind', 'from_cell_id', 'to_cell_id', 'decision_number', 'decision_date', 'starts_on', 'reported_on', 'recorded_by'],
    transferred.map((m) => {
      const tr = m.transfer!;
      return [t, tr.id, m.id, TransferKind.OFFICIAL, tr.fromCellId, m.cellId, tr.decision.number, tr.decision.date, tr.startsOn, tr.reportedOn, GENERATOR];
    }),
    (n) => progress?.('transfers', n, transferred.length),
  );

  await copyRows(
    client,
    'membership.member_position',
    ['tenant_id', 'id', 'member_id', 'org_unit_id', 'kind', 'starts_on', 'decision_number', 'created_by', 'updated_by'],
    plan.positions.map((p) => [t, p.id, p.memberId, p.orgUnitId, p.kind, p.startsOn, p.decision.number, GENERATOR, GENERATOR]),
    (n) => progress?.('positions', n, plan.positions.length),
  );

  await copyRows(
    client,
    'membership.member_rating',
    ['tenant_id', 'id', 'member_id', 'cell_id', 'year', 'rating', 'decision_number', 'created_by', 'updated_by'],
    plan.ratings.map((r) => [t, r.id, r.memberId, r.cellId, r.year, r.rating, r.decision.number, GENERATOR, GENERATOR]),
    (n) => progress?.('ratings', n, plan.ratings.length),
  );

  if (spec.announceTree) {
    for (const u of plan.units) events.push({ type: 'OrgUnitCreated', payload: { orgUnitId: u.id, parentId: u.parentId, kind: u.kind } });
  }
  await copyRows(
    client,
    'membership.outbox',
    ['tenant_id', 'id', 'type', 'payload'],
    events.map((e) => [t, randomUUID(), e.type, JSON.stringify(e.payload)]),
  );
  // Delivered at commit only, as for any other write.
  await client.query('select pg_notify($1, $2)', [outboxChannel('membership'), t]);

  const root: GeneratedOrgUnit = { id: tenant.rootOrgUnitId, parentId: null, kind: OrgUnitKind.COMMITTEE, name: tenant.name, validFrom: plan.rootValidFrom };
  return { tenantId: t, name: tenant.name, scale: spec.scale, seed: spec.seed, from: spec.from, to: spec.to, units: [root, ...plan.units], members: plan.members };
}
