import type { ModifiedSinceSpec } from '@chibo/service-kit';

export { RESOLUTION_CHANGES } from './meeting-store';

/** What counts as a change of each record an integrator mirrors with `modifiedSince` (issue 7). */
/** An agenda item changes with its row and the documents recorded as passed on under it. */
export const AGENDA_ITEM_CHANGES: ModifiedSinceSpec = { table: 'agenda_item', parts: [{ table: 'document_dissemination', column: 'agenda_item_id' }] };
export const CONTRIBUTION_CHANGES: ModifiedSinceSpec = { table: 'contribution' };
/** A higher document changes with its row and each cell's dissemination of it (G-11). */
export const HIGHER_DOCUMENT_CHANGES: ModifiedSinceSpec = { table: 'higher_document', parts: [{ table: 'document_dissemination', column: 'document_id' }] };
/** A task changes with its row and its progress reports. */
export const TASK_CHANGES: ModifiedSinceSpec = { table: 'resolution_task', parts: [{ table: 'task_progress', column: 'task_id' }] };
export const TASK_PROGRESS_CHANGES: ModifiedSinceSpec = { table: 'task_progress' };
