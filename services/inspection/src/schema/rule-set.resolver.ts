import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { DisciplineForm, DomainError, Role, hasRole, requireTenant } from '@chibo/domain';
import type { RequestContext } from '@chibo/service-kit';
import type { DisciplineRuleSet } from '../domain/discipline-rules';
import { ruleSetOn, setDisciplineRules } from '../domain/rule-sets';
import { isIsoDate } from '@chibo/domain';
import { DisciplineStore } from '../store';

@ObjectType('DisciplineLimitation', { description: 'Thời hiệu theo hình thức kỷ luật (D-5)' })
export class LimitationType {
  @Field(() => DisciplineForm)
  form: DisciplineForm;

  @Field(() => Int, { nullable: true, description: 'Số năm; trống = không áp dụng thời hiệu' })
  years: number | null;
}

@ObjectType('DisciplineRuleSet', { description: 'Bộ quy định kỷ luật của đảng bộ đang áp dụng vào một ngày (D-5, D-7)' })
export class RuleSetType {
  @Field(() => String, { nullable: true, description: 'Áp dụng từ ngày; trống = mặc định của hệ thống' })
  validFrom: string | null;

  @Field(() => [LimitationType])
  limitations: LimitationType[];

  @Field(() => Int, { description: 'Thông báo của cơ quan nhà nước phải đến trong số ngày này' })
  stateNoticeDays: number;

  @Field(() => Int, { description: 'Hạn nộp khiếu nại (ngày làm việc)' })
  complaintFilingWorkingDays: number;

  @Field(() => Int, { description: 'Hạn giải quyết khiếu nại (ngày làm việc)' })
  complaintResolutionWorkingDays: number;

  @Field(() => Int, { description: 'Hạn giải quyết khiếu nại ở cấp Trung ương (ngày làm việc)' })
  complaintResolutionWorkingDaysCentral: number;
}

@InputType('DisciplineLimitationInput')
export class LimitationInput {
  @Field(() => DisciplineForm)
  form: DisciplineForm;

  @Field(() => Int, { nullable: true, description: 'Trống = không áp dụng thời hiệu' })
  years?: number | null;
}

@InputType('SetDisciplineRulesInput')
export class SetRulesInput {
  @Field({ description: 'Áp dụng từ ngày (YYYY-MM-DD)' })
  validFrom: string;

  @Field(() => [LimitationInput], { nullable: true })
  limitations?: LimitationInput[] | null;

  @Field(() => Int, { nullable: true })
  stateNoticeDays?: number | null;

  @Field(() => Int, { nullable: true })
  complaintFilingWorkingDays?: number | null;

  @Field(() => Int, { nullable: true })
  complaintResolutionWorkingDays?: number | null;

  @Field(() => Int, { nullable: true })
  complaintResolutionWorkingDaysCentral?: number | null;
}

const toType = (validFrom: string | null, r: DisciplineRuleSet): RuleSetType => ({
  validFrom,
  limitations: Object.values(DisciplineForm).map((form) => ({ form, years: r.limitationYears[form] ?? null })),
  stateNoticeDays: r.stateNoticeDays,
  complaintFilingWorkingDays: r.complaintFilingWorkingDays,
  complaintResolutionWorkingDays: r.complaintResolutionWorkingDays,
  complaintResolutionWorkingDaysCentral: r.complaintResolutionWorkingDaysCentral,
});

@Resolver(() => RuleSetType)
export class RuleSetResolver {
  @Query(() => RuleSetType, { description: 'Bộ quy định kỷ luật áp dụng vào một ngày (mặc định hôm nay)' })
  async disciplineRules(@Arg('on', () => String, { nullable: true }) on: string | null, @Ctx() ctx: RequestContext): Promise<RuleSetType> {
    requireTenant(ctx.principal);
    if (!hasRole(ctx.principal, Role.CITY_ADMIN, Role.INSPECTOR, Role.COMMITTEE_STAFF)) throw new DomainError('FORBIDDEN');
    const date = on ?? new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    if (!isIsoDate(date)) throw new DomainError('BAD_USER_INPUT', { vi: 'Ngày không hợp lệ (YYYY-MM-DD)', en: 'Invalid date (YYYY-MM-DD)' }, { field: 'on' });
    return ctx.uow().run(async (tx) => {
      const versions = await new DisciplineStore(tx).ruleSetVersions();
      const inForce = versions.filter((v) => v.validFrom <= date).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
      return toType(inForce?.validFrom ?? null, ruleSetOn(versions, date));
    });
  }

  @Mutation(() => RuleSetType, { description: 'Thêm phiên bản bộ quy định kỷ luật từ một ngày (quản trị đảng bộ thành phố)' })
  async setDisciplineRules(@Arg('input') input: SetRulesInput, @Ctx() ctx: RequestContext): Promise<RuleSetType> {
    const limitationYears = Object.fromEntries((input.limitations ?? []).map((l) => [l.form, l.years ?? null]));
    return ctx.uow().run(async (tx) => {
      const v = await setDisciplineRules(ctx.principal, { ...input, limitationYears }, randomUUID(), new DisciplineStore(tx));
      return toType(v.validFrom, v.rules);
    });
  }
}
