import { MaxLength } from 'class-validator';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { DomainError, Gender, MemberStatus, TransferLetterStatus, isInScope, requireOperation, requireTenant } from '@chibo/domain';
import { SyncArgs, keepModifiedSince, parseId, type RequestContext, type Transaction } from '@chibo/service-kit';
import { maskCitizenId } from '../domain/member-rules';
import type { Member } from '../domain/members';
import type { OrgUnit } from '../domain/org-units';
import { acceptTransferLetter, canHandleLetters, handlesIncomingLetters, issueTransferLetter, LetterDirection, rejectTransferLetter, withdrawTransferLetter, type OtherTenant, type TransferLetter } from '../domain/transfer-letters';
import { TransferLetterStore } from '../store';
import { TRANSFER_LETTER_CHANGES } from '../store/changes';
import { memberLoader } from './member.resolver';
import { MemberType } from './member-types';
import { orgUnitLoader } from './org-unit.resolver';
import { OrgUnitType } from './types';

registerEnumType(TransferLetterStatus, { name: 'TransferLetterStatus', description: 'Giấy giới thiệu: chờ xem xét, đã tiếp nhận, bị từ chối' });
registerEnumType(LetterDirection, { name: 'TransferLetterDirection', description: 'Giấy giới thiệu đi hoặc đến' });

/** Giấy giới thiệu sinh hoạt đảng — a transfer letter between two tenants, as this tenant keeps it (M-8). */
@ObjectType('TransferLetter')
export class TransferLetterType {
  @Field(() => ID)
  id: string;

  @Field(() => LetterDirection)
  direction: LetterDirection;

  @Field(() => TransferLetterStatus)
  status: TransferLetterStatus;

  @Field(() => ID, { description: 'Đảng bộ bên kia: bên nhận (giấy đi) hoặc bên gửi (giấy đến)' })
  counterpartTenantId: string;

  @Field({ description: 'Tên đảng bộ bên kia' })
  counterpartTenantName: string;

  @Field({ description: 'Số giấy giới thiệu' })
  letterNumber: string;

  @Field({ description: 'Ngày cấp (YYYY-MM-DD)' })
  issuedOn: string;

  @Field({ description: 'Chi bộ nơi đi' })
  fromCellName: string;

  @Field({ description: 'Họ và tên' })
  fullName: string;

  @Field()
  dateOfBirth: string;

  @Field(() => Gender)
  gender: Gender;

  @Field(() => String, { nullable: true })
  partyCardNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Số lý lịch' })
  fileNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Số thứ tự trong danh sách đảng viên' })
  listPosition: string | null;

  @Field(() => String, { nullable: true, description: 'Số đăng ký' })
  registerNumber: string | null;

  @Field(() => MemberStatus, { description: 'Dự bị hoặc chính thức' })
  memberStatus: MemberStatus;

  @Field(() => String, { nullable: true })
  admittedOn: string | null;

  @Field(() => String, { nullable: true })
  officialOn: string | null;

  @Field(() => String, { nullable: true, description: 'Ngày bên nhận quyết định' })
  decidedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Lý do từ chối (bên nhận) hoặc thu hồi (bên gửi)' })
  rejectionReason: string | null;

  memberId: string | null;
  receivingCellId: string | null;
  citizenId: string | null;
}

@InputType('IssueTransferLetterInput')
export class IssueTransferLetterInput {
  @Field(() => ID)
  memberId: string;

  @Field(() => ID, { description: 'Đảng bộ nhận' })
  toTenantId: string;

  @Field({ description: 'Số giấy giới thiệu' })
  @MaxLength(50)
  letterNumber: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD; mặc định hôm nay' })
  issuedOn?: string;

  @Field({ nullable: true })
  @MaxLength(30)
  listPosition?: string;

  @Field({ nullable: true })
  @MaxLength(30)
  registerNumber?: string;
}

@InputType('AcceptTransferLetterInput')
export class AcceptTransferLetterInput {
  @Field(() => ID)
  letterId: string;

