// Builds the Chrome extension into dist/ (load it unpacked). @crxjs/vite-plugin reads
// manifest.json and bundles every entry it names (popup, options, service worker); HTML pages
// keep their source paths in dist/ (dist/src/extension/options/index.html ...). public/
// (icons, _locales) is copied to the root of dist/ as is. The version is package.json's.
// `--mode release` (npm run package) builds what the Chrome Web Store takes into
// release/extension: no source maps, and a real InboxSDK app id required.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, loadEnv, type Plugin, type Rollup } from 'vite';
import react from '@vitejs/plugin-react';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import manifest from './manifest.json' with { type: 'json' };
import packageJson from './package.json' with { type: 'json' };
import { DEVELOPMENT_INBOXSDK_APP_ID } from './src/extension/content/inboxsdk-app-id.ts';

// Gmail content script: InboxSDK's pageWorld.js must sit at the extension root: it is copied
// from the package at build time, never committed. VITE_INBOXSDK_APP_ID (environment or .env) is
// the InboxSDK app id; without it the build uses DEVELOPMENT_INBOXSDK_APP_ID (README: trying it
// in real Gmail), which a release build refuses.
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
          lib: {
            entry: fileURLToPath(new URL('./src/extension/content/index.iife.ts', import.meta.url)),
            formats: ['iife'],
            name: 'glintContent',
          },
          rollupOptions: { external: ['@inboxsdk/core'], output: { globals: { '@inboxsdk/core': 'InboxSDK' } } },
        },
      })) as Rollup.RollupOutput[];
      const bytes = result
        .flatMap((output) => output.output)
        .reduce((sum, item) => sum + (item.type === 'chunk' ? Buffer.byteLength(item.code) : 0), 0);
      const kb = (bytes / 1024).toFixed(1);
      console.log(
        `Glint content script: ${kb} KB of our own code, minified, beside InboxSDK (budget ${CONTENT_SCRIPT_BUDGET_BYTES / 1024} KB)`,
      );
      if (bytes > CONTENT_SCRIPT_BUDGET_BYTES)
        throw new Error(`The content script's own code is ${kb} KB, over its ${CONTENT_SCRIPT_BUDGET_BYTES / 1024} KB budget`);
    },
  };
}

/** A release must say which InboxSDK app it is: the development id is not one to publish. */
function requireReleaseAppId(appId: string | undefined): void {
  if (!appId || appId === DEVELOPMENT_INBOXSDK_APP_ID) {
    throw new Error(
      'A release build needs your InboxSDK app id: set VITE_INBOXSDK_APP_ID=sdk_... (register one at inboxsdk.com); the development id is not for publishing',
    );
  }
  if (!/^sdk_[A-Za-z0-9_-]+$/.test(appId))
    throw new Error(`VITE_INBOXSDK_APP_ID must look like sdk_yourapp_0123456789, not ${JSON.stringify(appId)}`);
}

// This checkout, whatever the working directory: manifest and page paths are relative to it.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ mode }) => {
  const release = mode === 'release';
  if (release) requireReleaseAppId(loadEnv(mode, root, 'VITE_').VITE_INBOXSDK_APP_ID);
  return {
    root,
    plugins: [
      react(),
      crx({ manifest: { ...manifest, version: packageJson.version } as ManifestV3Export }),
      inboxSdkPageWorld(),
      contentScriptSize(),
    ],
    build: {
      outDir: release ? 'release/extension' : 'dist',
      emptyOutDir: true,
      // Chrome loads the files from disk; readable stack traces are worth more than bytes here.
      // A store upload ships no maps: reviewers and users get the code, not our sources.
      sourcemap: !release,
      target: 'chrome116',
      rollupOptions: {
        input: {
          // The document picker, framed in Gmail (web_accessible_resources lists it unbuilt).
          picker: 'src/extension/ui/picker/index.html',
          // The campaigns page, opened in a tab from the popup and the options page.
          campaigns: 'src/extension/campaigns/index.html',
          // Extension pages that the manifest does not name go here, so crxjs bundles them too.
          // The recipient's document viewer (src/viewer/index.html) is NOT part of the extension:
          // the server serves it; vite.viewer.config.ts builds it into dist/viewer after this build
          // (package.json "build"), so this config must keep emptying dist/ first.
        },
      },
    },
    server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  };
});
