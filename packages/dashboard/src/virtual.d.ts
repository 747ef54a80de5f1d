declare module 'virtual:dashboard-fields' {
  /** The numeric fields of `OrgUnitDashboard` in the composed supergraph, with their descriptions. */
  const fields: { name: string; type: 'Int' | 'Float'; description: string }[];
  export default fields;
}

declare module 'virtual:persisted-documents' {
  /** The dashboard's operations by name, each with the hash it is sent by (built from operations.ts). */
  const documents: Record<import('./operations').OperationName, import('./operations').PersistedDocument>;
  export default documents;
}
