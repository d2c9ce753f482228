// Builds the recipient's document viewer (src/viewer) into dist/viewer, which the server serves
// under /viewer/. Separate from vite.config.ts (the extension): a plain page, no crxjs. pdf.js's
// CMaps, standard fonts and wasm decoders are copied next to it as static files.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const pdfjsRoot = resolve('node_modules/pdfjs-dist');

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
  root: resolve('src/viewer'),
  base: '/viewer/',
  publicDir: false,
  plugins: [copyPdfjsData()],
  build: {
    outDir: resolve('dist/viewer'),
    emptyOutDir: true,
    target: 'es2022',
    // Never inline the worker or fonts as data: URLs; the CSP allows same-origin files only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
});
