// Why a Word or PowerPoint conversion failed, as a stable code the server stores with the document
// and the documents API returns (`failureCode`). Only what the converter can really tell apart:
// LibreOffice says the same thing for a damaged file and a password-protected one (those are
// refused at upload, docs/detect-type.ts), and it never writes a PDF without pages, so neither is
// a code here. The extension words each code in the rep's language (public/_locales); the CLI and
// the API's `failure` use the English sentence below, the same as the English catalogue's.
import { z } from 'zod';

export const CONVERSION_FAILURE_CODES = [
  /** LibreOffice ran past DOCS_CONVERT_TIMEOUT_S and was stopped. */
  'conversion_timeout',
  /** LibreOffice crashed under DOCS_CONVERT_MAX_MB. */
  'memory_limit',
  /** Its conversion was claimed more than MAX_CONVERSION_ATTEMPTS times: its servers kept dying. */
  'gave_up',
  /** The server has no LibreOffice (SOFFICE_PATH not found). */
  'unavailable',
  /** Anything else: LibreOffice could not load the file, or wrote no readable PDF. */
  'failed',
] as const;

export type ConversionFailureCode = (typeof CONVERSION_FAILURE_CODES)[number];

export const conversionFailureCodeSchema = z.enum(CONVERSION_FAILURE_CODES);

export const isConversionFailureCode = (value: string): value is ConversionFailureCode =>
  (CONVERSION_FAILURE_CODES as readonly string[]).includes(value);

/** The rep's sentence in English: what happened, then what to do. */
export const CONVERSION_FAILURE_SENTENCES: Readonly<Record<ConversionFailureCode, string>> = {
  conversion_timeout: 'This document took too long to convert: save it again in Word or PowerPoint, or as a PDF, and upload it again.',
  memory_limit:
    'This document is too large or too complex to convert: save it again in Word or PowerPoint without empty pages, split it, or save it as a PDF, and upload the new file.',
  gave_up:
    'This document stopped the conversion several times, so Glint gave up: save it again in Word or PowerPoint, or as a PDF, and upload the new file.',
  unavailable: 'This server cannot convert Word or PowerPoint files at the moment: upload the file as a PDF, or ask your administrator.',
  failed:
    'This document could not be converted to PDF, it may be damaged: open it in Word or PowerPoint, save it again (or as a PDF) and upload the new file.',
};

/** The sentence for a stored code; a document failed before codes existed (null) reads as `failed`. */
export const conversionFailureSentence = (code: ConversionFailureCode | null): string => CONVERSION_FAILURE_SENTENCES[code ?? 'failed'];
