/**
 * Every GraphQL document the web dashboard sends, in one place, so the build can list them in a
 * manifest (hash → document, `persisted-documents.json`) and the gateway can run them for a
 * tenant that accepts persisted documents only. The dashboard sends queries by hash, never by
 * text; subscriptions go over graphql-ws, which carries the text, and the gateway recognises it.
 *
 * Plain functions of the supergraph's figures: the build (vite.config.ts) and the tests compute
 * the same documents.
 */

/** A number of `OrgUnitDashboard` the dashboard shows, with its (Vietnamese) description. */
export interface Figure {
  name: string;
  type: 'Int' | 'Float';
  description: string;
}

const TREE_FIELDS = 'id name kind children { id name kind children { id name kind } }';

/** The kinds of record a figure's drill-down lists; the app draws each kind as its own table. */
export type DrillDownKind = 'meetings' | 'cells' | 'inspections' | 'members' | 'resolutions' | 'tasks' | 'supervisions' | 'cellMonths' | 'disciplineCases';

/** The records behind a figure: a field of `OrgUnitDashboard`, with fixed args or one chosen on screen. */
export interface DrillDownSpec {
  field: string;
  kind: DrillDownKind;
  selection: string;
  args?: string;
  /** An argument the screen chooses (the bar of a chart: a quality level, a unit, a form). */
  variable?: { name: string; type: string };
}

/** A figure broken down (by category, level, unit, target, form): a list drawn as a chart. */
export interface Breakdown {
  name: string;
  description: string;
  /** Its element's fields. */
  selection: string[];
}

/** What the supergraph offers the dashboard (figures.ts reads it from the SDL at build). */
export interface DashboardSchema {
  figures: Figure[];
  breakdowns: Breakdown[];
  drillDowns: Record<string, DrillDownSpec>;
}

/** The persisted operation behind a figure's drill-down. */
export const drillDownOperation = (figure: string) => `DrillDown_${figure}`;

export function dashboardOperations({ figures, breakdowns, drillDowns }: DashboardSchema) {
  /** The warnings (G-1) the services publish, if any: they make the table of subordinate units. */
  const flags = figures.filter((f) => /^cellsWithout/.test(f.name) && f.type === 'Int');
  // One screen's worth: every number and every breakdown; the records behind them are fetched on click.
  const shown = [...figures.map((f) => f.name), ...breakdowns.map((b) => `${b.name} { ${b.selection.join(' ')} }`)].join(' ');
  return {
    TenantTree: `query TenantTree { currentTenant { name rootOrgUnit { ${TREE_FIELDS} } } }`,
    ScopedTree: `query ScopedTree($id: ID!) { currentTenant { name } orgUnit(id: $id) { ${TREE_FIELDS} } }`,
    UnitTree: `query UnitTree($id: ID!) { orgUnit(id: $id) { ${TREE_FIELDS} } }`,
    UnitChildren: `query UnitChildren($id: ID!) { orgUnit(id: $id) { id children { id name kind } } }`,
    Dashboard: `subscription Dashboard($id: ID!, $period: String) { dashboardUpdated(orgUnitId: $id, period: $period) { orgUnitId period orgUnit { id name kind } ${shown} } }`,
    // The lock itself (city administrators): persisted too, or a tenant that turned it on could
    // never turn it off again.
    ApiSettings: `query ApiSettings { apiSettings { persistedDocumentsOnly } }`,
    SetApiSettings: `mutation SetApiSettings($only: Boolean!) { setApiSettings(input: { persistedDocumentsOnly: $only }) { persistedDocumentsOnly } }`,
    FlaggedCells: `query FlaggedCells($id: ID!, $period: String) { dashboard(orgUnitId: $id, period: $period) { cellsWithoutRegularMeetingList { id name } cellsWithoutThematicThisQuarterList { id name } } }`,
    CellRecords: `query CellRecords($id: ID!) { orgUnit(id: $id) { id name meetings(first: 20) { totalCount nodes { id title kind status heldAt resolutions { id number text status } } } } }`,
    ...(Object.fromEntries(
      Object.entries(drillDowns).map(([figure, spec]) => {
        const name = drillDownOperation(figure);
        const variable = spec.variable ? `, $${spec.variable.name}: ${spec.variable.type}` : '';
        const args = spec.variable ? `(${spec.variable.name}: $${spec.variable.name})` : (spec.args ?? '');
        return [name, `query ${name}($id: ID!, $period: String${variable}) { dashboard(orgUnitId: $id, period: $period) { ${spec.field}${args} ${spec.selection} } }`];
      }),
    ) as Record<string, string>),
    ChildDashboard: `subscription ChildDashboard($id: ID!, $period: String) { dashboardUpdated(orgUnitId: $id, period: $period) { orgUnitId meetingsHeld ${flags.map((f) => f.name).join(' ')} } }`,
  };
}

export type OperationName = keyof ReturnType<typeof dashboardOperations>;

/** A document and the hash the dashboard sends instead of it. */
export interface PersistedDocument {
  document: string;
  hash: string;
}
