import { webcrypto } from 'node:crypto';
import { Gender, MemberStatus, Role, type OrgUnitKind } from '@chibo/domain';
import type { GatewayClient, Stack, TenantHandle } from '@chibo/testkit';
import { addDays, addMonths, todayVn } from '../src/domain/dates';

/** Shared steps of the membership stories, written as a committee's staff would do them. */
export const today = () => todayVn();
export const monthsAgo = (n: number) => addMonths(todayVn(), -n);
export const daysAgo = (n: number) => addDays(todayVn(), -n);

export const MEMBER_FIELDS = 'id fullName dateOfBirth gender citizenId partyCardNumber fileNumber status admittedOn officialOn probationEndsOn cell { id name }';

export const REGISTER = `mutation($i: RegisterMemberInput!) { registerMember(input: $i) { member { ${MEMBER_FIELDS} } } }`;
export const ADMIT = `mutation($i: AdmitMemberInput!) { admitMember(input: $i) { member { ${MEMBER_FIELDS} } } }`;
export const RECOGNISE = `mutation($i: MemberLifecycleInput!) { recogniseMember(input: $i) { member { id status officialOn } } }`;
export const EXEMPT = `mutation($i: MemberLifecycleInput!) { exemptMember(input: $i) { member { id status } } }`;
export const REMOVE = `mutation($i: RemoveMemberInput!) { removeMember(input: $i) { member { id status } } }`;
export const DEATH = `mutation($i: MemberLifecycleInput!) { recordMemberDeath(input: $i) { member { id status } } }`;
export const MEMBER = `query($id: ID!) { member(id: $id) { ${MEMBER_FIELDS} history { kind effectiveOn decisionNumber reason ground recordedBy recordedAt } } }`;
export const MEMBERS = `query($unit: ID, $name: String, $statuses: [MemberStatus!], $soon: Boolean, $first: Int!, $after: String) {
  members(orgUnitId: $unit, name: $name, statuses: $statuses, probationEndingSoon: $soon, first: $first, after: $after) {
    totalCount nodes { id fullName status } pageInfo { endCursor hasNextPage } edges { cursor }
  }
}`;
export const ROLL = `query($cell: ID!, $date: String!) { cellRoll(cellId: $cell, date: $date) { status temporarilyAway member { id fullName } } }`;

let card = 0;
/** An official member already on the committee's files (admitted long ago). */
export async function registerOfficial(user: GatewayClient, cellId: string, fullName: string, extra: Record<string, unknown> = {}): Promise<{ id: string }> {
  const data = await user.ok(REGISTER, {
    i: {
      cellId,
      fullName,
      dateOfBirth: '1970-05-19',
      gender: Gender.MALE,
      status: MemberStatus.OFFICIAL,
      admittedOn: '2000-02-03',
      officialOn: '2001-02-03',
      partyCardNumber: `${process.pid}${Date.now() % 100000}${++card}`,
      ...extra,
    },
  });
  return data.registerMember.member;
}

/** A new member admitted at a ceremony on `admittedOn`, introduced by `introducerId`. */
export function admitInput(cellId: string, introducerId: string, over: Record<string, unknown> = {}) {
  return {
    cellId,
    fullName: 'Trần Thị Bích',
    dateOfBirth: '1995-03-08',
    gender: Gender.FEMALE,
    citizenId: '042195001234',
    consideredOn: daysAgo(10),
    admittedOn: daysAgo(3),
    decisionNumber: '125-QĐ/ĐU',
    introducerIds: [introducerId],
    ...over,
  };
}

export async function seedCity(stack: () => Stack, name: string) {
  const city: TenantHandle = await stack().createTenant(name);
  const tree = await city.seedTree();
  const staff = await city.user({ role: 'committee_staff' as Role, scope: tree.ward });
  return { city, tree, staff };
}

const CREATE_UNIT = 'mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }';

/** A unit founded on a given day (the tree as it was on a date needs real founding dates). */
export async function unit(admin: GatewayClient, parentId: string, kind: OrgUnitKind, name: string, validFrom = '2026-01-01'): Promise<string> {
  return (await admin.ok(CREATE_UNIT, { i: { parentId, kind, name, validFrom } })).createOrgUnit.orgUnit.id;
}

/** A token for an integrator API key with `scopes`, signed by the gateway's local key as the CLI would. */
export async function integrator(stack: Stack, tenantId: string, scopes: string[]): Promise<GatewayClient> {
  const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const header = b64({ alg: 'ES256', kid: stack.keys.kid, typ: 'JWT' });
  const body = b64({ tid: tenantId, roles: [Role.INTEGRATOR], scope: null, mid: null, scopes, sub: `key-${scopes.join('+')}`, iss: 'chibo-local', aud: 'chibo', iat: now, exp: now + 600 });
  const sig = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, stack.keys.privateKey as webcrypto.CryptoKey, Buffer.from(`${header}.${body}`));
  return stack.client(`${header}.${body}.${Buffer.from(sig).toString('base64url')}`);
}

