// Builds the Chrome extension into dist/ (load it unpacked). @crxjs/vite-plugin reads
// manifest.json and bundles every entry it names (popup, options, service worker); HTML pages
// keep their source paths in dist/ (dist/src/extension/options/index.html ...). public/
// (icons, _locales) is copied to the root of dist/ as is.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig({
  plugins: [react(), crx({ manifest: manifest as ManifestV3Export })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Chrome loads the files from disk; readable stack traces are worth more than bytes here.
    sourcemap: true,
    target: 'chrome116',
    rollupOptions: {
      input: {
        // Extension pages that the manifest does not name go here, so crxjs bundles them too.
        // The recipient's document viewer (src/viewer/index.html) is NOT part of the extension:
        // the server serves it; vite.viewer.config.ts builds it into dist/viewer after this build
        // (package.json "build"), so this config must keep emptying dist/ first.
      },
    },
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
});
