// Where the built Chrome extension is: dist/ at the root of this package, found from this
// file's own location rather than the working directory, so `glint serve` started from any
// folder names the right one (and says to build first when there is nothing to load yet).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the extension build (vite.config.ts writes it; `npm run build`). */
export const EXTENSION_DIST_DIR = fileURLToPath(new URL('../../../dist', import.meta.url));

/** The line `glint serve` prints about loading the extension. */
export function loadExtensionHint(distDir: string = EXTENSION_DIST_DIR): string {
  if (existsSync(join(distDir, 'manifest.json'))) {
    return `Load the extension: chrome://extensions -> Developer mode -> Load unpacked -> ${distDir}`;
  }
  return `Load the extension: ${distDir} has no manifest.json yet: run npm run build first (in ${dirname(distDir)}), then chrome://extensions -> Developer mode -> Load unpacked -> ${distDir}`;
}
