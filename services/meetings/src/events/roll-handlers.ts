import { randomUUID } from 'node:crypto';
import type { EventHandlers } from '@chibo/service-kit';
import { applyRollEvent } from '../domain/roll';
import { RollStore } from '../store/roll-store';

/**
 * Keeps each cell's roll from membership's events (G-4). The consumer applies an event id once
 * (inbox); the handler itself only ends and opens intervals, so the roll on any past date stays
 * answerable after later changes.
 */
export const rollHandlers: EventHandlers = {
  MemberAdmitted: (tx, payload) => applyRollEvent({ type: 'MemberAdmitted', payload }, randomUUID, new RollStore(tx)),
  MemberStatusChanged: (tx, payload) => applyRollEvent({ type: 'MemberStatusChanged', payload }, randomUUID, new RollStore(tx)),
  MemberTransferred: (tx, payload) => applyRollEvent({ type: 'MemberTransferred', payload }, randomUUID, new RollStore(tx)),
};
