import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root, registerEnumType } from 'type-graphql';
import { MEETING_HOLDING_KINDS, parseReportingPeriod, periodDays } from '@chibo/domain';
import { DrillDownArgs, type RequestContext } from '@chibo/service-kit';
import { todayVn } from '../domain/dates';
import {
  DashboardMemberCategory,
  FIGURE_OF,
  canListDashboardMembers,
  canSeeMemberCounts,
  replayed,
  type MemberDashboardDays,
  type MemberFigures,
} from '../domain/member-dashboard';
import { canReadMember } from '../domain/member-rules';
import type { Member } from '../domain/members';
import type { OrgUnit } from '../domain/org-units';
import { MemberDashboardStore, MemberStore, MembershipStore, type SubtreeOn } from '../store';
import { MemberType } from './member-types';
import { orgUnitLoader } from './org-unit.resolver';
import { OrgUnitDashboardType, OrgUnitType } from './types';

registerEnumType(DashboardMemberCategory, {
  name: 'DashboardMemberCategory',
  description: 'Nhóm đảng viên trên bảng theo dõi',
  valuesConfig: {
    OFFICIAL: { description: 'Đảng viên chính thức' },
    PROBATIONARY: { description: 'Đảng viên dự bị' },
    EXEMPT: { description: 'Miễn công tác và sinh hoạt (M-4)' },
    REGULATION_213: { description: 'Đăng ký theo Quy định 213 với chi bộ nơi cư trú trong phạm vi (M-5)' },
    ADMITTED_THIS_YEAR: { description: 'Kết nạp từ đầu năm đến ngày tính' },
    ADMITTED_IN_PERIOD: { description: 'Kết nạp trong kỳ' },
  },
});

/** The member figures of one payload: the subtree on the day, the counts, and the replayed members by category. */
interface MemberSnapshot {
  sub: SubtreeOn;
  days: MemberDashboardDays;
  figures: MemberFigures;
  replayed: Map<DashboardMemberCategory, string[]>;
}

/**
 * Computed once per request for each (unit, period), however many member fields and lists ask
 * for it: type-graphql hands each field resolver its own copy of the entity, so the memo is the
 * request's loader, not the payload object. Four statements at most, whatever the subtree's size.
 */
function snapshot(d: OrgUnitDashboardType, ctx: RequestContext, unit: OrgUnit): Promise<MemberSnapshot | null> {
  const loader = ctx.loader<string, MemberSnapshot | null>('dashboard-members', (keys) =>
    Promise.all(
      keys.map(async (key) => {
        const [unitId, period] = key.split('|') as [string, string];
        const of = await orgUnitLoader(ctx).load(unitId);
        return of ? computeSnapshot(period, ctx, of) : null;
      }),
    ),
  );
  return loader.load(`${unit.id}|${d.period}`);
}

function computeSnapshot(periodText: string, ctx: RequestContext, unit: OrgUnit): Promise<MemberSnapshot | null> {
  return ctx.uow().run(async (tx) => {
    const period = parseReportingPeriod(periodText);
    if (!period) return null;
    const days = periodDays(period);
    const store = new MemberDashboardStore(tx);
    const sub = await store.subtreeOn(unit, days.asOf);
    if (!sub) return null;
    const byCategory = replayed(await store.changedMembersFacts(sub, days), days);
    const counted = await store.counts(sub, days);
    const figures = { ...counted };
    for (const [category, ids] of byCategory) figures[FIGURE_OF[category]] += ids.length;
    return { sub, days, figures, replayed: byCategory };
  });
}

/** The unit of the payload when the viewer may see its member counts. */
async function visibleUnit(d: OrgUnitDashboardType, ctx: RequestContext): Promise<OrgUnit | null> {
  const unit = await orgUnitLoader(ctx).load(d.orgUnitId);
  return unit && canSeeMemberCounts(ctx.principal, unit.lineage) ? unit : null;
}

