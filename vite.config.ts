// Builds the Chrome extension into dist/ (load it unpacked). @crxjs/vite-plugin reads
// manifest.json and bundles every entry it names (popup, options, service worker); HTML pages
// keep their source paths in dist/ (dist/src/extension/options/index.html ...). public/
// (icons, _locales) is copied to the root of dist/ as is.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin, type Rollup } from 'vite';
import react from '@vitejs/plugin-react';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };

// Gmail content script (issue 4). InboxSDK's pageWorld.js must sit at the extension root: it is
// copied from the package at build time, never committed. VITE_INBOXSDK_APP_ID (environment or
// .env) is the InboxSDK app id; without it the build uses a development id, DEFAULT_INBOXSDK_APP_ID
// in src/extension/content/index.iife.ts (README: trying it in real Gmail).
function inboxSdkPageWorld(): Plugin {
  return {
    name: 'glint-inboxsdk-page-world',
    apply: 'build',
    generateBundle() {
      const pageWorld = new URL('./node_modules/@inboxsdk/core/pageWorld.js', import.meta.url);
      this.emitFile({ type: 'asset', fileName: 'pageWorld.js', source: readFileSync(pageWorld) });
    },
  };
}

/** Our own content-script code beside InboxSDK, minified, must stay within this budget. */
const CONTENT_SCRIPT_BUDGET_BYTES = 100 * 1024;

// Prints (and enforces) that size: the content entry built once more, minified, InboxSDK external.
function contentScriptSize(): Plugin {
  return {
    name: 'glint-content-script-size',
    apply: 'build',
    async closeBundle() {
      const result = (await build({
        configFile: false,
        logLevel: 'silent',
        build: {
          write: false,
          minify: true,
          target: 'chrome116',
          lib: { entry: fileURLToPath(new URL('./src/extension/content/index.iife.ts', import.meta.url)), formats: ['iife'], name: 'glintContent' },
          rollupOptions: { external: ['@inboxsdk/core'], output: { globals: { '@inboxsdk/core': 'InboxSDK' } } },
        },
      })) as Rollup.RollupOutput[];
      const bytes = result.flatMap((output) => output.output).reduce((sum, item) => sum + (item.type === 'chunk' ? Buffer.byteLength(item.code) : 0), 0);
      const kb = (bytes / 1024).toFixed(1);
      console.log(`Glint content script: ${kb} KB of our own code, minified, beside InboxSDK (budget ${CONTENT_SCRIPT_BUDGET_BYTES / 1024} KB)`);
      if (bytes > CONTENT_SCRIPT_BUDGET_BYTES) throw new Error(`The content script's own code is ${kb} KB, over its ${CONTENT_SCRIPT_BUDGET_BYTES / 1024} KB budget`);
    },
  };
}

export default defineConfig({
  // This checkout, whatever the working directory: manifest and page paths are relative to it.
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), crx({ manifest: manifest as ManifestV3Export }), inboxSdkPageWorld(), contentScriptSize()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Chrome loads the files from disk; readable stack traces are worth more than bytes here.
    sourcemap: true,
    target: 'chrome116',
    rollupOptions: {
      input: {
        // The document picker, framed in Gmail (web_accessible_resources lists it unbuilt).
        picker: 'src/extension/ui/picker/index.html',
        // Extension pages that the manifest does not name go here, so crxjs bundles them too.
        // The recipient's document viewer (src/viewer/index.html) is NOT part of the extension:
        // the server serves it; vite.viewer.config.ts builds it into dist/viewer after this build
        // (package.json "build"), so this config must keep emptying dist/ first.
      },
    },
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
});
