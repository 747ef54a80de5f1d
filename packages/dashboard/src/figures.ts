import { Kind, parse, type DocumentNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import type { DashboardSchema, DrillDownKind, DrillDownSpec, Figure } from './operations';

const named = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : named(t.type));
const isList = (t: TypeNode): boolean => t.kind === Kind.LIST_TYPE || (t.kind === Kind.NON_NULL_TYPE && t.type.kind === Kind.LIST_TYPE);
const printType = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : t.kind === Kind.LIST_TYPE ? `[${printType(t.type)}]` : `${printType(t.type)}!`);
const LEAF_SCALARS = new Set(['Int', 'Float', 'String', 'Boolean', 'ID', 'DateTimeISO']);

/**
 * The lists of `{ …, count | minutes | target … }` that break a figure down (by category, level,
 * unit, target, form): drawn as charts, sent with the figures in the dashboard's one subscription.
 */
export const BREAKDOWNS = ['contentBalance', 'qualityLevels', 'resourcesMobilized', 'themeProgress', 'disciplineDecisionsByForm'] as const;

/**
 * Which list of records stands behind each figure or breakdown (the API's drill-down fields):
 * `args` fixed in the document, `variable` chosen on the screen (a bar of a chart). A figure whose
 * drill-down field the supergraph does not have (yet) is simply not clickable.
 */
const DRILL_DOWN_FIELDS: Record<string, { field: string; args?: string; variable?: string }> = {
  meetingsHeld: { field: 'heldMeetings' },
  regularMeetingsHeld: { field: 'heldMeetings', args: '(kind: REGULAR)' },
  attendanceRate: { field: 'heldMeetings' },
  participationRate: { field: 'heldMeetings' },
  thematicMeetingsThisQuarter: { field: 'thematicMeetingsThisQuarterList' },
  cellCount: { field: 'cells' },
  cellsWithoutRegularMeeting: { field: 'cellsWithoutRegularMeetingList' },
  cellsWithoutThematicThisQuarter: { field: 'cellsWithoutThematicThisQuarterList' },
  openInspections: { field: 'openInspectionList' },
  // meetings, part A
  regularMeetingsDue: { field: 'missedRegularMeetings' },
  regularMeetingRate: { field: 'missedRegularMeetings' },
  cellsWithoutThematicThisTerm: { field: 'cellsWithoutThematicThisTermList' },
  contentBalance: { field: 'professionalHeavyMeetings' },
  qualityLevels: { field: 'meetingsAtQualityLevel', variable: 'level' },
  // meetings, part B
  resolutionsAdopted: { field: 'adoptedResolutions' },
  resolutionsReviewed: { field: 'adoptedResolutions' },
  resolutionsAwaitingReview: { field: 'unreviewedResolutions' },
  tasksDone: { field: 'doneTasks' },
  tasksOverdue: { field: 'overdueTasks' },
  resourcesMobilized: { field: 'resourceTasks', variable: 'unit' },
  removalCandidates: { field: 'removalCandidateList' },
  themeProgress: { field: 'cellsBehindTheme' },
  // membership and inspection
  officialMembers: { field: 'members', args: '(category: OFFICIAL)' },
  probationaryMembers: { field: 'members', args: '(category: PROBATIONARY)' },
  exemptMembers: { field: 'members', args: '(category: EXEMPT)' },
  regulation213Members: { field: 'members', args: '(category: REGULATION_213)' },
  membersAdmittedThisYear: { field: 'members', args: '(category: ADMITTED_THIS_YEAR)' },
  membersAdmittedInPeriod: { field: 'members', args: '(category: ADMITTED_IN_PERIOD)' },
  inspectionsConcluded: { field: 'concludedInspectionList' },
  openSupervisions: { field: 'openSupervisionList' },
  supervisionsConcluded: { field: 'concludedSupervisionList' },
  disciplineDecisionsByForm: { field: 'disciplineDecisionList', variable: 'form' },
};

/** What each kind of record shows, as far as its type has these fields. */
const WANTED: Record<DrillDownKind, string[]> = {
  meetings: ['id', 'title', 'kind', 'status', 'heldAt', 'cell { id name }'],
  cells: ['id', 'name'],
  inspections: ['id', 'title', 'status', 'orgUnit { id name }'],
  members: ['id', 'fullName', 'status', 'cell { id name }'],
  resolutions: ['id', 'number', 'text', 'status', 'adoptedOn'],
  tasks: ['id', 'title', 'dueOn', 'ownerGroup', 'targetValue', 'targetUnit', 'achieved', 'overdue'],
  supervisions: ['id', 'title', 'status', 'orgUnit { id name }'],
  cellMonths: ['month', 'cell { id name }'],
  disciplineCases: ['id', 'title', 'status', 'form', 'decidedOn', 'orgUnit { id name }'],
};

