// Worker thread that tries Office's default key ("VelvetSweatshop", what Office uses when a file is
// encrypted without a password being asked) on one encrypted Office file. officecrypto-tool derives
// the key with 100 000 SHA-512 rounds (about a second), so this never runs on the server's loop.
// The answer is whether the key opened it; the decrypted bytes are written to the given path.
import { readFile, writeFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import officeCrypto from 'officecrypto-tool';

export interface DefaultKeyRequest {
  path: string;
  decryptedPath: string;
}

export type DefaultKeyAnswer = { opened: true } | { opened: false; reason: string };

export const OFFICE_DEFAULT_KEY = 'VelvetSweatshop';

async function answer(request: DefaultKeyRequest): Promise<DefaultKeyAnswer> {
  try {
    const encrypted = await readFile(request.path);
    const decrypted = await officeCrypto.decrypt(encrypted, { password: OFFICE_DEFAULT_KEY });
    // The library hands back its input unchanged when it finds nothing it can decrypt.
    if (decrypted.equals(encrypted)) return { opened: false, reason: 'not encrypted in a way the library reads' };
    await writeFile(request.decryptedPath, decrypted, { flag: 'wx', mode: 0o600 });
    return { opened: true };
  } catch (error) {
    return { opened: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

void answer(workerData as DefaultKeyRequest).then((result) => parentPort?.postMessage(result));
