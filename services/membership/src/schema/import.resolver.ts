import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { DomainError } from '@chibo/domain';
import type { RequestContext } from '@chibo/service-kit';
import { ImportOutcome, assertMayImport, importMembers, type ImportReport, type ImportRowResult } from '../domain/import-members';
import { readMemberFile } from '../store/import-file';
import { MemberImportStore } from '../store/import-store';
import { MemberImportInput, MemberImportReportType, MemberImportRowType } from './import-types';

function decode(base64: string): Buffer {
  const clean = base64.replace(/\s+/g, '');
  if (!clean || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) {
    throw new DomainError('BAD_USER_INPUT', { vi: 'Nội dung tệp không phải base64', en: 'The file content is not base64' }, { field: 'fileBase64' });
  }
  return Buffer.from(clean, 'base64');
}

@Resolver(() => MemberImportReportType)
export class MemberImportResolver {
  @Mutation(() => MemberImportReportType, { description: 'Xem trước nhập danh sách đảng viên (.xlsx/.csv): mỗi dòng thêm mới, cập nhật, không đổi hay lỗi; không ghi gì' })
  previewMemberImport(@Arg('input') input: MemberImportInput, @Ctx() ctx: RequestContext): Promise<ImportReport> {
    return this.run(input, ctx, false);
  }

  @Mutation(() => MemberImportReportType, { description: 'Nhập danh sách đảng viên: ghi các dòng hợp lệ trong một giao dịch; nhập lại cùng tệp không thay đổi gì' })
  commitMemberImport(@Arg('input') input: MemberImportInput, @Ctx() ctx: RequestContext): Promise<ImportReport> {
    return this.run(input, ctx, true);
  }

  @FieldResolver(() => [MemberImportRowType], { description: 'Các dòng, theo thứ tự trong tệp; lọc theo kết quả nếu cần' })
  rows(@Root() report: ImportReport, @Arg('outcomes', () => [ImportOutcome], { nullable: true }) outcomes: ImportOutcome[] | null): ImportRowResult[] {
    return outcomes?.length ? report.rows.filter((r) => outcomes.includes(r.outcome)) : report.rows;
  }

  private async run(input: MemberImportInput, ctx: RequestContext, commit: boolean): Promise<ImportReport> {
    // Refused before the file is even read.
    assertMayImport(ctx.principal);
    const sheet = await readMemberFile(decode(input.fileBase64));
    return ctx.uow().run((tx) => importMembers(ctx.principal, sheet, new MemberImportStore(tx), { commit }));
  }
}
