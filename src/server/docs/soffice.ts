// Runs LibreOffice headless for one conversion: its own profile directory (two instances sharing
// a profile block each other), its own process group (soffice is a shell script that starts
// soffice.bin, and a timeout must kill both), an address-space limit set by `ulimit -v` in a
// `sh` wrapper (inherited by soffice.bin; no cgroup or systemd needed, works as root in CI), and
// errors that say what happened.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type ConversionFailure = 'not_installed' | 'timeout' | 'memory' | 'failed';

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
  /** Address space each conversion may use, in MB (DOCS_CONVERT_MAX_MB); no limit when undefined. */
  maxMemoryMb?: number | undefined;
}

// Exit statuses of a process that died of a signal (128 + n), as soffice's launcher reports them.
const CRASH_STATUSES = { first: 129, last: 192 };
// What LibreOffice prints when an allocation fails; often it dies before printing anything.
const OUT_OF_MEMORY = /bad_alloc|out of memory|cannot allocate memory/i;

const DEFAULT_TIMEOUT_MS = 120_000;

const notInstalled = (command: string): ConversionError =>
  new ConversionError(
    'not_installed',
    `LibreOffice is not installed on the server (${command} not found), so Word and PowerPoint files cannot be converted.`,
  );

/** soffice itself, or `sh` setting the address-space limit and then becoming soffice. */
function commandLine(command: string, args: string[], maxMemoryMb: number | undefined): [string, string[]] {
  if (maxMemoryMb === undefined) return [command, args];
  const kilobytes = String(Math.round(maxMemoryMb * 1024));
  return ['sh', ['-c', 'ulimit -v "$1" && shift && exec "$@"', 'sh', kilobytes, command, ...args]];
}

/** Under a memory limit, a crash is almost always an allocation that the limit refused. */
function crashedOnMemory(code: number | null, signal: string | null, output: string): boolean {
  if (OUT_OF_MEMORY.test(output)) return true;
  return signal !== null || (code !== null && code >= CRASH_STATUSES.first && code <= CRASH_STATUSES.last);
}

function runProcess(command: string, args: string[], timeoutMs: number, maxMemoryMb: number | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const [file, argv] = commandLine(command, args, maxMemoryMb);
    const child = spawn(file, argv, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
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
      reject(
        error.code === 'ENOENT'
          ? notInstalled(command)
          : new ConversionError('failed', `LibreOffice could not be started: ${error.message}`),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        const seconds = Math.round(timeoutMs / 1000);
        reject(new ConversionError('timeout', `Converting the document took longer than ${seconds} s and was stopped.`));
      } else if (code === 0) resolve();
      // The wrapper's shell found no soffice to become.
      else if (code === 127 && maxMemoryMb !== undefined && /not found/.test(output)) reject(notInstalled(command));
      else if (maxMemoryMb !== undefined && crashedOnMemory(code, signal, output)) {
        reject(new ConversionError('memory', `LibreOffice needed more than the ${maxMemoryMb} MB allowed for one conversion.`));
      } else reject(new ConversionError('failed', `LibreOffice stopped with ${signal ?? `exit code ${code}`}: ${output.trim()}`));
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
    await runProcess(command, args, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.maxMemoryMb);
    const written = (await readdir(outDir)).filter((name) => name.toLowerCase().endsWith(`.${format}`));
    if (written.length !== 1 || written[0] === undefined) {
      throw new ConversionError('failed', 'LibreOffice could not convert this document: it may be damaged or password-protected.');
    }
    return join(outDir, written[0]);
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
