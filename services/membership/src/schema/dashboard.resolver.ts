import { Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { MEETING_HOLDING_KINDS } from '@chibo/domain';
import { DrillDownArgs, type RequestContext } from '@chibo/service-kit';
import { todayVn } from '../domain/dates';
import type { OrgUnit } from '../domain/org-units';
import { MembershipStore } from '../store';
import { orgUnitLoader } from './org-unit.resolver';
import { OrgUnitDashboardType, OrgUnitType } from './types';

/** Membership's figures on the dashboard: the unit itself and how many cells it holds. */
@Resolver(() => OrgUnitDashboardType)
export class DashboardResolver {
  @FieldResolver(() => OrgUnitType, { nullable: true })
  async orgUnit(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return orgUnitLoader(ctx).load(d.orgUnitId);
  }

  @FieldResolver(() => Int, { description: 'Số chi bộ trong phạm vi' })
  async cellCount(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number> {
    const unit = await orgUnitLoader(ctx).load(d.orgUnitId);
    if (!unit) return 0;
    return ctx.uow().run((tx) => new MembershipStore(tx).countInSubtree(unit, [...MEETING_HOLDING_KINDS], todayVn()));
  }

  @FieldResolver(() => [OrgUnitType], { nullable: true, description: 'Các chi bộ trong phạm vi (chi tiết của số chi bộ), theo thứ tự cây' })
  async cells(@Root() d: OrgUnitDashboardType, @Args() { first }: DrillDownArgs, @Ctx() ctx: RequestContext): Promise<OrgUnit[] | null> {
    const unit = await orgUnitLoader(ctx).load(d.orgUnitId);
    if (!unit) return null;
    return ctx.uow().run((tx) => new MembershipStore(tx).listInSubtree(unit, [...MEETING_HOLDING_KINDS], first));
  }
}
