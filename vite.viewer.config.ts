// Builds the recipient's document viewer (src/viewer) into dist/viewer, which the server serves
// under /viewer/. Separate from vite.config.ts (the extension): a plain page, no crxjs. pdf.js's
// CMaps, standard fonts and wasm decoders are copied next to it as static files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// Paths from this file, not the working directory: builds started elsewhere (tests, the CLI)
// find the sources and write to this checkout's dist/viewer.
const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const pdfjsRoot = fromRoot('./node_modules/pdfjs-dist');

function copyPdfjsData(): Plugin {
  return {
    name: 'glint-copy-pdfjs-data',
    generateBundle(): void {
      for (const dir of ['cmaps', 'standard_fonts', 'wasm', 'iccs']) {
        for (const file of readdirSync(join(pdfjsRoot, dir))) {
          this.emitFile({ type: 'asset', fileName: `pdfjs/${dir}/${file}`, source: readFileSync(join(pdfjsRoot, dir, file)) });
        }
      }
    },
  };
}

export default defineConfig({
  root: fromRoot('./src/viewer'),
  base: '/viewer/',
  publicDir: false,
  plugins: [copyPdfjsData()],
  build: {
    outDir: fromRoot('./dist/viewer'),
    emptyOutDir: true,
    target: 'es2022',
    // Never inline the worker or fonts as data: URLs; the CSP allows same-origin files only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
});
