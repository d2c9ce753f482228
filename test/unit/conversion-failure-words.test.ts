// Every conversion failure code is worded for the rep in English, French and Dutch, each code its
// own sentence; the English catalogue says exactly what the CLI and the API's `failure` say; and
// the server gives each LibreOffice outcome its code.
import { describe, expect, it } from 'vitest';
import { CONVERSION_FAILURE_CODES, CONVERSION_FAILURE_SENTENCES } from '../../src/shared/conversion-failure-codes.ts';
import { failedWith, failureCodeOf } from '../../src/server/docs/conversion-failures.ts';
import { ConversionError } from '../../src/server/docs/soffice.ts';
import { failureText } from '../../src/server/cli/doc-read-commands.ts';
import { documentSchema } from '../../src/shared/document-schemas.ts';
import { CONVERSION_FAILURE_MESSAGES } from '../../src/extension/ui/picker/conversion-failure-words.ts';
import { LOCALES, readCatalogue } from '../support/locale-catalogue.ts';

describe('conversion failure wording', () => {
  it.each(LOCALES)('has a sentence of its own for every code in %s', (locale) => {
    const catalogue = readCatalogue(locale);
    const sentences = CONVERSION_FAILURE_CODES.map((code) => catalogue[CONVERSION_FAILURE_MESSAGES[code]]?.message ?? '');
    for (const sentence of sentences) expect(sentence.length).toBeGreaterThan(40);
    expect(new Set(sentences).size).toBe(CONVERSION_FAILURE_CODES.length);
    // What happened, then what to do; no HTTP status, code or LibreOffice in a rep's sentence.
    for (const sentence of sentences) expect(sentence).not.toMatch(/HTTP|\b\d{3}\b|_|LibreOffice/);
  });

  it('says in the English catalogue what the CLI and the API say', () => {
    const english = readCatalogue('en');
    for (const code of CONVERSION_FAILURE_CODES) {
      expect(english[CONVERSION_FAILURE_MESSAGES[code]]?.message, code).toBe(CONVERSION_FAILURE_SENTENCES[code]);
    }
  });

  it('gives each way LibreOffice fails its code, and anything else the generic one', () => {
    expect(failureCodeOf(new ConversionError('timeout', 'took longer than 120 s'))).toBe('conversion_timeout');
    expect(failureCodeOf(new ConversionError('memory', 'needed more than 1024 MB'))).toBe('memory_limit');
    expect(failureCodeOf(new ConversionError('not_installed', 'soffice not found'))).toBe('unavailable');
    expect(failureCodeOf(new ConversionError('failed', 'source file could not be loaded'))).toBe('failed');
    expect(failureCodeOf(new Error('counting the PDF pages failed'))).toBe('failed');
    expect(failedWith('gave_up')).toEqual({ status: 'failed', failureCode: 'gave_up', failure: CONVERSION_FAILURE_SENTENCES.gave_up });
  });

  it("has the CLI say the sentence of a known code, and the server's own sentence for a code it does not know", () => {
    const failed = {
      id: 'doc_AAAAAAAAAAAAAAAAAAAAAA',
      title: 'Deck',
      originalName: 'deck.pptx',
      type: 'pptx',
      mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      size: 1,
      sha256: '0',
      pageCount: 0,
      status: 'failed',
      shared: false,
      ownerId: 'us_AAAAAAAAAAAAAAAAAAAAAA',
      mine: true,
      createdAt: '2026-12-04T10:00:00.000Z',
      updatedAt: '2026-12-04T10:00:00.000Z',
    };
    const read = (fields: object) => failureText(documentSchema.parse({ ...failed, ...fields }));
    expect(read({ failureCode: 'memory_limit', failure: 'anything' })).toBe(CONVERSION_FAILURE_SENTENCES.memory_limit);
    // A newer server's code, or a document failed before codes: the server's sentence.
    expect(read({ failureCode: 'scanner_jammed', failure: 'The scanner jammed.' })).toBe('The scanner jammed.');
    expect(read({ failure: 'An old sentence.' })).toBe('An old sentence.');
    expect(read({ failureCode: null, failure: null })).toBe(CONVERSION_FAILURE_SENTENCES.failed);
  });
});
