import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireOperation } from '@chibo/domain';
import type { RequestContext } from '@chibo/service-kit';
import { DEFAULT_RULE_SET, setRuleSet, type MeetingRuleSet } from '../domain/rule-set';
import { MeetingStore } from '../store';
import { MeetingRuleSetType, SetMeetingRuleSetInput, SetMeetingRuleSetPayload } from './rule-set-types';

/** G-1, G-4, G-6, G-10: the tenant's versioned meeting rule set. */
@Resolver()
export class RuleSetResolver {
  @Query(() => [MeetingRuleSetType], { description: 'Các phiên bản quy định sinh hoạt của đơn vị (phiên bản 0 là mặc định)' })
  async meetingRuleSets(@Ctx() ctx: RequestContext): Promise<MeetingRuleSet[]> {
    requireOperation(ctx.principal, 'meetingRuleSets');
    const versions = await ctx.uow().run((tx) => new MeetingStore(tx).ruleSets());
    return [DEFAULT_RULE_SET, ...versions];
  }

  @Mutation(() => SetMeetingRuleSetPayload, { description: 'Ban hành phiên bản mới của quy định sinh hoạt (không áp dụng ngược cho kỳ trước ngày hiệu lực)' })
  async setMeetingRuleSet(@Arg('input') input: SetMeetingRuleSetInput, @Ctx() ctx: RequestContext): Promise<SetMeetingRuleSetPayload> {
    const ruleSet = await ctx.uow().run((tx) => setRuleSet(ctx.principal, { ...input }, new MeetingStore(tx)));
    return { ruleSet };
  }
}
