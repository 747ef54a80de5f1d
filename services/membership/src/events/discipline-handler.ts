import type { EventHandlers } from '@chibo/service-kit';
import { applyDisciplineDecision, applyUnitDiscipline } from '../domain/discipline';
import { MemberStore, MembershipStore } from '../store';

/** Events of other services membership applies, each once (inbox) in one tenant transaction. */
export const membershipEventHandlers: EventHandlers = {
  DisciplineDecided: async (tx, payload) => {
    if (payload.subjectKind === 'ORG_UNIT') await applyUnitDiscipline(new MembershipStore(tx), payload);
    else await applyDisciplineDecision(new MemberStore(tx), payload);
  },
};
