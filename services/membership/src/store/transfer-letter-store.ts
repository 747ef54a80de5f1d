import type { Gender, MemberStatus, TransferLetterStatus } from '@chibo/domain';
import type { LetterDecision, LetterDirection, LetterPorts, TransferLetter } from '../domain/transfer-letters';
import { decryptCitizenId, encryptCitizenId } from './citizen-id-cipher';
import { MemberStore } from './member-store';
import { TransferLetterRecord } from './transfer-letter-record';

export function toTransferLetter(r: TransferLetterRecord): TransferLetter {
  return {
    id: r.id,
    direction: r.direction as LetterDirection,
    counterpartTenantId: r.counterpartTenantId,
    counterpartTenantName: r.counterpartTenantName,
    status: r.status as TransferLetterStatus,
    letterNumber: r.letterNumber,
    issuedOn: r.issuedOn,
    fromCellName: r.fromCellName,
    memberId: r.memberId,
    fullName: r.fullName,
    dateOfBirth: r.dateOfBirth,
    gender: r.gender as Gender,
    citizenId: r.citizenIdCipher ? decryptCitizenId(r.citizenIdCipher, `letter:${r.id}`) : null,
    partyCardNumber: r.partyCardNumber,
    fileNumber: r.fileNumber,
    listPosition: r.listPosition,
    registerNumber: r.registerNumber,
    memberStatus: r.memberStatus as MemberStatus.PROBATIONARY | MemberStatus.OFFICIAL,
    admittedOn: r.admittedOn,
    officialOn: r.officialOn,
    issuedBy: r.issuedBy,
    decidedOn: r.decidedOn,
    decidedBy: r.decidedBy,
    rejectionReason: r.rejectionReason,
    receivingCellId: r.receivingCellId,
  };
}

/** Transfer letters (M-8) as this tenant keeps them, with the member storage they act on. */
export class TransferLetterStore extends MemberStore implements LetterPorts {
  async tenantName(): Promise<string | null> {
    return (await this.units.tenant())?.name ?? null;
  }

  async tenantRootId(): Promise<string | null> {
    return (await this.units.tenant())?.rootOrgUnitId ?? null;
  }

  async findLetter(id: string, direction: LetterDirection): Promise<TransferLetter | null> {
    const r = await this.m.findOneBy(TransferLetterRecord, { tenantId: this.tx.tenantId, id, direction });
    return r ? toTransferLetter(r) : null;
  }

  async pendingLetterOf(memberId: string): Promise<TransferLetter | null> {
    const r = await this.m.findOneBy(TransferLetterRecord, { tenantId: this.tx.tenantId, memberId, direction: 'OUTGOING', status: 'PENDING' });
    return r ? toTransferLetter(r) : null;
  }

  async letters(direction: LetterDirection, status: TransferLetterStatus | null): Promise<TransferLetter[]> {
    const rows = await this.m.find(TransferLetterRecord, {
      where: { tenantId: this.tx.tenantId, direction, ...(status ? { status } : {}) },
      order: { issuedOn: 'DESC', createdAt: 'DESC' },
    });
    return rows.map(toTransferLetter);
  }

  async insertLetter(l: TransferLetter): Promise<void> {
    const { citizenId, ...fields } = l;
    await this.m.insert(TransferLetterRecord, {
      tenantId: this.tx.tenantId,
      ...fields,
      citizenIdCipher: citizenId ? encryptCitizenId(citizenId, `letter:${l.id}`) : null,
    });
  }

  async decideLetter(id: string, direction: LetterDirection, d: LetterDecision): Promise<void> {
    await this.m.update(
      TransferLetterRecord,
      { tenantId: this.tx.tenantId, id, direction },
      {
        status: d.status,
        decidedOn: d.decidedOn,
        decidedBy: d.decidedBy,
        rejectionReason: d.rejectionReason ?? null,
        ...(d.receivingCellId !== undefined ? { receivingCellId: d.receivingCellId } : {}),
        ...(d.memberId !== undefined ? { memberId: d.memberId } : {}),
      },
    );
  }
}
