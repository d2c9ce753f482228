// What a failed conversion tells the rep: a stable code (src/shared/conversion-failure-codes.ts)
// and its English sentence, never LibreOffice's output or a path (those go to the log).
import { CONVERSION_FAILURE_SENTENCES, type ConversionFailureCode } from '../../shared/conversion-failure-codes.ts';
import type { ConversionOutcome } from '../store/store.ts';
import { ConversionError, type ConversionFailure } from './soffice.ts';

/** A document that keeps ending its conversion's server (claims that expire) fails after this many claims. */
export const MAX_CONVERSION_ATTEMPTS = 3;

const CODE_OF: Readonly<Record<ConversionFailure, ConversionFailureCode>> = {
  timeout: 'conversion_timeout',
  memory: 'memory_limit',
  not_installed: 'unavailable',
  failed: 'failed',
};

/** The outcome that records a failure with `code`. */
export const failedWith = (code: ConversionFailureCode): ConversionOutcome => ({
  status: 'failed',
  failureCode: code,
  failure: CONVERSION_FAILURE_SENTENCES[code],
});

/** The code of a conversion's error: a LibreOffice run says what happened; anything else is `failed`. */
export const failureCodeOf = (error: unknown): ConversionFailureCode =>
  error instanceof ConversionError ? CODE_OF[error.failure] : 'failed';
