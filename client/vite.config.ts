import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// Absolute root: the server builds the client with this config from any working directory.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [vue()],
  // vue-i18n's bundler build: composition API only (no legacy API), no devtools hooks in production.
  define: { __VUE_I18N_FULL_INSTALL__: false, __VUE_I18N_LEGACY_API__: false, __INTLIFY_PROD_DEVTOOLS__: false },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // ECharts is one lazy chunk (~530 kB, ~180 kB gzip) loaded only where a chart is drawn; the
    // initial bundle stays small (bench/client.ts prints its gzip size).
    chunkSizeWarningLimit: 600,
    // The slow-plugin notice is noise in `npm start`'s output on a loaded machine (the build is timed there anyway).
    rolldownOptions: {
      checks: { bundlerTimings: false },
      // Two pages: the app, and the API explorer (GraphiQL, React) that only analysts open at GET /graphql.
      input: { main: `${root}index.html`, graphiql: `${root}graphiql.html` },
    },
  },
  server: {
    // `npm run dev` serves the API on 4000; the Vite dev server proxies to it (same origin for the session cookie).
    proxy: { '/graphql': 'http://127.0.0.1:4000', '/export': 'http://127.0.0.1:4000' },
  },
});
