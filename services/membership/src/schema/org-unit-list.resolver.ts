import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { Role, hasRole, requireScope } from '@chibo/domain';
import { Connection, PageArgs, SyncArgs, decodeCursor, encodeCursor, toConnection, type RequestContext } from '@chibo/service-kit';
import type { OrgUnit } from '../domain/org-units';
import { MembershipStore } from '../store';
import { OrgUnitType } from './types';

const OrgUnitConnection = Connection(OrgUnitType, 'OrgUnit');
const pathOf = (u: OrgUnit) => `/${u.lineage.join('/')}/`;

/**
 * Every org unit the caller may see, parents before children: what an integrator mirrors
 * the tree from, incrementally with `modifiedSince`.
 */
@Resolver(() => OrgUnitType)
export class OrgUnitListResolver {
  @Query(() => OrgUnitConnection, { description: 'Các tổ chức đảng trong phạm vi, cấp trên trước / org units in scope, parents first' })
  async orgUnits(@Args() page: PageArgs, @Args() sync: SyncArgs, @Ctx() ctx: RequestContext) {
    requireScope(ctx.principal, 'membership:read');
    const after = decodeCursor(page.after);
    const { rows, total } = await ctx.uow().run(async (tx) => {
      const store = new MembershipStore(tx);
      const wholeTenant = hasRole(ctx.principal, Role.CITY_ADMIN, Role.INTEGRATOR) && !ctx.principal.scopeOrgUnitId;
      const scope = !wholeTenant && ctx.principal.scopeOrgUnitId ? await store.findOrgUnit(ctx.principal.scopeOrgUnitId) : null;
      const prefix = wholeTenant ? '/' : scope ? pathOf(scope) : null;
      if (!prefix) return { rows: [], total: 0 };
      return store.listOrgUnits(prefix, page.first, after ? String(after[0]) : null, sync.modifiedSince);
    });
    return toConnection(rows, page.first, total, (u) => encodeCursor([pathOf(u)]));
  }
}
