import { Role } from './enums';
import type { ApiKeyScope } from './api-keys';
import { DomainError } from './errors';
import { hasRole, type Principal } from './principal';

/**
 * Who may run which operation (DESIGN.md §2): the one table. Each public root field names the
 * roles that may run it at all; where a record is out of the caller's subtree or confidential
 * the service still says NOT_FOUND, so a role listed here is necessary, not sufficient. An
 * integrator (API key) also needs the scope named in `scope`.
 *
 * The gateway enforces it (services/gateway/src/access.ts): every root field of every query,
 * mutation and subscription is checked here before any subgraph is asked, and a root field
 * missing from the table is refused. The services call `requireOperation` again as the second
 * wall, and decide more finely in their domain code (confidential inspection records, a
 * member's own record, a subtree); the role × operation test
 * (packages/testkit/test/access-matrix.test.ts) walks every cell through the gateway.
 */
export interface OperationAccess {
  roles: readonly Role[];
  /** What an API key needs besides the integrator role. */
  scope?: ApiKeyScope;
}

const { PLATFORM_ADMIN, CITY_ADMIN, COMMITTEE_STAFF: STAFF, CELL_SECRETARY: SECRETARY, MEMBER, INSPECTOR, INTEGRATOR } = Role;

/** Everyone who works inside a tenant: reading the tree and meetings of their subtree. */
const TENANT_READERS = [CITY_ADMIN, STAFF, SECRETARY, MEMBER, INSPECTOR, INTEGRATOR] as const;
/** Who keeps a cell's records (sổ ghi biên bản, hồ sơ đảng viên): the secretary and the committees above. */
const MEETING_WRITERS = [CITY_ADMIN, STAFF, SECRETARY] as const;
/** Meeting records also come from a key granted `meetings:write` (a ward's own software). */
const MEETING_RECORDERS = { roles: [...MEETING_WRITERS, INTEGRATOR], scope: 'meetings:write' } as const;
/** Inspection commission work (Ủy ban kiểm tra): inspectors only. */
const INSPECTORS = [INSPECTOR] as const;

