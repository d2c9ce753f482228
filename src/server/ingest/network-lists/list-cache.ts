// The last good copy of each downloaded list, kept under DATA_DIR/network-lists/<id>.json with when
// and where it was fetched, so a restart (and `glint classify`) uses it without downloading. Written
// to a temporary file and renamed, so a crash never leaves half a copy; read back through zod, so a
// damaged file counts as no copy.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { DownloadableListId } from './list-ids.ts';

const cachedListSchema = z.object({
  id: z.string(),
  url: z.string(),
  fetchedAt: z.iso.datetime(),
  /** How many ranges the provider's file listed; cidrs holds them merged. */
  published: z.number().int().min(0),
  cidrs: z.array(z.string()),
});

export type CachedList = z.infer<typeof cachedListSchema>;

export function listCacheDir(dataDir: string): string {
  return join(dataDir, 'network-lists');
}

/** The cached copy, or null when there is none or it cannot be read. */
export async function readCachedList(dataDir: string, id: DownloadableListId): Promise<CachedList | null> {
  let text: string;
  try {
    text = await readFile(join(listCacheDir(dataDir), `${id}.json`), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = cachedListSchema.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.id === id ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeCachedList(dataDir: string, list: CachedList): Promise<void> {
  const dir = listCacheDir(dataDir);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${list.id}.json`);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(list));
  await rename(temporary, path);
}
