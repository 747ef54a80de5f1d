import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { DomainError, OrgUnitKind, isInScope, requireInScope } from '@chibo/domain';
import { parseId, type RequestContext } from '@chibo/service-kit';
import { parseDate, todayVn } from '../domain/dates';
import { OrgUnitChangeKind, treeAsOf, type OrgUnitAsOf, type OrgUnitChange } from '../domain/org-unit-history';
import type { OrgUnit } from '../domain/org-units';
import { MembershipStore } from '../store';
import { orgUnitLoader } from './org-unit.resolver';
import { OrgUnitType } from './types';

registerEnumType(OrgUnitChangeKind, { name: 'OrgUnitChangeKind', description: 'Thay đổi về tổ chức: đổi tên, chuyển trực thuộc, sáp nhập, giải thể (T-2)' });

/** Biến động tổ chức — one dated change of a unit's name or place in the tree (T-2). */
@ObjectType('OrgUnitChange')
export class OrgUnitChangeType {
  @Field(() => OrgUnitChangeKind)
  kind: OrgUnitChangeKind;

  @Field({ description: 'Ngày hiệu lực (YYYY-MM-DD)' })
  effectiveOn: string;

  @Field(() => ID, { nullable: true, description: 'Tổ chức cấp trên trước thay đổi' })
  parentIdBefore: string | null;

  @Field(() => ID, { nullable: true, description: 'Tổ chức cấp trên sau thay đổi' })
  parentIdAfter: string | null;

  @Field(() => String, { nullable: true })
  nameBefore: string | null;

  @Field(() => String, { nullable: true })
  nameAfter: string | null;

  @Field(() => ID, { nullable: true, description: 'Sáp nhập: tổ chức nhận; chuyển do sáp nhập: tổ chức bị sáp nhập' })
  relatedOrgUnitId: string | null;

  @Field({ description: 'Người ghi nhận' })
  recordedBy: string;

  @Field(() => Date, { nullable: true })
  recordedAt?: Date;
}

/** Tổ chức đảng tại một ngày — a unit with the name and parent it had on the asked date. */
@ObjectType('OrgUnitAsOf')
export class OrgUnitAsOfType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Tên vào ngày được hỏi' })
  name: string;

  @Field(() => ID, { nullable: true, description: 'Tổ chức cấp trên vào ngày được hỏi' })
  parentId: string | null;

  @Field(() => Int, { description: 'Cấp, tính từ gốc được hỏi (0)' })
  depth: number;

  unit: OrgUnit;
}

@Resolver(() => OrgUnitAsOfType)
export class OrgUnitHistoryResolver {
  @Query(() => [OrgUnitAsOfType], {
    description: 'Cây tổ chức dưới một tổ chức như vào một ngày (YYYY-MM-DD, mặc định hôm nay): tên và trực thuộc khi đó; tổ chức chưa thành lập hoặc đã đóng thì không có (T-2)',
  })
  async orgUnitTree(@Arg('rootId', () => ID) rootId: string, @Arg('asOf', () => String, { nullable: true }) asOf: string | null, @Ctx() ctx: RequestContext): Promise<OrgUnitAsOfType[]> {
    const id = parseId(rootId, 'rootId');
    const on = asOf ? parseDate(asOf, 'asOf') : todayVn();
    const root = await orgUnitLoader(ctx).load(id);
    if (!root) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { orgUnitId: id });
    requireInScope(ctx.principal, root.lineage, id);
    const tree = await ctx.uow().run(async (tx) => {
      const store = new MembershipStore(tx);
      const [units, changes] = await Promise.all([store.allOrgUnits(), store.orgUnitChangesAfter(on)]);
      return treeAsOf(units, changes, id, on);
    });
    if (!tree) {
      throw new DomainError('NOT_FOUND', { vi: `Tổ chức chưa tồn tại hoặc đã đóng vào ngày ${on}`, en: `The unit did not exist on ${on}` }, { orgUnitId: id, rule: 'T-2', asOf: on });
    }
    return tree.map((n: OrgUnitAsOf) => ({ id: n.unit.id, name: n.name, parentId: n.parentId, depth: n.depth, unit: n.unit }));
  }

  @FieldResolver(() => OrgUnitType, { nullable: true, description: 'Tổ chức như hiện nay (nếu còn trong phạm vi của người xem)' })
  orgUnit(@Root() node: OrgUnitAsOfType, @Ctx() ctx: RequestContext): OrgUnit | null {
    return isInScope(ctx.principal, node.unit.lineage) ? node.unit : null;
  }

  @FieldResolver(() => OrgUnitKind, { description: 'Loại tổ chức' })
  kind(@Root() node: OrgUnitAsOfType): string {
    return node.unit.kind;
  }
}

/** OrgUnit.history: the unit's dated changes, oldest first. */
@Resolver(() => OrgUnitType)
export class OrgUnitChangesResolver {
  @FieldResolver(() => [OrgUnitChangeType], { description: 'Lịch sử đổi tên, chuyển trực thuộc, sáp nhập, giải thể (T-2)' })
  async history(@Root() unit: OrgUnit, @Ctx() ctx: RequestContext): Promise<OrgUnitChange[]> {
    if (!isInScope(ctx.principal, unit.lineage)) return [];
    return ctx.uow().run((tx) => new MembershipStore(tx).orgUnitChanges([unit.id]));
  }

  @FieldResolver(() => OrgUnitType, { nullable: true, description: 'Tổ chức nhận sáp nhập' })
  async mergedInto(@Root() unit: OrgUnit, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    if (!unit.mergedIntoId) return null;
    const into = await orgUnitLoader(ctx).load(unit.mergedIntoId);
    return into && isInScope(ctx.principal, into.lineage) ? into : null;
  }
}
