// A child process (page-image-renderer.ts starts it): draws the first pages of one PDF with
// pdf.js, the parser and renderer the recipient's viewer uses, onto @napi-rs/canvas (Skia; a
// prebuilt binary that pdfjs-dist itself installs), and writes each as WebP into an empty folder.
// Its own process because a hostile PDF can take a renderer's memory or a native canvas down:
// then only this child dies, under its memory cap and the parent's timeout.
//   node render-pages-child.ts PDF OUT_DIR PAGES WIDTH   -> one JSON line on stdout
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A page drawn bigger than this (a poster, a long strip) is scaled down to it. */
const MAX_PIXELS = 4_000_000;
const WEBP_QUALITY = 75;

const [pdfPath, outDir, pagesArg, widthArg] = process.argv.slice(2);
if (!pdfPath || !outDir || !pagesArg || !widthArg) throw new Error('usage: render-pages-child.ts PDF OUT_DIR PAGES WIDTH');
const wantedPages = Number(pagesArg);
const width = Number(widthArg);

// pdf.js reads its standard fonts and CMaps from files in Node (fonts a PDF names but does not embed).
const pdfjsDir = `${dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))}/`;
const task = getDocument({
  data: new Uint8Array(await readFile(pdfPath)),
  isEvalSupported: false,
  stopAtErrors: false,
  verbosity: VerbosityLevel.ERRORS,
  standardFontDataUrl: `${pdfjsDir}standard_fonts/`,
  cMapUrl: `${pdfjsDir}cmaps/`,
  wasmUrl: `${pdfjsDir}wasm/`,
  iccUrl: `${pdfjsDir}iccs/`,
});
const pdf = await task.promise;
const pages: Array<{ page: number; width: number; height: number; aspect: number; file: string }> = [];
for (let number = 1; number <= Math.min(wantedPages, pdf.numPages); number++) {
  const page = await pdf.getPage(number);
  const base = page.getViewport({ scale: 1 });
  let scale = width / base.width;
  const pixels = base.width * base.height * scale * scale;
  if (pixels > MAX_PIXELS) scale *= Math.sqrt(MAX_PIXELS / pixels);
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
  // White first: a page without a background would otherwise be transparent, shown grey.
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
  const file = `${number}.webp`;
  await writeFile(join(outDir, file), await canvas.encode('webp', WEBP_QUALITY));
  // The aspect as pdf.js lays the page out (rotation included), so the viewer's slot is the same.
  pages.push({ page: number, width: canvas.width, height: canvas.height, aspect: base.width / base.height, file });
  page.cleanup();
}
await task.destroy();
process.stdout.write(`${JSON.stringify({ pages })}\n`);