export const OPERATION_ACCESS = {
  // — membership: the tree, members, keys
  createTenant: { roles: [PLATFORM_ADMIN] },
  currentTenant: { roles: TENANT_READERS },
  // The tree is the map every key needs to name a unit (a dashboard, a meeting list); the
  // people in it are what `membership:read` guards.
  orgUnit: { roles: TENANT_READERS },
  createOrgUnit: { roles: [CITY_ADMIN, STAFF] },
  renameOrgUnit: { roles: [CITY_ADMIN, STAFF] },
  moveOrgUnit: { roles: [CITY_ADMIN, STAFF] },
  dissolveOrgUnit: { roles: [CITY_ADMIN, STAFF] },
  member: { roles: TENANT_READERS, scope: 'membership:read' },
  members: { roles: [CITY_ADMIN, STAFF, SECRETARY, INSPECTOR, INTEGRATOR], scope: 'membership:read' },
  cellRoll: { roles: [CITY_ADMIN, STAFF, SECRETARY, INSPECTOR, INTEGRATOR], scope: 'membership:read' },
  cellRatings: { roles: [CITY_ADMIN, STAFF, SECRETARY, INSPECTOR, INTEGRATOR], scope: 'membership:read' },
  badgesDue: { roles: [CITY_ADMIN, STAFF, SECRETARY, INSPECTOR, INTEGRATOR], scope: 'membership:read' },
  admitMember: { roles: MEETING_WRITERS },
  registerMember: { roles: MEETING_WRITERS },
  recogniseMember: { roles: MEETING_WRITERS },
  exemptMember: { roles: MEETING_WRITERS },
  removeMember: { roles: MEETING_WRITERS },
  recordMemberDeath: { roles: MEETING_WRITERS },
  assignPosition: { roles: MEETING_WRITERS },
  endPosition: { roles: MEETING_WRITERS },
  rateMembers: { roles: MEETING_WRITERS },
  transferMember: { roles: MEETING_WRITERS },
  recordTransferArrival: { roles: MEETING_WRITERS },
  apiKeys: { roles: [CITY_ADMIN] },
  createApiKey: { roles: [CITY_ADMIN] },
  revokeApiKey: { roles: [CITY_ADMIN] },
  apiSettings: { roles: [CITY_ADMIN] },
  setApiSettings: { roles: [CITY_ADMIN] },
  // Hạn mức truy vấn: the platform gives each tenant its hourly points; the city shares them out among its keys.
  setTenantQueryBudget: { roles: [PLATFORM_ADMIN] },
  setApiKeyQueryBudget: { roles: [CITY_ADMIN] },
  // The whole list is what a key mirrors the tree from; a person gets the units of their subtree.
  orgUnits: { roles: TENANT_READERS, scope: 'membership:read' },
  orgUnitTree: { roles: TENANT_READERS },
  mergeOrgUnit: { roles: [CITY_ADMIN, STAFF] },
  endMemberExemption: { roles: MEETING_WRITERS },
  // Nơi cư trú (Quy định 213): kept by whoever keeps the member's record.
  setResidenceLiaison: { roles: MEETING_WRITERS },
  recordResidenceFeedback: { roles: MEETING_WRITERS },
  residenceFeedbackOutstanding: { roles: [CITY_ADMIN, STAFF, SECRETARY, INSPECTOR, INTEGRATOR], scope: 'membership:read' },
  // Giấy giới thiệu sinh hoạt đảng between tenants: the committee's office at the top of the tree.
  transferLetters: { roles: [CITY_ADMIN, STAFF] },
  transferLetter: { roles: [CITY_ADMIN, STAFF] },
  issueTransferLetter: { roles: [CITY_ADMIN, STAFF] },
  acceptTransferLetter: { roles: [CITY_ADMIN, STAFF] },
  rejectTransferLetter: { roles: [CITY_ADMIN, STAFF] },
  withdrawTransferLetter: { roles: [CITY_ADMIN, STAFF] },
  previewMemberImport: { roles: [CITY_ADMIN, STAFF] },
  commitMemberImport: { roles: [CITY_ADMIN, STAFF] },
  webhooks: { roles: [CITY_ADMIN] },
  registerWebhook: { roles: [CITY_ADMIN] },
  disableWebhook: { roles: [CITY_ADMIN] },
  membershipAuditLog: { roles: [CITY_ADMIN] },
  membershipTombstones: { roles: [CITY_ADMIN, INTEGRATOR], scope: 'membership:read' },
  // The token is the database's snapshot position: nothing of the tenant's in it.
  syncToken: { roles: TENANT_READERS },

  // — meetings
  dashboard: { roles: TENANT_READERS, scope: 'meetings:read' },
  dashboardUpdated: { roles: TENANT_READERS, scope: 'meetings:read' },
  meeting: { roles: TENANT_READERS, scope: 'meetings:read' },
  resolution: { roles: TENANT_READERS, scope: 'meetings:read' },
  qualityRubrics: { roles: [CITY_ADMIN, STAFF, SECRETARY, INSPECTOR] },
  setQualityRubric: { roles: [CITY_ADMIN] },
  planMeetings: { roles: [CITY_ADMIN, STAFF] },
  planMeeting: MEETING_RECORDERS,
  recordMeeting: MEETING_RECORDERS,
  prepareMeeting: MEETING_RECORDERS,
  holdMeeting: MEETING_RECORDERS,
  approveMinutes: MEETING_RECORDERS,
  cancelMeeting: MEETING_RECORDERS,
  addAgendaItem: MEETING_RECORDERS,
  recordAttendance: MEETING_RECORDERS,
  recordContributions: MEETING_RECORDERS,
  adoptResolution: MEETING_RECORDERS,
  reportTaskProgress: MEETING_RECORDERS,
  reviewResolution: MEETING_RECORDERS,
  // Scoring is the committee's judgement of a cell, not the cell's own.
  scoreMeeting: { roles: [CITY_ADMIN, STAFF] },
  adjustMeetingScore: { roles: [CITY_ADMIN, STAFF] },
  meetingRuleSets: { roles: [CITY_ADMIN, STAFF, SECRETARY, INSPECTOR] },
  setMeetingRuleSet: { roles: [CITY_ADMIN] },
  // Văn bản cấp trên: the committee registers them, the cell records passing them on.
  registerHigherDocument: { roles: [CITY_ADMIN, STAFF] },
  recordDissemination: MEETING_RECORDERS,
  setYearlyTheme: { roles: [CITY_ADMIN] },
  meetingsAuditLog: { roles: [CITY_ADMIN] },
  meetingsTombstones: { roles: [CITY_ADMIN, INTEGRATOR], scope: 'meetings:read' },

  // — inspection (confidential: inspectors; counts and reports also for the committee)
  // Inspections and supervisions also for keys granted `inspection:read` (a reporting system);
  // discipline cases stay behind their own scope.
  inspection: { roles: [INSPECTOR, INTEGRATOR], scope: 'inspection:read' },
  supervision: { roles: [INSPECTOR, INTEGRATOR], scope: 'inspection:read' },
  inspectionPlan: { roles: INSPECTORS },
  disciplineCase: { roles: [INSPECTOR, INTEGRATOR], scope: 'discipline:read' },
  disciplineCases: { roles: [INSPECTOR, INTEGRATOR], scope: 'discipline:read' },
  // Live: the case itself for inspectors (and keys granted discipline:read), only that the counts moved for the committee.
  disciplineCaseChanged: { roles: [CITY_ADMIN, STAFF, INSPECTOR, INTEGRATOR], scope: 'discipline:read' },
  disciplineCaseReads: { roles: INSPECTORS },
  disciplineCaseCounts: { roles: [CITY_ADMIN, STAFF, INSPECTOR] },
  inspectionReport: { roles: [CITY_ADMIN, STAFF, INSPECTOR] },
  disciplineRules: { roles: [CITY_ADMIN, STAFF, INSPECTOR] },
  // A member's own decisions: everyone may ask, and sees only their own (none without a member id).
  myDisciplineDecisions: { roles: [PLATFORM_ADMIN, ...TENANT_READERS] },
  setDisciplineRules: { roles: [CITY_ADMIN] },
  createInspectionPlan: { roles: INSPECTORS },
  openInspection: { roles: INSPECTORS },
  notifyInspectionSubject: { roles: INSPECTORS },
  recordInspectionSelfReport: { roles: INSPECTORS },
  verifyInspection: { roles: INSPECTORS },
  concludeInspection: { roles: INSPECTORS },
  openSupervision: { roles: INSPECTORS },
  concludeSupervision: { roles: INSPECTORS },
  openDisciplineCase: { roles: INSPECTORS },
  startDisciplineSelfReview: { roles: INSPECTORS },
  verifyDisciplineCase: { roles: INSPECTORS },
  deliberateDisciplineCase: { roles: INSPECTORS },
  proposeDisciplineUpward: { roles: INSPECTORS },
  decideDisciplineCase: { roles: INSPECTORS },
  announceDisciplineDecision: { roles: INSPECTORS },
  closeDisciplineCase: { roles: INSPECTORS },
  deferDisciplineDecision: { roles: INSPECTORS },
  fileDisciplineComplaint: { roles: INSPECTORS },
  resolveDisciplineComplaint: { roles: INSPECTORS },
  confidentialReads: { roles: INSPECTORS },
  inspectionAuditLog: { roles: [CITY_ADMIN] },
  inspectionTombstones: { roles: [CITY_ADMIN, INTEGRATOR], scope: 'inspection:read' },
  // The tenant's own days off and make-up days (D-7): everyone counts working days with them.
  tenantCalendarDays: { roles: TENANT_READERS },
  addTenantCalendarDay: { roles: [CITY_ADMIN, INSPECTOR] },
  removeTenantCalendarDay: { roles: [CITY_ADMIN, INSPECTOR] },
} as const satisfies Record<string, OperationAccess>;

