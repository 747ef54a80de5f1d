import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { dashboardSchemaOf } from './src/figures';
import { dashboardOperations, type PersistedDocument } from './src/operations';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const SUPERGRAPH = here('../../services/gateway/supergraph.graphql');

/** The dashboard's operations and their hashes (SHA-256 of the document text, hex). */
function persisted(): Record<string, PersistedDocument> {
  const ops = dashboardOperations(dashboardSchemaOf(readFileSync(SUPERGRAPH, 'utf8')));
  return Object.fromEntries(Object.entries(ops).map(([name, document]) => [name, { document, hash: createHash('sha256').update(document).digest('hex') }]));
}

/**
 * `virtual:dashboard-fields` (the figures, breakdowns and drill-downs of `OrgUnitDashboard` in the supergraph) and
 * `virtual:persisted-documents` (the operations by name, with hashes) for the app; and
 * `persisted-documents.json` (hash → document) next to it for the gateway.
 */
function dashboardFields(): Plugin {
  const fieldsId = 'virtual:dashboard-fields';
  const docsId = 'virtual:persisted-documents';
  return {
    name: 'chibo-dashboard-fields',
    resolveId: (source) => (source === fieldsId || source === docsId ? '\0' + source : undefined),
    load(source) {
      if (source === '\0' + fieldsId) {
        this.addWatchFile(SUPERGRAPH);
        return `export default ${JSON.stringify(dashboardSchemaOf(readFileSync(SUPERGRAPH, 'utf8')))};`;
      }
      if (source === '\0' + docsId) {
        this.addWatchFile(SUPERGRAPH);
        return `export default ${JSON.stringify(persisted())};`;
      }
      return undefined;
    },
    generateBundle() {
      const manifest = Object.fromEntries(Object.values(persisted()).map((d) => [d.hash, d.document]));
      this.emitFile({ type: 'asset', fileName: 'persisted-documents.json', source: JSON.stringify(manifest, null, 2) });
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
