declare module 'virtual:dashboard-fields' {
  /** The numeric fields of `OrgUnitDashboard` in the composed supergraph, with their descriptions. */
  const fields: { name: string; type: 'Int' | 'Float'; description: string }[];
  export default fields;
}
