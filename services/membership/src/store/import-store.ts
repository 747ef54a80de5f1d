import type { Transaction } from '@chibo/service-kit';
import type { MemberImportPorts } from '../domain/import-members';
import type { Member, MemberEvent } from '../domain/members';
import type { OrgUnit } from '../domain/org-units';
import { encryptCitizenId } from './citizen-id-cipher';
import { MemberStore, toMember } from './member-store';
import { MemberRecord } from './member-record';
import { OrgUnitRecord } from './org-unit-record';
import { toOrgUnit } from './membership-store';

/**
 * Storage for member import, bound to one tenant transaction. Rows are read and written a
 * batch at a time with one statement each (`unnest` of arrays), not one statement a row:
 * an import is thousands of rows and the round trips would be most of its time.
 */
export class MemberImportStore implements MemberImportPorts {
  private readonly members: MemberStore;

  constructor(private readonly tx: Transaction) {
    this.members = new MemberStore(tx);
  }

  private get m() {
    return this.tx.manager;
  }

  publish: MemberImportPorts['publish'] = (event) => this.tx.publish(event);

  async allOrgUnits(): Promise<OrgUnit[]> {
    const rows = await this.m.findBy(OrgUnitRecord, { tenantId: this.tx.tenantId });
    return rows.map(toOrgUnit);
  }

  async membersByCard(cards: readonly string[]): Promise<Member[]> {
    if (!cards.length) return [];
    const rows = await this.m
      .createQueryBuilder(MemberRecord, 'm')
      .where('m.tenantId = :tenantId AND m.partyCardNumber = ANY(:cards)', { tenantId: this.tx.tenantId, cards: [...cards] })
      .getMany();
    return rows.map(toMember);
  }

  memberEvents(memberIds: readonly string[]): Promise<MemberEvent[]> {
    return this.members.memberEvents(memberIds);
  }

  async insertMembers(members: readonly Member[], by: string): Promise<void> {
    const col = <T>(f: (m: Member) => T) => members.map(f);
    await this.m.query(
      `INSERT INTO membership.member (tenant_id, id, full_name, search_key, date_of_birth, gender, citizen_id_cipher, party_card_number, file_number, status, cell_id, admitted_on, official_on, created_by, updated_by)
       SELECT $1, u.id, u.full_name, u.search_key, u.date_of_birth, u.gender, u.cipher, u.card, u.file_number, u.status, u.cell_id, u.admitted_on, u.official_on, $2, $2
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::uuid[], $13::date[], $14::date[])
           AS u(id, full_name, search_key, date_of_birth, gender, cipher, card, file_number, status, cell_id, admitted_on, official_on)`,
      [
        this.tx.tenantId,
        by,
        col((m) => m.id),
        col((m) => m.fullName),
        col((m) => m.searchKey),
        col((m) => m.dateOfBirth),
        col((m) => m.gender),
        col((m) => (m.citizenId ? encryptCitizenId(m.citizenId, m.id) : null)),
        col((m) => m.partyCardNumber),
        col((m) => m.fileNumber),
        col((m) => m.status),
        col((m) => m.cellId),
        col((m) => m.admittedOn),
        col((m) => m.officialOn),
      ],
    );
  }

  async updateMembers(members: readonly Member[], by: string): Promise<void> {
    const col = <T>(f: (m: Member) => T) => members.map(f);
    await this.m.query(
      `UPDATE membership.member m
          SET full_name = u.full_name, search_key = u.search_key, date_of_birth = u.date_of_birth, gender = u.gender,
              citizen_id_cipher = u.cipher, file_number = u.file_number, status = u.status, official_on = u.official_on,
              updated_by = $2, updated_at = now()
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[], $9::text[], $10::text[], $11::date[])
           AS u(id, full_name, search_key, date_of_birth, gender, cipher, file_number, status, official_on)
        WHERE m.tenant_id = $1 AND m.id = u.id`,
      [
        this.tx.tenantId,
        by,
        col((m) => m.id),
        col((m) => m.fullName),
        col((m) => m.searchKey),
        col((m) => m.dateOfBirth),
        col((m) => m.gender),
        col((m) => (m.citizenId ? encryptCitizenId(m.citizenId, m.id) : null)),
        col((m) => m.fileNumber),
        col((m) => m.status),
        col((m) => m.officialOn),
      ],
    );
  }

  async appendEvents(events: readonly MemberEvent[]): Promise<void> {
    const col = <T>(f: (e: MemberEvent) => T) => events.map(f);
    await this.m.query(
      `INSERT INTO membership.member_event (tenant_id, id, member_id, sequence, kind, effective_on, cell_id, registered_status, admitted_on, official_on, recorded_by)
       SELECT $1, u.* FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::date[], $7::uuid[], $8::text[], $9::date[], $10::date[], $11::text[])
         AS u(id, member_id, sequence, kind, effective_on, cell_id, registered_status, admitted_on, official_on, recorded_by)`,
      [
        this.tx.tenantId,
        col((e) => e.id),
        col((e) => e.memberId),
        col((e) => e.sequence),
        col((e) => e.kind),
        col((e) => e.effectiveOn),
        col((e) => e.cellId),
        col((e) => e.registeredStatus ?? null),
        col((e) => e.admittedOn ?? null),
        col((e) => e.officialOn ?? null),
        col((e) => e.recordedBy),
      ],
    );
  }
}