function kindOf(typeName: string, type: ObjectTypeDefinitionNode | undefined): DrillDownKind | null {
  const byName: Record<string, DrillDownKind> = {
    Meeting: 'meetings',
    OrgUnit: 'cells',
    Inspection: 'inspections',
    Member: 'members',
    Resolution: 'resolutions',
    ResolutionTask: 'tasks',
    Supervision: 'supervisions',
    DisciplineCase: 'disciplineCases',
  };
  if (byName[typeName]) return byName[typeName];
  const names = new Set(type?.fields?.map((f) => f.name.value));
  if (names.has('cell') && names.has('month')) return 'cellMonths';
  if (names.has('dueOn') && names.has('title')) return 'tasks';
  return null;
}

/**
 * The dashboard as the composed supergraph has it: every number of `OrgUnitDashboard`, labelled
 * with its (Vietnamese) description, the breakdowns, and the drill-downs that exist. Services add
 * figures without touching the web app; the app groups and draws the ones it knows.
 */
export function dashboardSchemaOf(supergraphSdl: string): DashboardSchema {
  const doc: DocumentNode = parse(supergraphSdl);
  const objects = new Map<string, ObjectTypeDefinitionNode>();
  const leaves = new Set(LEAF_SCALARS);
  for (const d of doc.definitions) {
    if (d.kind === Kind.OBJECT_TYPE_DEFINITION) objects.set(d.name.value, d);
    if (d.kind === Kind.ENUM_TYPE_DEFINITION || d.kind === Kind.SCALAR_TYPE_DEFINITION) leaves.add(d.name.value);
  }
  const dashboard = objects.get('OrgUnitDashboard');
  const fields = (dashboard?.fields ?? []) as FieldDefinitionNode[];
  const byName = new Map(fields.map((f) => [f.name.value, f]));

  const figures: Figure[] = fields
    .filter((f) => !isList(f.type) && ['Int', 'Float'].includes(named(f.type)) && !f.arguments?.length)
    .map((f) => ({ name: f.name.value, type: named(f.type) as Figure['type'], description: f.description?.value ?? f.name.value }));

  const breakdowns = BREAKDOWNS.flatMap((name) => {
    const f = byName.get(name);
    const element = f && isList(f.type) ? objects.get(named(f.type)) : undefined;
    if (!f || !element) return [];
    const selection = (element.fields ?? []).filter((x) => leaves.has(named(x.type)) && !isList(x.type) && !x.arguments?.some((a) => a.type.kind === Kind.NON_NULL_TYPE && !a.defaultValue)).map((x) => x.name.value);
    return [{ name, description: f.description?.value ?? name, selection }];
  });

  const drillDowns: Record<string, DrillDownSpec> = {};
  for (const [figure, spec] of Object.entries(DRILL_DOWN_FIELDS)) {
    const f = byName.get(spec.field);
    if (!f || !isList(f.type)) continue;
    const typeName = named(f.type);
    const element = objects.get(typeName);
    const kind = kindOf(typeName, element);
    if (!kind) continue;
    const have = new Set(element?.fields?.map((x) => x.name.value));
    const selection = WANTED[kind].filter((w) => have.has(w.split(' ')[0]));
    let variable: DrillDownSpec['variable'];
    if (spec.variable) {
      const arg = f.arguments?.find((a) => a.name.value === spec.variable);
      if (!arg) continue;
      variable = { name: spec.variable, type: printType(arg.type) };
    }
    if (spec.args && !f.arguments?.some((a) => spec.args!.includes(`${a.name.value}:`))) continue;
    drillDowns[figure] = { field: spec.field, kind, selection: `{ ${selection.join(' ')} }`, ...(spec.args ? { args: spec.args } : {}), ...(variable ? { variable } : {}) };
  }
  return { figures, breakdowns, drillDowns };
}

/** The numbers alone (kept for callers that only list them). */
export function figuresOf(supergraphSdl: string): Figure[] {
  return dashboardSchemaOf(supergraphSdl).figures;
}
