import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { repoRoot } from '@chibo/service-kit';
import { dashboardSchemaOf } from '../src/figures';
import { dashboardOperations, drillDownOperation } from '../src/operations';
import { convertPeriod, kindOfPeriod, periodLabel } from '../src/period';

const committed = readFileSync(join(repoRoot(), 'services', 'gateway', 'supergraph.graphql'), 'utf8');

/**
 * The dashboard's fields as this session's contract names them (docs: the dashboard figure list),
 * added to the committed supergraph: what the web app will ask for once every service has them.
 */
const CONTRACT_FIELDS = `
  regularMeetingsDue: Int
  regularMeetingRate: Float
  missedRegularMeetings(first: Int! = 50): [CellMonth!]
  cellsWithoutThematicThisTerm: Int
  cellsWithoutThematicThisTermList(first: Int! = 50): [OrgUnit!]
  contentBalance: [ContentShare!]
  professionalHeavyMeetings(first: Int! = 50): [Meeting!]
  qualityLevels: [QualityLevelCount!]
  meetingsAtQualityLevel(level: QualityLevel!, first: Int! = 50): [Meeting!]
  resolutionsAdopted: Int
  resolutionsReviewed: Int
  resolutionsAwaitingReview: Int
  adoptedResolutions(first: Int! = 50): [Resolution!]
  unreviewedResolutions(first: Int! = 50): [Resolution!]
  tasksDone: Int
  tasksOverdue: Int
  tasksOpen: Int
  overdueTasks(first: Int! = 50): [ResolutionTask!]
  doneTasks(first: Int! = 50): [ResolutionTask!]
  resourcesMobilized: [ResourceTotal!]
  resourceTasks(unit: String!, first: Int! = 50): [ResolutionTask!]
  removalCandidates: Int
  removalCandidateList(first: Int! = 50): [Member!]
  themeProgress: [ThemeTargetProgress!]
  cellsBehindTheme(first: Int! = 50): [OrgUnit!]
  officialMembers: Int
  probationaryMembers: Int
  exemptMembers: Int
  regulation213Members: Int
  membersAdmittedThisYear: Int
  membersAdmittedInPeriod: Int
  members(category: DashboardMemberCategory!, first: Int! = 50): [Member!]
  inspectionsConcluded: Int
  concludedInspectionList(first: Int! = 50): [Inspection!]
  openSupervisions: Int
  supervisionsConcluded: Int
  openSupervisionList(first: Int! = 50): [Supervision!]
  concludedSupervisionList(first: Int! = 50): [Supervision!]
  disciplineDecisionList(form: DisciplineForm, first: Int! = 50): [DisciplineCase!]
`;
const CONTRACT_TYPES = `
type CellMonth { cell: OrgUnit! month: String! }
type ContentShare { category: AgendaCategory! minutes: Int! share: Float! }
type QualityLevelCount { level: QualityLevel! count: Int! }
type ResourceTotal { unit: String! target: Float! achieved: Float! }
enum DashboardMemberCategory { OFFICIAL PROBATIONARY EXEMPT REGULATION_213 ADMITTED_THIS_YEAR ADMITTED_IN_PERIOD }
`;

