import { MemberEventKind as E, MemberStatus as S, PositionKind as P, type DisciplineDecided, type DomainEvent } from '@chibo/domain';
import { isIsoDate } from './dates';
import { applyEvent, type MemberEvent } from './members';
import type { OrgUnit } from './org-units';
import { endAllPositions, heldOn, type PositionPorts } from './positions';

export interface DisciplinePorts extends PositionPorts {
  eventsBySource(sourceRef: string): Promise<MemberEvent[]>;
  /** Posts of a member that a change by `by` ended, still ended. */
  positionsEndedBy(memberId: string, by: string): Promise<{ id: string; orgUnitId: string; kind: P; endsOn: string }[]>;
  reopenPosition(id: string, by: string): Promise<void>;
}

/** What a discipline of an org unit (D-3: DISSOLUTION) needs from storage. */
export interface UnitDisciplinePorts {
  findOrgUnit(id: string): Promise<OrgUnit | null>;
  /** Who changed the unit last (a dissolution records its decision there). */
  unitChangedBy(id: string): Promise<string | null>;
  dissolveOrgUnit(id: string, on: string, by: string): Promise<void>;
  reopenOrgUnit(id: string, by: string): Promise<void>;
  publish(event: DomainEvent): void;
}

/** Who recorded a change that another service decided. */
export const INSPECTION_ACTOR = 'service:inspection';

/**
 * The actor of an effect of one decision: posts ended and units dissolved carry it, so an
 * annulment undoes exactly what that decision did and nothing another change did.
 */
export const disciplineActor = (caseId: string) => `${INSPECTION_ACTOR}/discipline:${caseId}`;

export type DisciplineOutcome = 'EXPELLED' | 'RESTORED' | 'DISCIPLINED' | 'ANNULLED' | 'DISSOLVED' | 'REOPENED' | 'IGNORED';

const ON_ROLLS: readonly S[] = [S.OFFICIAL, S.PROBATIONARY, S.EXEMPT];

const effectiveDate = (p: DisciplineDecided['payload']) =>
  typeof p.effectiveOn === 'string' && isIsoDate(p.effectiveOn.slice(0, 10)) ? p.effectiveOn.slice(0, 10) : null;

/**
 * D-8: an EXPULSION ends membership (status EXPELLED) and every post; REMOVAL_FROM_POST ends the
 * member's posts. An annulled decision (D-7, on complaint) restores what it took: the status the
 * member had and the posts it ended (unless someone else has since taken a single post). A
 * REDUCED decision arrives as the annulment of the old form and a decision of the new one. A
 * lighter form changes no status but is kept in the history, because it caps the year's rating
 * (M-7). Each decision is kept under its case and form, so the same decision applied twice
 * changes nothing the second time (the inbox already stops redeliveries; this also stops a
 * re-sent decision).
 */
