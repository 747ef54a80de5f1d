import { MemberEventKind as E, MemberStatus as S, type DisciplineDecided } from '@chibo/domain';
import { isIsoDate } from './dates';
import { applyEvent, type MemberEvent } from './members';
import { endAllPositions, type PositionPorts } from './positions';

export interface DisciplinePorts extends PositionPorts {
  eventsBySource(sourceRef: string): Promise<MemberEvent[]>;
}

/** Who recorded a change that another service decided. */
export const INSPECTION_ACTOR = 'service:inspection';

export type DisciplineOutcome = 'EXPELLED' | 'RESTORED' | 'DISCIPLINED' | 'ANNULLED' | 'IGNORED';

const ON_ROLLS: readonly S[] = [S.OFFICIAL, S.PROBATIONARY, S.EXEMPT];

/**
 * D-8: an EXPULSION ends membership (status EXPELLED) and every post; an annulled one (D-7, on
 * complaint) restores the status the member had (posts are not restored: re-assign them).
 * REMOVAL_FROM_POST ends the member's posts. A lighter form changes no status but is kept in the
 * history, because it caps the year's rating (M-7); its annulment is kept too. The case id is
 * kept on the event, so the same decision applied twice changes nothing the second time (the
 * inbox already stops redeliveries; this also stops a re-sent decision).
 */
export async function applyDisciplineDecision(ports: DisciplinePorts, p: DisciplineDecided['payload']): Promise<DisciplineOutcome> {
  if (p.subjectKind !== 'MEMBER' || !p.memberId) return 'IGNORED';
  const member = await ports.findMember(p.memberId);
  if (!member) return 'IGNORED';
  const effectiveOn = typeof p.effectiveOn === 'string' && isIsoDate(p.effectiveOn.slice(0, 10)) ? p.effectiveOn.slice(0, 10) : null;
  if (!effectiveOn) return 'IGNORED';
  const sourceRef = `discipline:${p.caseId}`;
  const done = await ports.eventsBySource(sourceRef);
  const has = (kind: E) => done.some((e) => e.kind === kind);
  const noCheck = () => undefined;
  const record = (kind: E, reason: string) => applyEvent(ports, member, kind, effectiveOn, INSPECTION_ACTOR, noCheck, { sourceRef, reason }, { backdated: true });

  if (p.form === 'EXPULSION') {
    if (!p.annulled) {
      if (has(E.EXPELLED) || !ON_ROLLS.includes(member.status)) return 'IGNORED';
      await record(E.EXPELLED, 'Kỷ luật khai trừ');
      await endAllPositions(ports, member.id, effectiveOn, INSPECTION_ACTOR);
      return 'EXPELLED';
    }
    if (!has(E.EXPELLED) || has(E.RESTORED) || member.status !== S.EXPELLED) return 'IGNORED';
    await record(E.RESTORED, 'Quyết định khai trừ bị hủy');
    return 'RESTORED';
  }
  if (!p.annulled) {
    if (has(E.DISCIPLINED)) return 'IGNORED';
    await record(E.DISCIPLINED, `Kỷ luật: ${p.form}`);
    // D-8: removal from post (cách chức) ends the posts the member holds.
    if (p.form === 'REMOVAL_FROM_POST') await endAllPositions(ports, member.id, effectiveOn, INSPECTION_ACTOR);
    return 'DISCIPLINED';
  }
  if (!has(E.DISCIPLINED) || has(E.DISCIPLINE_ANNULLED)) return 'IGNORED';
  await record(E.DISCIPLINE_ANNULLED, `Hủy quyết định kỷ luật: ${p.form}`);
  return 'ANNULLED';
}

/** M-7: whether a discipline decided in `year` stands (not annulled) in a member's history. */
export function disciplinedInYear(history: readonly MemberEvent[], year: number): boolean {
  const annulled = new Set(history.filter((e) => e.kind === E.DISCIPLINE_ANNULLED || e.kind === E.RESTORED).map((e) => e.sourceRef));
  return history.some(
    (e) => (e.kind === E.DISCIPLINED || e.kind === E.EXPELLED) && e.effectiveOn.startsWith(`${year}-`) && !(e.sourceRef && annulled.has(e.sourceRef)),
  );
}
