import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

// Absolute root: the server builds the client with this config from any working directory.
const root = fileURLToPath(new URL('.', import.meta.url));

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Writes `name.br` and `name.gz` beside every script, style sheet and SVG under assets/, once at build
 * time; the server sends them to browsers that accept them (server/common/precompressed.ts), so no
 * request pays for compression. Brotli quality 5 and gzip 6: quality 11 took 98 s for the 8.8 MB of
 * assets (GraphiQL's editor is most of it) against 3.4 s, for 10% fewer bytes, and the server builds
 * the client on start. Files under 1 kB are left alone: the headers would outweigh the saving.
 */
function precompress(): Plugin {
  return {
    name: 'touchpoint:precompress',
    apply: 'build',
    async writeBundle(output, bundle) {
      const dir = output.dir ?? path.join(root, 'dist');
      const names = Object.keys(bundle).filter((name) => name.startsWith('assets/') && /\.(js|css|svg)$/.test(name));
      await Promise.all(
        names.map(async (name) => {
          const file = path.join(dir, name);
          const raw = await fs.readFile(file);
          if (raw.length < 1024) return;
          const [br, gz] = await Promise.all([
            brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
            gzipped(raw, { level: 6 }),
          ]);
          await Promise.all([fs.writeFile(`${file}.br`, br), fs.writeFile(`${file}.gz`, gz)]);
        }),
      );
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [vue(), precompress()],
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
