import type { ModifiedSinceSpec } from '@chibo/service-kit';

/** What counts as a change of each record an integrator mirrors with `modifiedSince` (issue 7). */
export const MEMBER_EVENT_CHANGES: ModifiedSinceSpec = { table: 'member_event' };
export const POSITION_CHANGES: ModifiedSinceSpec = { table: 'member_position' };
export const TRANSFER_CHANGES: ModifiedSinceSpec = { table: 'member_transfer' };
export const TRANSFER_LETTER_CHANGES: ModifiedSinceSpec = { table: 'transfer_letter' };
export const API_KEY_CHANGES: ModifiedSinceSpec = { table: 'api_key' };