export type Operation = keyof typeof OPERATION_ACCESS;

export function isOperation(name: string): name is Operation {
  return Object.prototype.hasOwnProperty.call(OPERATION_ACCESS, name);
}

/** Whether the principal's roles (and, for a key, its scopes) let it run the operation at all. */
export function mayRun(principal: Principal, operation: Operation): boolean {
  const access: OperationAccess = OPERATION_ACCESS[operation];
  if (!principal.roles.some((r) => access.roles.includes(r))) return false;
  return !access.scope || !principal.roles.includes(INTEGRATOR) || (principal.scopes ?? []).includes(access.scope);
}

/** FORBIDDEN naming the operation and the roles (or the scope) the table asks for. */
export function requireOperation(principal: Principal, operation: Operation): void {
  requireAccess(principal, operation, OPERATION_ACCESS[operation]);
}

function requireAccess(principal: Principal, operation: string, access: OperationAccess): void {
  if (!hasRole(principal, ...access.roles)) {
    throw new DomainError(
      'FORBIDDEN',
      { vi: `Vai trò của bạn không được thực hiện ${operation}`, en: `Your role may not run ${operation}` },
      { operation, requiredRoles: [...access.roles] },
    );
  }
  if (access.scope && hasRole(principal, INTEGRATOR) && !(principal.scopes ?? []).includes(access.scope)) {
    throw new DomainError(
      'FORBIDDEN',
      { vi: `Khóa API thiếu quyền ${access.scope} để thực hiện ${operation}`, en: `The API key lacks the ${access.scope} scope to run ${operation}` },
      { operation, requiredScope: access.scope },
    );
  }
}

/**
 * The gate for a root field by name, as the gateway sees it: a field the table does not name
 * is refused too (fail closed), so a new root field cannot go out unguarded. The table is
 * OPERATION_ACCESS; another only for a gateway serving another schema (its own tests).
 */
export function requireRootField(principal: Principal, field: string, table: Readonly<Record<string, OperationAccess>> = OPERATION_ACCESS): void {
  if (!Object.prototype.hasOwnProperty.call(table, field)) {
    throw new DomainError(
      'FORBIDDEN',
      { vi: `Thao tác ${field} chưa có trong bảng phân quyền`, en: `${field} is not in the access table` },
      { operation: field, reason: 'notInAccessTable' },
    );
  }
  requireAccess(principal, field, table[field]);
}
