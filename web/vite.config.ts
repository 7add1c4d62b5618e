import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const webDirectory = fileURLToPath(new URL('.', import.meta.url));
const repositoryDirectory = fileURLToPath(new URL('..', import.meta.url));
/** The ShopLens server the dev server forwards API and socket.io traffic to (`shoplens serve`). */
const serverUrl = process.env.SHOPLENS_SERVER_URL ?? 'http://127.0.0.1:3000';

/**
 * Writes dist/build-inputs.json: every source file the bundle was built from (web/ and the ../src modules it shares),
 * so `npm start` (scripts/build-web.mjs) rebuilds only when one of them changed.
 */
function recordBuildInputs(): Plugin {
  let inputs: string[] = [];
  return {
    name: 'shoplens-record-build-inputs',
    apply: 'build',
    buildEnd() {
      inputs = [...this.getModuleIds()]
        .filter((id) => path.isAbsolute(id) && !id.includes('/node_modules/'))
        .map((id) => path.relative(repositoryDirectory, id.replace(/\?.*$/, '')));
    },
    writeBundle(outputOptions) {
      // Next to the bundle it describes: tests build into a temporary folder, `npm start` into web/dist.
      const directory = outputOptions.dir ?? path.join(webDirectory, 'dist');
      writeFileSync(path.join(directory, 'build-inputs.json'), `${JSON.stringify({ files: [...new Set(inputs)].sort() }, null, 1)}\n`);
    },
  };
}

/**
 * One HTML entry per page, so the support widget never downloads ECharts and each page paints from its own small
 * bundle. Shared code (protocol, i18n, socket client) lands in common chunks automatically.
 */
export default defineConfig({
  root: webDirectory,
  base: '/',
  publicDir: 'public',
  plugins: [recordBuildInputs()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The bundle must never point anywhere but this server.
    assetsInlineLimit: 4096,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      input: {
        analytics: fileURLToPath(new URL('index.html', import.meta.url)),
        support: fileURLToPath(new URL('support.html', import.meta.url)),
        agents: fileURLToPath(new URL('agents.html', import.meta.url)),
        evals: fileURLToPath(new URL('evals.html', import.meta.url)),
      },
      output: {
        // Libraries in chunks of their own: named in the build report, and cached across app releases.
        manualChunks(id) {
          if (id.includes('/node_modules/zod/')) return 'zod';
          if (/\/node_modules\/(socket\.io-client|engine\.io-client|socket\.io-parser|engine\.io-parser|@socket\.io)\//.test(id)) return 'socket-io';
          return undefined;
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: false,
    // The pages import the protocol and answer schemas from ../src (one source of truth with the server).
    fs: { allow: [repositoryDirectory] },
    proxy: {
      '/api': { target: serverUrl, changeOrigin: false },
      '/healthz': { target: serverUrl },
      '/socket.io': { target: serverUrl, ws: true },
    },
  },
  preview: { host: '127.0.0.1', port: 4173 },
});
