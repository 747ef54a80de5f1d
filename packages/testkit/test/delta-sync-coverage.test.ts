import { buildASTSchema, getNamedType, getNullableType, isInterfaceType, isListType, isObjectType, parse, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import { composeFromCode } from '@chibo/testkit';

/**
 * Lists of records an integrator would NOT mirror, so they need no `modifiedSince` (issue 7).
 * Each entry says why; anything else returning a list or connection of records (a type with an
 * `id`) must take `modifiedSince`, or this test fails — a new list cannot forget delta sync.
 */
const EXEMPT: Record<string, string> = {
  // Computed views: figures and warnings recomputed on every read, not records.
  'MeetingFlags.onlyChairSpoke': 'warning computed from the meetings, which are mirrored through OrgUnit.meetings',
  'MeetingFlags.professionalShareExceeded': 'warning computed from the meetings',
  'MeetingFlags.lowAttendance': 'warning computed from the meetings',
  'ResolutionFollowUp.notReviewedResolutions': 'report over resolutions, which are mirrored through OrgUnit.resolutions',
  'ResolutionFollowUp.overdueTasks': 'report over tasks, mirrored through Resolution.tasks',
  'DocumentDisseminationStatus.pending': 'computed: the cells that have not disseminated yet',
  'OrgUnit.cellsWithoutThematicMeetingSince': 'report over cells and meetings',
  // The tree: mirrored through the flat `orgUnits` list; these are ways of walking it.
  'OrgUnit.children': 'navigation of the tree that orgUnits(modifiedSince) mirrors',
  'Query.orgUnitTree': 'the tree as it stood on a past date (a view, not the current records)',
  // Parts of one record, read whole with it.
  'InspectionPlan.items': 'items live inside the plan (one row, jsonb); a plan is read whole by unit and year',
  // Calendars and rule sets: small reference tables read whole.
  'Query.tenantCalendarDays': 'calendar (a few dozen days a year), read whole',
  // The change feeds themselves: already incremental, by their own cursor or token.
  'Query.membershipAuditLog': 'the audit log: append-only, paged by its sequence cursor',
  'Query.meetingsAuditLog': 'the audit log',
  'Query.inspectionAuditLog': 'the audit log',
  'Query.membershipTombstones': 'tombstones take `since` themselves',
  'Query.meetingsTombstones': 'tombstones take `since` themselves',
  'Query.inspectionTombstones': 'tombstones take `since` themselves',
  'Query.disciplineCaseReads': 'access log (who read a confidential case): append-only, for inspectors, not mirrored',
  'Query.confidentialReads': 'access log: append-only, not mirrored',
  'Webhook.deliveries': 'delivery log of a webhook: append-only, newest first, paged by cursor',
};

/**
 * Types that are views, not records: every list on them is exempt. A dashboard's drill-downs list
 * the records behind one figure of one period (they change with the period, not with the records);
 * an integrator mirrors those records through their own lists.
 */
const EXEMPT_TYPES: Record<string, string> = {
  OrgUnitDashboard: 'dashboard drill-downs: the records behind a figure of a period',
};

interface ListField {
  name: string;
  target: string;
  modifiedSince: string | null;
}

/** Every field (outside payloads and connections) returning a list or connection of records. */
function recordLists(schema: GraphQLSchema): ListField[] {
  const isRecord = (t: GraphQLNamedType) => (isObjectType(t) || isInterfaceType(t)) && 'id' in t.getFields();
  const lists: ListField[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name in EXEMPT_TYPES || /^(__|join__|link__)/.test(type.name) || /(Connection|Edge|Payload)$/.test(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      const returned = getNullableType(field.type);
      const named = getNamedType(field.type);
      const nodes = isObjectType(named) && named.name.endsWith('Connection') ? named.getFields().nodes : undefined;
      const target = isListType(returned) ? named : nodes ? getNamedType(nodes.type) : null;
      if (!target || !isRecord(target)) continue;
      const arg = field.args.find((a) => a.name === 'modifiedSince');
      lists.push({ name: `${type.name}.${field.name}`, target: target.name, modifiedSince: arg ? String(arg.type) : null });
    }
  }
  return lists;
}

describe('delta sync coverage (issue 7)', () => {
  let lists: ListField[];
  beforeAll(async () => {
    lists = recordLists(buildASTSchema(parse(await composeFromCode()), { assumeValidSDL: true }));
  });

  it('finds the lists it checks (the walk is not empty)', () => {
    expect(lists.map((l) => l.name)).toEqual(expect.arrayContaining(['Query.members', 'OrgUnit.meetings', 'Meeting.agenda']));
  });

  it('gives every list of records a `modifiedSince: String` argument, unless exempted with a reason', () => {
    const missing = lists.filter((l) => !(l.name in EXEMPT) && l.modifiedSince === null).map((l) => `${l.name}: [${l.target}]`);
    expect(missing).toEqual([]);
    const otherType = lists.filter((l) => l.modifiedSince !== null && l.modifiedSince !== 'String').map((l) => `${l.name}(modifiedSince: ${l.modifiedSince})`);
    expect(otherType).toEqual([]);
  });

  it('keeps the exemption list true: every exempted field exists and has no `modifiedSince`', () => {
    const byName = new Map(lists.map((l) => [l.name, l]));
    const stale = Object.keys(EXEMPT).filter((name) => !byName.has(name) || byName.get(name)!.modifiedSince !== null);
    expect(stale).toEqual([]);
  });
});
