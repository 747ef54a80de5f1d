import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DomainError, isInScope, requireInScope } from '@chibo/domain';
import { parseId, type RequestContext } from '@chibo/service-kit';
import { createOrgUnit, createTenant, type OrgUnit } from '../domain/org-units';
import { MembershipStore } from '../store';
import { CreateOrgUnitInput, CreateOrgUnitPayload, CreateTenantInput, CreateTenantPayload, OrgUnitType, TenantType } from './types';

const notFound = (id: string) => new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { orgUnitId: id });

/** Loads org units by id once per request, in the caller's tenant. */
export function orgUnitLoader(ctx: RequestContext) {
  return ctx.loader<string, OrgUnit | null>('orgUnit', (ids) =>
    ctx.uow().run(async (tx) => {
      const found = await new MembershipStore(tx).findOrgUnits(ids);
      const byId = new Map(found.map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  );
}

@Resolver(() => OrgUnitType)
export class OrgUnitResolver {
  @Query(() => TenantType, { description: 'Đảng bộ (tenant) của người dùng hiện tại' })
  async currentTenant(@Ctx() ctx: RequestContext): Promise<TenantType> {
    const tenant = await ctx.uow().run((tx) => new MembershipStore(tx).tenant());
    if (!tenant) throw new DomainError('NOT_FOUND');
    return { id: tenant.id, name: tenant.name, rootOrgUnitId: tenant.rootOrgUnitId };
  }

  @Query(() => OrgUnitType, { description: 'Một tổ chức đảng theo mã' })
  async orgUnit(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<OrgUnit> {
    const unitId = parseId(id);
    const unit = await orgUnitLoader(ctx).load(unitId);
    if (!unit) throw notFound(unitId);
    requireInScope(ctx.principal, unit.lineage, unitId);
    return unit;
  }

  @Mutation(() => CreateTenantPayload, { description: 'Tạo đảng bộ mới (quản trị nền tảng)' })
  async createTenant(@Arg('input') input: CreateTenantInput, @Ctx() ctx: RequestContext): Promise<CreateTenantPayload> {
    const tenantId = randomUUID();
    // The new tenant's rows are written inside the new tenant, under row-level security.
    const tenant = await ctx.uowIn(tenantId).run(async (tx) => {
      const store = new MembershipStore(tx);
      const created = await createTenant(ctx.principal, input, store, tenantId);
      return { tenant: created, root: (await store.findOrgUnit(created.rootOrgUnitId))! };
    });
    return { tenant: { ...tenant.tenant }, rootOrgUnit: tenant.root as OrgUnitType };
  }

  @Mutation(() => CreateOrgUnitPayload, { description: 'Thêm tổ chức đảng trực thuộc' })
  async createOrgUnit(@Arg('input') input: CreateOrgUnitInput, @Ctx() ctx: RequestContext): Promise<CreateOrgUnitPayload> {
    const parentId = parseId(input.parentId, 'parentId');
    const unit = await ctx.uow().run((tx) => createOrgUnit(ctx.principal, { ...input, parentId }, new MembershipStore(tx)));
    return { orgUnit: unit as OrgUnitType };
  }

  @FieldResolver(() => OrgUnitType, { nullable: true, description: 'Tổ chức cấp trên' })
  async parent(@Root() unit: OrgUnit, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    if (!unit.parentId) return null;
    const parent = await orgUnitLoader(ctx).load(unit.parentId);
    return parent && isInScope(ctx.principal, parent.lineage) ? parent : null;
  }

  @FieldResolver(() => [OrgUnitType], { description: 'Tổ chức trực thuộc' })
  async children(@Root() unit: OrgUnit, @Ctx() ctx: RequestContext): Promise<OrgUnit[]> {
    return ctx.uow().run((tx) => new MembershipStore(tx).children(unit.id));
  }
}

@Resolver(() => TenantType)
export class TenantResolver {
  @FieldResolver(() => OrgUnitType, { description: 'Tổ chức cấp cao nhất (đảng bộ thành phố)' })
  async rootOrgUnit(@Root() tenant: TenantType, @Ctx() ctx: RequestContext): Promise<OrgUnit> {
    const unit = await orgUnitLoader(ctx).load(tenant.rootOrgUnitId);
    if (!unit) throw notFound(tenant.rootOrgUnitId);
    return unit;
  }
}

export async function resolveOrgUnitReference(ref: { id: string }, ctx: RequestContext): Promise<OrgUnit | null> {
  return orgUnitLoader(ctx).load(ref.id);
}
