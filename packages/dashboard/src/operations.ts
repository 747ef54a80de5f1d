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

/** The kinds of record a figure's drill-down lists, and what the dashboard shows of each. */
export type DrillDownKind = 'meetings' | 'cells' | 'inspections';
const SELECTION: Record<DrillDownKind, string> = {
  meetings: '{ id title kind status heldAt cell { id name } }',
  cells: '{ id name }',
  inspections: '{ id title status orgUnit { id name } }',
};

/** Which list of records stands behind each figure (the API's drill-down fields). */
export const DRILL_DOWN: Record<string, { field: string; kind: DrillDownKind; args?: string }> = {
  meetingsHeld: { field: 'heldMeetings', kind: 'meetings' },
  regularMeetingsHeld: { field: 'heldMeetings', kind: 'meetings', args: '(kind: REGULAR)' },
  attendanceRate: { field: 'heldMeetings', kind: 'meetings' },
  participationRate: { field: 'heldMeetings', kind: 'meetings' },
  thematicMeetingsThisQuarter: { field: 'thematicMeetingsThisQuarterList', kind: 'meetings' },
  cellCount: { field: 'cells', kind: 'cells' },
  cellsWithoutRegularMeeting: { field: 'cellsWithoutRegularMeetingList', kind: 'cells' },
  cellsWithoutThematicThisQuarter: { field: 'cellsWithoutThematicThisQuarterList', kind: 'cells' },
  openInspections: { field: 'openInspectionList', kind: 'inspections' },
};

/** The persisted operation behind a figure's drill-down. */
export const drillDownOperation = (figure: string) => `DrillDown_${figure}`;

export function dashboardOperations(fields: readonly Figure[]) {
  /** The warnings (G-1) the services publish, if any: they make the table of subordinate units. */
  const flags = fields.filter((f) => /^cellsWithout/.test(f.name) && f.type === 'Int');
  return {
    TenantTree: `query TenantTree { currentTenant { name rootOrgUnit { ${TREE_FIELDS} } } }`,
    ScopedTree: `query ScopedTree($id: ID!) { currentTenant { name } orgUnit(id: $id) { ${TREE_FIELDS} } }`,
    UnitTree: `query UnitTree($id: ID!) { orgUnit(id: $id) { ${TREE_FIELDS} } }`,
    UnitChildren: `query UnitChildren($id: ID!) { orgUnit(id: $id) { id children { id name kind } } }`,
    Dashboard: `subscription Dashboard($id: ID!, $period: String) { dashboardUpdated(orgUnitId: $id, period: $period) { orgUnitId period orgUnit { id name kind } ${fields.map((f) => f.name).join(' ')} } }`,
    // The lock itself (city administrators): persisted too, or a tenant that turned it on could
    // never turn it off again.
    ApiSettings: `query ApiSettings { apiSettings { persistedDocumentsOnly } }`,
    SetApiSettings: `mutation SetApiSettings($only: Boolean!) { setApiSettings(input: { persistedDocumentsOnly: $only }) { persistedDocumentsOnly } }`,
    FlaggedCells: `query FlaggedCells($id: ID!, $period: String) { dashboard(orgUnitId: $id, period: $period) { cellsWithoutRegularMeetingList ${SELECTION.cells} cellsWithoutThematicThisQuarterList ${SELECTION.cells} } }`,
    CellRecords: `query CellRecords($id: ID!) { orgUnit(id: $id) { id name meetings(first: 20) { totalCount nodes { id title kind status heldAt resolutions { id number text status } } } } }`,
    ...(Object.fromEntries(
      Object.entries(DRILL_DOWN).map(([figure, spec]) => [
        drillDownOperation(figure),
        `query ${drillDownOperation(figure)}($id: ID!, $period: String) { dashboard(orgUnitId: $id, period: $period) { ${spec.field}${spec.args ?? ''} ${SELECTION[spec.kind]} } }`,
      ]),
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
