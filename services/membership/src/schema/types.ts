import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MaxLength } from 'class-validator';
import { OrgUnitKind } from '@chibo/domain';

registerEnumType(OrgUnitKind, {
  name: 'OrgUnitKind',
  description: 'Loại tổ chức đảng: đảng bộ, chi bộ cơ sở, chi bộ trực thuộc, tổ đảng',
});

/** Thành ủy — a city party committee, one tenant of the platform. */
@ObjectType('Tenant')
export class TenantType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Tên đảng bộ' })
  name: string;

  rootOrgUnitId: string;
}

/** Tổ chức đảng — a unit of the party tree, from the city committee down to a party group. */
@Directive('@key(fields: "id")')
@ObjectType('OrgUnit')
export class OrgUnitType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Tên tổ chức đảng' })
  name: string;

  @Field(() => OrgUnitKind)
  kind: OrgUnitKind;

  @Field(() => ID, { nullable: true })
  parentId: string | null;

  @Field({ description: 'Ngày bắt đầu hiệu lực (YYYY-MM-DD)' })
  validFrom: string;

  @Field(() => String, { nullable: true, description: 'Ngày thôi tồn tại (YYYY-MM-DD) khi đã giải thể hoặc sáp nhập' })
  validTo?: string | null;

  @Field(() => ID, { nullable: true, description: 'Tổ chức nhận sáp nhập, nếu tổ chức này đã sáp nhập' })
  mergedIntoId?: string | null;

  lineage: string[];
}

/**
 * Bảng theo dõi — the live dashboard of an org unit for a period. Each service adds its own
 * figures to this entity; the gateway assembles them.
 */
@Directive('@key(fields: "orgUnitId period")')
@ObjectType('OrgUnitDashboard')
export class OrgUnitDashboardType {
  @Field(() => ID)
  orgUnitId: string;

  @Field({ description: 'Kỳ báo cáo, ví dụ 2026-11' })
  period: string;
}

@ObjectType('CreateTenantPayload')
export class CreateTenantPayload {
  @Field(() => TenantType)
  tenant: TenantType;

  @Field(() => OrgUnitType)
  rootOrgUnit: OrgUnitType;
}

@ObjectType('CreateOrgUnitPayload')
export class CreateOrgUnitPayload {
  @Field(() => OrgUnitType)
  orgUnit: OrgUnitType;
}

@InputType('CreateTenantInput')
export class CreateTenantInput {
  @Field({ description: 'Tên đảng bộ, ví dụ "Đảng bộ thành phố Hà Tĩnh"' })
  @MaxLength(200)
  name: string;
}

@InputType('CreateOrgUnitInput')
export class CreateOrgUnitInput {
  @Field(() => ID)
  parentId: string;

  @Field(() => OrgUnitKind)
  kind: OrgUnitKind;

  @Field()
  @MaxLength(200)
  name: string;

  @Field({ nullable: true, description: 'YYYY-MM-DD; mặc định hôm nay' })
  validFrom?: string;
}

export { Int };
