import type { EventHandlers } from '@chibo/service-kit';
import { applyDisciplineDecision } from '../domain/discipline';
import { MemberStore } from '../store';

/** Events of other services membership applies, each once (inbox) in one tenant transaction. */
export const membershipEventHandlers: EventHandlers = {
  DisciplineDecided: async (tx, payload) => {
    await applyDisciplineDecision(new MemberStore(tx), payload);
  },
};