async function figure(d: OrgUnitDashboardType, ctx: RequestContext, name: keyof MemberFigures): Promise<number | null> {
  const unit = await visibleUnit(d, ctx);
  if (!unit) return null;
  return (await snapshot(d, ctx, unit))?.figures[name] ?? null;
}

const collator = new Intl.Collator('vi', { sensitivity: 'variant' });

const AS_OF = 'tính đến ngày cuối kỳ, hoặc hôm nay nếu kỳ chưa kết thúc, theo lịch sử đảng viên và cây tổ chức vào ngày đó';

/** Membership's figures on the dashboard: the unit itself, its cells, and its members (M-1, M-4, M-5, M-10). */
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

  @FieldResolver(() => Int, { nullable: true, description: `Số đảng viên chính thức (cả cấp dưới), ${AS_OF}` })
  officialMembers(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return figure(d, ctx, 'officialMembers');
  }

  @FieldResolver(() => Int, { nullable: true, description: `Số đảng viên dự bị (cả cấp dưới), ${AS_OF}` })
  probationaryMembers(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return figure(d, ctx, 'probationaryMembers');
  }

  @FieldResolver(() => Int, { nullable: true, description: `Số đảng viên được miễn công tác và sinh hoạt (M-4, cả cấp dưới), ${AS_OF}` })
  exemptMembers(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return figure(d, ctx, 'exemptMembers');
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'Số đảng viên đang công tác nơi khác đăng ký theo Quy định 213 với các chi bộ nơi cư trú trong phạm vi (M-5), giới thiệu đến ngày tính; đảng viên còn trong danh sách sinh hoạt hiện nay',
  })
  regulation213Members(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return figure(d, ctx, 'regulation213Members');
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Số đảng viên kết nạp từ đầu năm đến ngày tính (cả cấp dưới, theo chi bộ hiện sinh hoạt vào ngày đó)' })
  membersAdmittedThisYear(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return figure(d, ctx, 'membersAdmittedThisYear');
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Số đảng viên kết nạp trong kỳ (cả cấp dưới, theo chi bộ sinh hoạt vào ngày tính)' })
  membersAdmittedInPeriod(@Root() d: OrgUnitDashboardType, @Ctx() ctx: RequestContext): Promise<number | null> {
    return figure(d, ctx, 'membersAdmittedInPeriod');
  }

  @FieldResolver(() => [MemberType], {
    nullable: true,
    description:
      'Các đảng viên đằng sau một số liệu đảng viên, theo thứ tự tên tiếng Việt; chỉ người được xem hồ sơ đảng viên của đơn vị (đảng viên diện 213 sinh hoạt ngoài phạm vi người xem không được liệt kê); null với người khác',
  })
  async members(
    @Root() d: OrgUnitDashboardType,
    @Arg('category', () => DashboardMemberCategory) category: DashboardMemberCategory,
    @Args() { first }: DrillDownArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Member[] | null> {
    const unit = await visibleUnit(d, ctx);
    if (!unit || !canListDashboardMembers(ctx.principal, unit.lineage)) return null;
    const snap = await snapshot(d, ctx, unit);
    if (!snap) return null;
    return ctx.uow().run(async (tx) => {
      const ids = [...(await new MemberDashboardStore(tx).memberIds(snap.sub, snap.days, category, first)), ...(snap.replayed.get(category) ?? [])];
      const store = new MemberStore(tx);
      const found = await store.findMembers(ids);
      const cells = new Map((await store.findOrgUnits([...new Set(found.map((m) => m.cellId))])).map((u) => [u.id, u]));
      return found
        .filter((m) => cells.has(m.cellId) && canReadMember(ctx.principal, cells.get(m.cellId)!.lineage, m.id))
        .sort((a, b) => collator.compare(a.fullName, b.fullName) || (a.id < b.id ? -1 : 1))
        .slice(0, first);
    });
  }
}