  @Field(() => ID, { description: 'Chi bộ tiếp nhận' })
  cellId: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD; mặc định hôm nay' })
  acceptedOn?: string;
}

@InputType('RejectTransferLetterInput')
export class RejectTransferLetterInput {
  @Field(() => ID)
  letterId: string;

  @Field({ description: 'Lý do từ chối' })
  @MaxLength(1000)
  reason: string;
}

@InputType('WithdrawTransferLetterInput')
export class WithdrawTransferLetterInput {
  @Field(() => ID)
  letterId: string;

  @Field({ description: 'Lý do thu hồi' })
  @MaxLength(1000)
  reason: string;
}

@ObjectType('TransferLetterPayload')
export class TransferLetterPayload {
  @Field(() => TransferLetterType)
  letter: TransferLetterType;
}

/** The hand-off to the other tenant, in the same transaction (service-kit's `asTenant`). */
const otherTenant =
  (tx: Transaction): OtherTenant =>
  (tenantId, work) =>
    tx.asTenant(tenantId, (other) => work(new TransferLetterStore(other)));

@Resolver(() => TransferLetterType)
export class TransferLetterResolver {
  @Query(() => [TransferLetterType], { description: 'Giấy giới thiệu sinh hoạt đảng đi hoặc đến của đảng bộ (M-8)' })
  async transferLetters(
    @Arg('direction', () => LetterDirection) direction: LetterDirection,
    @Arg('status', () => TransferLetterStatus, { nullable: true }) status: TransferLetterStatus | null,
    @Args() sync: SyncArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<TransferLetter[]> {
    const letters = await this.letters(direction, status, ctx);
    return keepModifiedSince(ctx, TRANSFER_LETTER_CHANGES, sync.modifiedSince, letters);
  }

  private async letters(direction: LetterDirection, status: TransferLetterStatus | null, ctx: RequestContext): Promise<TransferLetter[]> {
    requireTenant(ctx.principal);
    requireOperation(ctx.principal, 'transferLetters');
    return ctx.uow().run(async (tx) => {
      const store = new TransferLetterStore(tx);
      if (direction === LetterDirection.INCOMING) {
        if (!handlesIncomingLetters(ctx.principal, await store.tenantRootId())) throw new DomainError('FORBIDDEN');
        return store.letters(direction, status);
      }
      const letters = await store.letters(direction, status);
      // Outgoing letters are about members: staff see those of their own subtree.
      const members = new Map((await store.findMembers(letters.map((l) => l.memberId!))).map((m) => [m.id, m]));
      const cells = new Map((await store.findOrgUnits([...new Set([...members.values()].map((m) => m.cellId))])).map((u) => [u.id, u]));
      return letters.filter((l) => {
        const cell = cells.get(members.get(l.memberId!)?.cellId ?? '');
        return !!cell && isInScope(ctx.principal, cell.lineage);
      });
    });
  }

  @Query(() => TransferLetterType, { description: 'Một giấy giới thiệu sinh hoạt đảng của đảng bộ (M-8)' })
  async transferLetter(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<TransferLetter> {
    const letterId = parseId(id);
    requireTenant(ctx.principal);
    requireOperation(ctx.principal, 'transferLetter');
    const letter = await ctx.uow().run(async (tx) => {
      const store = new TransferLetterStore(tx);
      const incoming = await store.findLetter(letterId, LetterDirection.INCOMING);
      if (incoming) return handlesIncomingLetters(ctx.principal, await store.tenantRootId()) ? incoming : null;
      return store.findLetter(letterId, LetterDirection.OUTGOING);
    });
    if (!letter) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy giấy giới thiệu', en: 'Transfer letter not found' }, { letterId });
    if (letter.direction === LetterDirection.OUTGOING) {
      // Through the member, so staff of another subtree find nothing.
      if (!(await memberLoader(ctx).load(letter.memberId!))) throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy giấy giới thiệu', en: 'Transfer letter not found' }, { letterId });
    }
    return letter;
  }

  @Mutation(() => TransferLetterPayload, { description: 'Cấp giấy giới thiệu sinh hoạt đảng sang đảng bộ khác (M-8)' })
  async issueTransferLetter(@Arg('input') input: IssueTransferLetterInput, @Ctx() ctx: RequestContext): Promise<TransferLetterPayload> {
    const cmd = { ...input, memberId: parseId(input.memberId, 'memberId'), toTenantId: parseId(input.toTenantId, 'toTenantId') };
    const letter = await ctx.uow().run((tx) => issueTransferLetter(ctx.principal, cmd, new TransferLetterStore(tx), otherTenant(tx)));
    return { letter: letter as TransferLetterType };
  }

  @Mutation(() => TransferLetterPayload, { description: 'Tiếp nhận đảng viên theo giấy giới thiệu: tạo hồ sơ tại chi bộ được chọn (M-8)' })
  async acceptTransferLetter(@Arg('input') input: AcceptTransferLetterInput, @Ctx() ctx: RequestContext): Promise<TransferLetterPayload> {
    const cmd = { ...input, letterId: parseId(input.letterId, 'letterId'), cellId: parseId(input.cellId, 'cellId') };
    const { letter } = await ctx.uow().run((tx) => acceptTransferLetter(ctx.principal, cmd, new TransferLetterStore(tx), otherTenant(tx)));
    return { letter: letter as TransferLetterType };
  }

  @Mutation(() => TransferLetterPayload, { description: 'Từ chối giấy giới thiệu, có lý do; đảng viên vẫn ở đảng bộ gửi (M-8)' })
  async rejectTransferLetter(@Arg('input') input: RejectTransferLetterInput, @Ctx() ctx: RequestContext): Promise<TransferLetterPayload> {
    const cmd = { ...input, letterId: parseId(input.letterId, 'letterId') };
    const letter = await ctx.uow().run((tx) => rejectTransferLetter(ctx.principal, cmd, new TransferLetterStore(tx), otherTenant(tx)));
    return { letter: letter as TransferLetterType };
  }

  @Mutation(() => TransferLetterPayload, { description: 'Thu hồi giấy giới thiệu bên nhận chưa xem xét, có lý do (M-8)' })
  async withdrawTransferLetter(@Arg('input') input: WithdrawTransferLetterInput, @Ctx() ctx: RequestContext): Promise<TransferLetterPayload> {
    const cmd = { ...input, letterId: parseId(input.letterId, 'letterId') };
    const letter = await ctx.uow().run((tx) => withdrawTransferLetter(ctx.principal, cmd, new TransferLetterStore(tx), otherTenant(tx)));
    return { letter: letter as TransferLetterType };
  }

  @FieldResolver(() => String, { nullable: true, description: 'Số CCCD (che với người không có thẩm quyền)' })
  citizenId(@Root() letter: TransferLetter, @Ctx() ctx: RequestContext): string | null {
    if (!letter.citizenId) return null;
    return canHandleLetters(ctx.principal) ? letter.citizenId : maskCitizenId(letter.citizenId);
  }

  @FieldResolver(() => MemberType, { nullable: true, description: 'Đảng viên của đảng bộ này: bên gửi — hồ sơ đã chuyển đi; bên nhận — hồ sơ tạo khi tiếp nhận' })
  async member(@Root() letter: TransferLetter, @Ctx() ctx: RequestContext): Promise<Member | null> {
    return letter.memberId ? memberLoader(ctx).load(letter.memberId) : null;
  }

  @FieldResolver(() => OrgUnitType, { nullable: true, description: 'Chi bộ tiếp nhận (giấy đến đã tiếp nhận)' })
  async receivingCell(@Root() letter: TransferLetter, @Ctx() ctx: RequestContext): Promise<OrgUnit | null> {
    return letter.receivingCellId ? orgUnitLoader(ctx).load(letter.receivingCellId) : null;
  }
}
