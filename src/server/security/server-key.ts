// The server key: from GLINT_SECRET_KEY, or a key file created once under DATA_DIR (mode 0600).
// Losing it makes the stored signing keys unreadable, so it is never regenerated silently.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KEY_FILE_NAME = 'secret.key';

export function loadServerKey(dataDir: string, fromEnv: string | undefined): Buffer {
  if (fromEnv) return createHash('sha256').update(fromEnv, 'utf8').digest();
  // Private: the database holds recipients, subjects and reader IPs besides the sealed secrets.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, KEY_FILE_NAME);
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < 32) throw new Error(`${file} is damaged: expected a 32-byte key`);
  return createHash('sha256').update(text, 'utf8').digest();
}
