// A failed conversion in the rep's words: one message per code the server stores
// (src/shared/conversion-failure-codes.ts), saying what happened and what to do. The Record makes
// a new code fail to compile until it is worded; a document failed before codes reads as `failed`.
import type { ConversionFailureCode } from '../../../shared/conversion-failure-codes.ts';
import { t, type MessageKey } from '../../data/i18n.ts';

export const CONVERSION_FAILURE_MESSAGES: Readonly<Record<ConversionFailureCode, MessageKey>> = {
  conversion_timeout: 'compose_picker_conversion_timeout',
  memory_limit: 'compose_picker_conversion_memory_limit',
  gave_up: 'compose_picker_conversion_gave_up',
  unavailable: 'compose_picker_conversion_unavailable',
  failed: 'compose_picker_conversion_failed',
};

export const conversionFailureText = (code: ConversionFailureCode | null): string => t(CONVERSION_FAILURE_MESSAGES[code ?? 'failed']);
