// `npm run package`: builds the extension for the Chrome Web Store (vite.config.ts in release
// mode: no source maps, a real InboxSDK app id required, the version from package.json) and
// zips it, manifest.json at the root of the archive, as the store's upload form takes it.
// `--out DIR` writes somewhere else than release/ (the tests use it).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { zipSync, type Zippable } from 'fflate';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string', default: join(root, 'release') } } });
const outDir = resolve(values.out);
const extensionDir = join(outDir, 'extension');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .sort();
}

try {
  await build({ configFile: join(root, 'vite.config.ts'), mode: 'release', logLevel: 'warn', build: { outDir: extensionDir } });
} catch (error) {
  console.error(`npm run package: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const files = filesUnder(extensionDir);
const maps = files.filter((path) => path.endsWith('.map'));
if (maps.length > 0) {
  console.error(`npm run package: the release build has source maps (${maps.map((path) => relative(extensionDir, path)).join(', ')})`);
  process.exit(1);
}

const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const entries: Zippable = {};
for (const path of files) entries[relative(extensionDir, path).split('\\').join('/')] = readFileSync(path);
const zipFile = join(outDir, `glint-extension-${version}.zip`);
// A fixed time for every entry: the same sources give the same archive.
writeFileSync(zipFile, zipSync(entries, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }));

const kb = (statSync(zipFile).size / 1024).toFixed(0);
console.log(`${relative(process.cwd(), zipFile) || zipFile}: version ${version}, ${files.length} files, ${kb} KB`);
console.log('Upload it in the Chrome Web Store Developer Dashboard (README: Publishing the extension).');
