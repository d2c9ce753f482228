// What a failed conversion tells the rep: what to do, never LibreOffice's output or a path.
import { ConversionError } from './soffice.ts';

/** A document that keeps ending its conversion's server (claims that expire) fails after this many claims. */
export const MAX_CONVERSION_ATTEMPTS = 3;

export const MEMORY_LIMIT_SENTENCE =
  'This document is too large or too complex to convert: it needs more memory than the server allows for one document. Save it again from Word or PowerPoint (remove empty pages, or split it) and upload the new file.';

export const REPEATED_CRASH_SENTENCE =
  'This document stopped the conversion several times and was given up: save it again from Word or PowerPoint and upload the new file.';

export function failureSentence(error: unknown): string {
  if (error instanceof ConversionError && error.failure === 'timeout') return error.message;
  if (error instanceof ConversionError && error.failure === 'memory') return MEMORY_LIMIT_SENTENCE;
  if (error instanceof ConversionError && error.failure === 'not_installed') {
    return 'This server cannot convert Word or PowerPoint files (LibreOffice is not installed there). Upload a PDF, or ask your administrator.';
  }
  return 'This document could not be converted to PDF: it may be damaged or password-protected. Save it again from Word or PowerPoint and upload it once more.';
}
