// Runs LibreOffice headless for one conversion: its own profile directory (two instances sharing
// a profile block each other), its own process group (soffice is a shell script that starts
// soffice.bin, and a timeout must kill both), and errors that say what happened.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type ConversionFailure = 'not_installed' | 'timeout' | 'failed';

export class ConversionError extends Error {
  readonly failure: ConversionFailure;

  constructor(failure: ConversionFailure, message: string) {
    super(message);
    this.failure = failure;
    this.name = 'ConversionError';
  }
}

export interface SofficeOptions {
  /** The soffice executable (the server passes SOFFICE_PATH from config.ts); "soffice" on the PATH by default. */
  sofficePath?: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;

function runProcess(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, timeoutMs);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const missing = error.code === 'ENOENT';
      const message = missing
        ? `LibreOffice is not installed on the server (${command} not found), so Word and PowerPoint files cannot be converted.`
        : `LibreOffice could not be started: ${error.message}`;
      reject(new ConversionError(missing ? 'not_installed' : 'failed', message));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        const seconds = Math.round(timeoutMs / 1000);
        reject(new ConversionError('timeout', `Converting the document took longer than ${seconds} s and was stopped.`));
      } else if (code === 0) resolve();
      else reject(new ConversionError('failed', `LibreOffice stopped with ${signal ?? `exit code ${code}`}: ${output.trim()}`));
    });
  });
}

/**
 * Converts `inputPath` to `format` (e.g. "pdf", "doc") and returns the path of the single file
 * LibreOffice wrote into `outDir`.
 */
export async function sofficeConvert(inputPath: string, outDir: string, format: string, options: SofficeOptions = {}): Promise<string> {
  const command = options.sofficePath ?? 'soffice';
  const profile = await mkdtemp(join(tmpdir(), 'glint-lo-'));
  try {
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--nologo',
      '--nodefault',
      '--nolockcheck',
      '--norestore',
      '--convert-to',
      format,
      '--outdir',
      outDir,
      inputPath,
    ];
    await runProcess(command, args, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const written = (await readdir(outDir)).filter((name) => name.toLowerCase().endsWith(`.${format}`));
    if (written.length !== 1 || written[0] === undefined) {
      throw new ConversionError('failed', 'LibreOffice could not convert this document: it may be damaged or password-protected.');
    }
    return join(outDir, written[0]);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