/** The committed supergraph with the contract's fields, whichever of them it lacks. */
function withContract(sdl: string): string {
  const have = new Set(dashboardFieldNames(sdl));
  const missing = CONTRACT_FIELDS.split('\n').filter((l) => l.trim() && !have.has(l.trim().split(/[(:]/)[0]));
  const types = CONTRACT_TYPES.split('\n').filter((l) => l.trim() && !new RegExp(`^(type|enum) ${l.split(' ')[1]}\\b`, 'm').test(sdl));
  return sdl.replace(/(type OrgUnitDashboard\b[^{]*\{)/, `$1\n${missing.join('\n')}\n`) + '\n' + types.join('\n');
}
function dashboardFieldNames(sdl: string): string[] {
  const body = /type OrgUnitDashboard\b[^{]*\{([^]*?)\n\}/.exec(sdl)![1];
  return [...body.matchAll(/^\s{2}(\w+)[(:]/gm)].map((m) => m[1]);
}
const errorsOf = (sdl: string, ops: Record<string, string>) => {
  const schema = buildSchema(sdl, { assumeValidSDL: true });
  return Object.entries(ops).flatMap(([name, doc]) => validate(schema, parse(doc)).map((e) => `${name}: ${e.message}`));
};

describe('the dashboard operations', () => {
  it('are valid against the committed supergraph', () => {
    expect(errorsOf(committed, dashboardOperations(dashboardSchemaOf(committed)))).toEqual([]);
  });

  it('ask for every figure of the contract, with a drill-down for each, once the services have them', () => {
    const sdl = withContract(committed);
    const shape = dashboardSchemaOf(sdl);
    const ops = dashboardOperations(shape);
    expect(errorsOf(sdl, ops)).toEqual([]);
    const numbers = shape.figures.map((f) => f.name);
    for (const n of ['regularMeetingsDue', 'regularMeetingRate', 'officialMembers', 'tasksOverdue', 'removalCandidates', 'inspectionsConcluded', 'openSupervisions']) expect(numbers).toContain(n);
    expect(shape.breakdowns.map((b) => b.name).sort()).toEqual(['contentBalance', 'disciplineDecisionsByForm', 'qualityLevels', 'resourcesMobilized', 'themeProgress']);
    // One screen in one subscription; the records behind a figure only on click.
    expect(ops.Dashboard).toContain('qualityLevels { level count }');
    expect(ops.Dashboard).not.toMatch(/meetingsAtQualityLevel|removalCandidateList|members\(/);
    expect(ops[drillDownOperation('qualityLevels') as keyof typeof ops]).toContain('$level: QualityLevel!');
    expect(ops[drillDownOperation('disciplineDecisionsByForm') as keyof typeof ops]).toContain('disciplineDecisionList(form: $form)');
    expect(ops[drillDownOperation('exemptMembers') as keyof typeof ops]).toContain('members(category: EXEMPT)');
    expect(shape.drillDowns.regularMeetingRate).toMatchObject({ field: 'missedRegularMeetings', kind: 'cellMonths' });
    expect(shape.drillDowns.tasksOverdue).toMatchObject({ kind: 'tasks' });
    for (const figure of ['resolutionsAwaitingReview', 'removalCandidates', 'themeProgress', 'resourcesMobilized', 'supervisionsConcluded', 'cellsWithoutThematicThisTerm']) {
      expect(Object.keys(shape.drillDowns)).toContain(figure);
    }
  });
});

describe('reporting periods in the picker', () => {
  const now = Date.UTC(2026, 10, 20); // 20 November 2026
  it('keeps the user where they were when the kind of period changes', () => {
    expect(convertPeriod('2026-11', 'quarter', now)).toBe('2026-Q4');
    expect(convertPeriod('2026-Q4', 'year', now)).toBe('2026');
    expect(convertPeriod('2026', 'term', now)).toBe('2025-2030');
    expect(convertPeriod('2025-2030', 'month', now)).toBe('2026-11');
    expect(convertPeriod('2024', 'quarter', now)).toBe('2024-Q1');
    expect(convertPeriod('2026-Q2', 'month', now)).toBe('2026-04');
  });
  it('reads and labels the four kinds as the API spells them', () => {
    expect(['2026-11', '2026-Q4', '2026', '2025-2030', '2025-2031', '2026-13'].map(kindOfPeriod)).toEqual(['month', 'quarter', 'year', 'term', null, null]);
    expect(['2026-11', '2026-Q4', '2026', '2025-2030'].map((p) => periodLabel(p, 'vi'))).toEqual(['Tháng 11/2026', 'Quý 4/2026', 'Năm 2026', 'Nhiệm kỳ 2025–2030']);
    expect(periodLabel('2026-Q4', 'en')).toBe('Q4 2026');
  });
});
