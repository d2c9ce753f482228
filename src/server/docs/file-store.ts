// Where document bytes live: the FileStore interface, and DirectoryFileStore, a directory every
// server instance shares (DOCS_DIR, by default DATA_DIR/docs; several instances mount the same one
// over NFS or the like). Uploads stream to a temporary file in that directory while their size is
// checked and their SHA-256 computed, then arrive under a random 256-bit name by an atomic rename
// (atomic on NFS too, within one directory tree): a half-written or oversized upload never
// appears, and no path can be guessed or forged. An S3-compatible backend would implement the same
// interface, with pathOf() returning a local cache copy fetched on demand.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
const NAME_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export class FileTooLargeError extends Error {
  readonly code = 'file_too_large';

  readonly limitBytes: number;

  constructor(limitBytes: number) {
    super(`This file is larger than the ${formatMegabytes(limitBytes)} upload limit.`);
    this.limitBytes = limitBytes;
    this.name = 'FileTooLargeError';
  }
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

export interface StoredFile {
  /** Random file name inside the store; never shown to recipients. */
  name: string;
  path: string;
  size: number;
  sha256: string;
}

export interface SaveOptions {
  maxBytes?: number;
  onProgress?: (receivedBytes: number) => void;
}

/** The document files every server instance reads and writes; names are minted by the store. */
export interface FileStore {
  /** A local path of a stored file; throws on anything that is not a name this store minted. */
  pathOf(name: string): string;
  /** A fresh name and local path for a derived file (e.g. a converted PDF), written by the caller. */
  reservePath(): Promise<{ name: string; path: string }>;
  /** Streams `source` in under a new name, checking its size and hashing it. */
  save(source: Readable | AsyncIterable<Uint8Array>, options?: SaveOptions): Promise<StoredFile>;
  remove(name: string): Promise<void>;
  /** The stored size, or null when there is no such file. */
  sizeOf(name: string): Promise<number | null>;
  /** The folder of the first-page images of a stored PDF, named after it. */
  pageImagesDirOf(pdfName: string): string;
  /** Fills a fresh folder, then moves it into place whole; false when the images were there. */
  publishPageImages(pdfName: string, fill: (dir: string) => Promise<void>): Promise<boolean>;
  removePageImages(pdfName: string): Promise<void>;
}

export class DirectoryFileStore implements FileStore {
  readonly dir: string;
  private readonly incoming: string;

  /** `dir`: the shared documents directory (created on the first write). */
  constructor(dir: string) {
    this.dir = dir;
    this.incoming = join(this.dir, '.incoming');
  }

  static newName(): string {
    return randomBytes(32).toString('base64url');
  }

  pathOf(name: string): string {
    if (!NAME_PATTERN.test(name)) throw new Error('not a stored file name');
    return join(this.dir, name);
  }

  async reservePath(): Promise<{ name: string; path: string }> {
    await mkdir(this.dir, { recursive: true });
    const name = DirectoryFileStore.newName();
    return { name, path: this.pathOf(name) };
  }

  async save(source: Readable | AsyncIterable<Uint8Array>, options: SaveOptions = {}): Promise<StoredFile> {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
    await mkdir(this.incoming, { recursive: true });
    const name = DirectoryFileStore.newName();
    const partial = join(this.incoming, `${name}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done): void {
        size += chunk.length;
        if (size > maxBytes) return done(new FileTooLargeError(maxBytes));
        hash.update(chunk);
        options.onProgress?.(size);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
      const path = this.pathOf(name);
      await rename(partial, path);
      return { name, path, size, sha256: hash.digest('hex') };
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async remove(name: string): Promise<void> {
    await rm(this.pathOf(name), { force: true });
  }

  /** The folder of the first-page images of a stored PDF (docs/page-images/), named after it. */
  pageImagesDirOf(pdfName: string): string {
    return join(this.dir, 'pages', basename(this.pathOf(pdfName)));
  }

  /**
   * Fills a fresh folder with `fill`, then moves it into place whole (one rename): a reader sees
   * the page images of a PDF complete or not at all. False when they were already there.
   */
  async publishPageImages(pdfName: string, fill: (dir: string) => Promise<void>): Promise<boolean> {
    const target = this.pageImagesDirOf(pdfName);
    await mkdir(this.incoming, { recursive: true });
    await mkdir(join(this.dir, 'pages'), { recursive: true });
    const partial = await mkdtemp(join(this.incoming, 'pages-'));
    try {
      await fill(partial);
      await rename(partial, target);
      return true;
    } catch (error) {
      await rm(partial, { recursive: true, force: true });
      if ((error as NodeJS.ErrnoException).code === 'ENOTEMPTY' || (error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  async removePageImages(pdfName: string): Promise<void> {
    await rm(this.pageImagesDirOf(pdfName), { recursive: true, force: true });
  }

  async sizeOf(name: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(name))).size;
    } catch {
      return null;
    }
  }
}
