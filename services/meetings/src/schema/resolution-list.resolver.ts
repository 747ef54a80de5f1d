import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DomainError, isUuid } from '@chibo/domain';
import { Connection, PageArgs, SyncArgs, decodeCursor, encodeCursor, toConnection, type RequestContext } from '@chibo/service-kit';
import { assertCanRead } from '../domain/meetings';
import { MeetingStore } from '../store';
import { OrgUnitRef, ResolutionType } from './types';

const ResolutionConnection = Connection(ResolutionType, 'Resolution');

/** A cell's resolutions (nghị quyết) as one list: what an integrator mirrors, with `modifiedSince`. */
@Resolver(() => OrgUnitRef)
export class OrgUnitResolutionsResolver {
  @FieldResolver(() => ResolutionConnection, { nullable: true, description: 'Các nghị quyết của chi bộ (thứ tự ổn định, để đồng bộ)' })
  async resolutions(@Root() unit: OrgUnitRef, @Args() page: PageArgs, @Args() sync: SyncArgs, @Ctx() ctx: RequestContext) {
    const cursor = decodeCursor(page.after);
    const afterId = cursor ? String(cursor[0]) : null;
    if (afterId && !isUuid(afterId)) throw new DomainError('BAD_USER_INPUT', { vi: 'Con trỏ không hợp lệ', en: 'Invalid cursor' }, { field: 'after' });
    const { rows, total } = await ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const cell = await store.findCell(unit.id);
      if (!cell) return { rows: [], total: 0 };
      assertCanRead(ctx.principal, cell);
      return store.resolutionsOfCell(unit.id, page.first, afterId, sync.modifiedSince);
    });
    return toConnection(rows, page.first, total, (r) => encodeCursor([r.id]));
  }
}
