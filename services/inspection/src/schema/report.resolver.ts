import { Arg, Ctx, Field, ID, InputType, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { DomainError, InspectionKind, SupervisionKind, type DisciplineForm } from '@chibo/domain';
import { OrgTree, parseId, type RequestContext } from '@chibo/service-kit';
import { canSeeCaseCounts } from '../domain/discipline-case';
import { ReportPeriodKind, reportRange } from '../domain/reports';
import { ReportStore } from '../store';
import { FormCountType } from './discipline.types';

registerEnumType(ReportPeriodKind, { name: 'ReportPeriodKind', description: 'Kỳ báo cáo: tháng, quý, 6 tháng, 9 tháng, năm, nhiệm kỳ (D-9)' });

@InputType('ReportPeriodInput')
export class ReportPeriodInput {
  @Field(() => ReportPeriodKind)
  kind: ReportPeriodKind;

  @Field(() => Int)
  year: number;

  @Field(() => Int, { nullable: true, description: 'Tháng (1–12) hoặc quý (1–4)' })
  index?: number | null;

  @Field(() => String, { nullable: true, description: 'Nhiệm kỳ: ngày đại hội mở nhiệm kỳ (trong năm đã nêu); mặc định 1/1 của năm' })
  termStartsOn?: string | null;
}

@ObjectType('SupervisionReportRow')
export class SupervisionReportRow {
  @Field(() => SupervisionKind)
  kind: SupervisionKind;

  @Field(() => Int)
  started: number;

  @Field(() => Int)
  concluded: number;

  @Field(() => Int, { description: 'Kết luận có dấu hiệu vi phạm' })
  signsOfViolation: number;
}

@ObjectType('InspectionReportRow')
export class InspectionReportRow {
  @Field(() => InspectionKind)
  kind: InspectionKind;

  @Field(() => Int)
  decided: number;

  @Field(() => Int)
  concluded: number;

  @Field(() => Int, { description: 'Kết luận có vi phạm' })
  violationsFound: number;
}

/** Báo cáo công tác kiểm tra, giám sát, kỷ luật — D-9: figures only, over the viewer's subtree. */
@ObjectType('InspectionReport', { description: 'Báo cáo kiểm tra, giám sát, kỷ luật theo kỳ (chỉ số liệu)' })
export class InspectionReportType {
  @Field()
  from: string;

  @Field()
  to: string;

  @Field(() => [SupervisionReportRow], { description: 'Giám sát theo loại' })
  supervisions: SupervisionReportRow[];

  @Field(() => [InspectionReportRow], { description: 'Kiểm tra theo loại' })
  inspections: InspectionReportRow[];

  @Field(() => Int, { description: 'Vụ việc kỷ luật mở trong kỳ' })
  disciplineCasesOpened: number;

  @Field(() => [FormCountType], { description: 'Quyết định kỷ luật trong kỳ theo hình thức' })
  disciplineDecisionsByForm: FormCountType[];
}

@Resolver()
export class ReportResolver {
  @Query(() => InspectionReportType, { description: 'Báo cáo kiểm tra, giám sát, kỷ luật của tổ chức và cấp dưới (D-9)' })
  async inspectionReport(@Arg('orgUnitId', () => ID) orgUnitId: string, @Arg('period') period: ReportPeriodInput, @Ctx() ctx: RequestContext): Promise<InspectionReportType> {
    const id = parseId(orgUnitId, 'orgUnitId');
    const { from, to } = reportRange(period);
    return ctx.uow().run(async (tx) => {
      const unit = await new OrgTree(tx.manager, tx.tenantId).find(id);
      if (!unit || !canSeeCaseCounts(ctx.principal, { lineage: OrgTree.lineage(unit) })) {
        throw new DomainError('NOT_FOUND', { vi: 'Không tìm thấy tổ chức đảng', en: 'Org unit not found' }, { orgUnitId: id });
      }
      const r = await new ReportStore(tx).counts(unit.path, from, to);
      return {
        from,
        to,
        supervisions: r.supervisions as SupervisionReportRow[],
        inspections: r.inspections as InspectionReportRow[],
        disciplineCasesOpened: r.casesOpened,
        disciplineDecisionsByForm: r.decisions.map((d) => ({ form: d.form as DisciplineForm, count: d.n })),
      };
    });
  }
}
