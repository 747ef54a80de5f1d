import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse, type FieldDefinitionNode, type TypeNode } from 'graphql';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const SUPERGRAPH = here('../../services/gateway/supergraph.graphql');

const named = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : named(t.type));

/**
 * The dashboard shows every number `OrgUnitDashboard` has in the composed supergraph, labelled
 * with its (Vietnamese) description: services add figures without touching the web app.
 */
function dashboardFields(): Plugin {
  const id = 'virtual:dashboard-fields';
  return {
    name: 'chibo-dashboard-fields',
    resolveId: (source) => (source === id ? '\0' + id : undefined),
    load(source) {
      if (source !== '\0' + id) return undefined;
      this.addWatchFile(SUPERGRAPH);
      const doc = parse(readFileSync(SUPERGRAPH, 'utf8'));
      const type = doc.definitions.find((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'OrgUnitDashboard');
      const fields = ((type && 'fields' in type ? type.fields : []) ?? []) as FieldDefinitionNode[];
      const figures = fields
        .filter((f) => f.type.kind !== Kind.LIST_TYPE && !(f.type.kind === Kind.NON_NULL_TYPE && f.type.type.kind === Kind.LIST_TYPE))
        .filter((f) => ['Int', 'Float'].includes(named(f.type)))
        .map((f) => ({ name: f.name.value, type: named(f.type), description: f.description?.value ?? f.name.value }));
      return `export default ${JSON.stringify(figures)};`;
    },
  };
}

export default defineConfig({
  plugins: [dashboardFields()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: { main: here('index.html'), graphiql: here('graphiql.html') },
      // GraphiQL's UI library marks its modules "use client" (a React Server Components hint), meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true }, '/demo': 'http://127.0.0.1:4000' } },
});
