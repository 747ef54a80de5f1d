export { ImportOutcome, importMembers, assertMayImport, type ImportReport, type ImportRowResult, type ImportIssue, type ImportOptions, type MemberImportPorts } from './domain/import-members';
export type { Sheet, SheetCell, SheetRow } from './domain/import-columns';
export { readMemberFile } from './store/import-file';
export { MemberImportStore } from './store/import-store';
export { ENTITIES as MEMBERSHIP_ENTITIES } from './store';
