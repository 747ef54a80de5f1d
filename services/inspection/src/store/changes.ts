import type { ModifiedSinceSpec } from '@chibo/service-kit';

/** What counts as a change of each record an integrator mirrors with `modifiedSince` (issue 7). */
export const DISCIPLINE_CASE_CHANGES: ModifiedSinceSpec = { table: 'discipline_case' };
export const SUPERVISION_CHANGES: ModifiedSinceSpec = { table: 'supervision' };
export const INSPECTION_CHANGES: ModifiedSinceSpec = { table: 'inspection' };
