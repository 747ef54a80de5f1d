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
    ChildDashboard: `subscription ChildDashboard($id: ID!, $period: String) { dashboardUpdated(orgUnitId: $id, period: $period) { orgUnitId meetingsHeld ${flags.map((f) => f.name).join(' ')} } }`,
  };
}

export type OperationName = keyof ReturnType<typeof dashboardOperations>;

/** A document and the hash the dashboard sends instead of it. */
export interface PersistedDocument {
  document: string;
  hash: string;
}
