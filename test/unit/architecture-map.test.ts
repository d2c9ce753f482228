// docs/architecture.md is the map a newcomer reads: every file or folder it names in backticks
// must exist, so a move that forgets the map fails here instead of misleading someone later.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const MAP = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');

/** The map names paths from the root or, inside a section, from the area it is about. */
const BASES = ['', 'src', 'src/server', 'src/extension', 'src/server/store', 'src/server/ingest', 'test/integration/store', 'docs'];

/** Backticked words that look like a path: a folder/ or file.ext, without placeholders. */
function namedPaths(markdown: string): string[] {
  const words = [...markdown.matchAll(/`([^`\s]+)`/g)].map((match) => match[1] ?? '');
  return words.filter(
    (word) => /^[\w.][\w.-]*(\/[\w.-]+)*\/?$/.test(word) && (word.includes('/') || /\.(ts|tsx|js|json|md|sh)$/.test(word)),
  );
}

function exists(path: string): boolean {
  return BASES.some((base) => existsSync(join(ROOT, base, path)));
}

describe('docs/architecture.md', () => {
  it('names paths that exist', () => {
    const paths = namedPaths(MAP);
    expect(paths.length).toBeGreaterThan(40);
    expect(paths.filter((path) => !exists(path))).toEqual([]);
  });

  it('links only to pages that exist', () => {
    const links = [...MAP.matchAll(/\]\(([^)#]+)\)/g)].map((match) => match[1] ?? '').filter((link) => !/^https?:/.test(link));
    expect(links.filter((link) => !existsSync(join(ROOT, 'docs', link)))).toEqual([]);
  });

  it('recognises a path that is gone', () => {
    expect(namedPaths('see `src/server/no-such-area/thing.ts` and `npm test`')).toEqual(['src/server/no-such-area/thing.ts']);
    expect(exists('src/server/no-such-area/thing.ts')).toBe(false);
    expect(exists('http/route-modules.ts')).toBe(true);
  });
});
