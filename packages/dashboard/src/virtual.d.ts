declare module 'virtual:dashboard-fields' {
  /** The figures, breakdowns and drill-downs of `OrgUnitDashboard` in the composed supergraph. */
  const schema: import('./operations').DashboardSchema;
  export default schema;
}

declare module 'virtual:persisted-documents' {
  /** The dashboard's operations by name, each with the hash it is sent by (built from operations.ts). */
  const documents: Record<import('./operations').OperationName, import('./operations').PersistedDocument>;
  export default documents;
}
