// Counts a PDF's pages with pdf.js, the same parser the recipient's viewer uses, so the stored
// count is the count the recipient will see. pdf.js reads only the trailer, the cross-reference
// table and the page tree (pdf-lib would parse every object), repairs broken cross-reference
// tables like the viewer does, and takes ownership of the buffer instead of copying it: the file
// is read from disk once and never held twice.
import { readFile } from 'node:fs/promises';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A PDF the viewer could not show either; the message is for the uploader. */
export class UnreadablePdfError extends Error {
  readonly code = 'unreadable_pdf';

  constructor(message: string) {
    super(message);
    this.name = 'UnreadablePdfError';
  }
}

export async function countPdfPagesInBytes(data: Uint8Array): Promise<number> {
  const task = getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const pdf = await task.promise;
    return pdf.numPages;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') {
      throw new UnreadablePdfError('This PDF is password-protected. Upload a copy without a password.');
    }
    throw new UnreadablePdfError('This PDF is damaged and cannot be shown. Export it again and upload the new copy.');
  } finally {
    await task.destroy();
  }
}

export async function countPdfPages(path: string): Promise<number> {
  return countPdfPagesInBytes(new Uint8Array(await readFile(path)));
}
