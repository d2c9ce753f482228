// Word and PowerPoint to PDF through LibreOffice, a bounded number at once. The work directory
// sits next to the destination so the finished PDF arrives by an atomic rename on one file system.
import { mkdir, mkdtemp, rename, rm, symlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Semaphore } from '../lib/semaphore.ts';
import type { DocumentTypeInfo } from './document-types.ts';
import { countPdfPages } from './page-count-workers.ts';
import { sofficeConvert, type SofficeOptions } from './soffice.ts';

export interface ConverterOptions extends SofficeOptions {
  /** Conversions running at once; the others queue. */
  concurrency?: number;
}

export interface ConvertedPdf {
  pdfPath: string;
  pageCount: number;
}

export class PdfConverter {
  private readonly slots: Semaphore;

  private readonly options: ConverterOptions;

  constructor(options: ConverterOptions = {}) {
    this.options = options;
    this.slots = new Semaphore(options.concurrency ?? 2);
  }

  get queued(): number {
    return this.slots.pending;
  }

  /** Converts `inputPath` (of the detected `type`) into a PDF at `pdfPath` and counts its pages. */
  async convert(inputPath: string, type: DocumentTypeInfo, pdfPath: string): Promise<ConvertedPdf> {
    await mkdir(dirname(pdfPath), { recursive: true });
    const work = await mkdtemp(join(dirname(pdfPath), '.convert-'));
    try {
      // LibreOffice picks its import filter partly by extension, and our stored files have none.
      const named = join(work, `document.${type.extension}`);
      await symlink(resolve(inputPath), named);
      const outDir = join(work, 'out');
      await mkdir(outDir);
      const written = await this.slots.run(() => sofficeConvert(named, outDir, 'pdf', this.options));
      const pageCount = await countPdfPages(written);
      await rename(written, pdfPath);
      return { pdfPath, pageCount };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
}