export async function applyDisciplineDecision(ports: DisciplinePorts, p: DisciplineDecided['payload']): Promise<DisciplineOutcome> {
  if (p.subjectKind !== 'MEMBER' || !p.memberId) return 'IGNORED';
  const member = await ports.findMember(p.memberId);
  if (!member) return 'IGNORED';
  const effectiveOn = effectiveDate(p);
  if (!effectiveOn) return 'IGNORED';
  // Expulsion keeps the reference it always had; other forms are told apart, so a reduced form is not mistaken for the annulled one.
  const sourceRef = p.form === 'EXPULSION' ? `discipline:${p.caseId}` : `discipline:${p.caseId}/${p.form}`;
  const actor = disciplineActor(p.caseId);
  const done = await ports.eventsBySource(sourceRef);
  const has = (kind: E) => done.some((e) => e.kind === kind);
  const noCheck = () => undefined;
  const record = (kind: E, reason: string) => applyEvent(ports, member, kind, effectiveOn, INSPECTION_ACTOR, noCheck, { sourceRef, reason }, { backdated: true });

  if (p.form === 'EXPULSION') {
    if (!p.annulled) {
      if (has(E.EXPELLED) || !ON_ROLLS.includes(member.status)) return 'IGNORED';
      await record(E.EXPELLED, 'Kỷ luật khai trừ');
      await endAllPositions(ports, member.id, effectiveOn, actor);
      return 'EXPELLED';
    }
    if (!has(E.EXPELLED) || has(E.RESTORED) || member.status !== S.EXPELLED) return 'IGNORED';
    await record(E.RESTORED, 'Quyết định khai trừ bị hủy');
    await restorePosts(ports, member.id, actor, effectiveOn);
    return 'RESTORED';
  }
  if (!p.annulled) {
    if (has(E.DISCIPLINED)) return 'IGNORED';
    await record(E.DISCIPLINED, `Kỷ luật: ${p.form}`);
    // D-8: removal from post (cách chức) ends the posts the member holds.
    if (p.form === 'REMOVAL_FROM_POST') await endAllPositions(ports, member.id, effectiveOn, actor);
    return 'DISCIPLINED';
  }
  if (!has(E.DISCIPLINED) || has(E.DISCIPLINE_ANNULLED)) return 'IGNORED';
  await record(E.DISCIPLINE_ANNULLED, `Hủy quyết định kỷ luật: ${p.form}`);
  if (p.form === 'REMOVAL_FROM_POST') await restorePosts(ports, member.id, actor, effectiveOn);
  return 'ANNULLED';
}

/** Posts the decision ended are held again, unless a single post (secretary, group leader) went to someone else meanwhile. */
async function restorePosts(ports: DisciplinePorts, memberId: string, by: string, on: string): Promise<void> {
  for (const ended of await ports.positionsEndedBy(memberId, by)) {
    const single = ended.kind === P.SECRETARY || ended.kind === P.GROUP_LEADER;
    if (single && (await ports.positionsOfUnit(ended.orgUnitId)).some((p) => p.kind === ended.kind && p.memberId !== memberId && heldOn(p, on))) continue;
    await ports.reopenPosition(ended.id, INSPECTION_ACTOR);
  }
}

/**
 * D-8: a DISSOLUTION (giải tán) closes the org unit from its effective date; it stays queryable
 * (T-2) and its members are left for the higher committee to transfer. An annulled dissolution
 * reopens the unit, if that decision is what closed it.
 */
export async function applyUnitDiscipline(ports: UnitDisciplinePorts, p: DisciplineDecided['payload']): Promise<DisciplineOutcome> {
  if (p.subjectKind !== 'ORG_UNIT' || !p.orgUnitId || p.form !== 'DISSOLUTION') return 'IGNORED';
  const unit = await ports.findOrgUnit(p.orgUnitId);
  const effectiveOn = effectiveDate(p);
  if (!unit || !unit.parentId || !effectiveOn) return 'IGNORED';
  const actor = disciplineActor(p.caseId);
  if (!p.annulled) {
    if (unit.validTo) return 'IGNORED';
    await ports.dissolveOrgUnit(unit.id, effectiveOn, actor);
    ports.publish({ type: 'OrgUnitDissolved', payload: { orgUnitId: unit.id, effectiveOn } });
    return 'DISSOLVED';
  }
  if (!unit.validTo || (await ports.unitChangedBy(unit.id)) !== actor) return 'IGNORED';
  await ports.reopenOrgUnit(unit.id, INSPECTION_ACTOR);
  return 'REOPENED';
}

/** M-7: whether a discipline decided in `year` stands (not annulled) in a member's history. */
export function disciplinedInYear(history: readonly MemberEvent[], year: number): boolean {
  const annulled = new Set(history.filter((e) => e.kind === E.DISCIPLINE_ANNULLED || e.kind === E.RESTORED).map((e) => e.sourceRef));
  return history.some(
    (e) => (e.kind === E.DISCIPLINED || e.kind === E.EXPELLED) && e.effectiveOn.startsWith(`${year}-`) && !(e.sourceRef && annulled.has(e.sourceRef)),
  );
}
