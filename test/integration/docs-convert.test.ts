// Real LibreOffice conversions of generated Word and PowerPoint files, checked by page count.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../src/server/docs/byte-source.ts';
import { PdfConverter } from '../../src/server/docs/convert-to-pdf.ts';
import { detectDocumentType } from '../../src/server/docs/detect-type.ts';
import { convertWithLibreOffice, requireSoffice } from '../support/libreoffice.ts';
import { countPdfPages, makeDocx, makePptx } from '../support/make-documents.ts';

async function uploadAndConvert(bytes: Uint8Array, name: string): Promise<{ type: string; pages: number; pdfPages: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'glint-docs-'));
  const stored = join(dir, 'upload-without-extension');
  await writeFile(stored, bytes);
  const type = await detectDocumentType(bufferSource(bytes), name);
  const converter = new PdfConverter({ sofficePath: requireSoffice() });
  const result = await converter.convert(stored, type, join(dir, 'pdf', 'converted'));
  return { type: type.type, pages: result.pageCount, pdfPages: await countPdfPages(await readFile(result.pdfPath)) };
}

// Fails loudly (with the install command) when LibreOffice is missing: checked before any test runs.
requireSoffice();

describe('Word and PowerPoint conversion with LibreOffice', () => {
  it('converts a 3-slide PPTX into a 3-page PDF', async () => {
    expect(await uploadAndConvert(await makePptx(3), 'deck.pptx')).toEqual({ type: 'pptx', pages: 3, pdfPages: 3 });
  });

  it('converts a 2-page DOCX into a 2-page PDF', async () => {
    expect(await uploadAndConvert(await makeDocx(2), 'memo.docx')).toEqual({ type: 'docx', pages: 2, pdfPages: 2 });
  });

  it('tells legacy .doc and .ppt apart by their streams, even when misnamed, and converts them', async () => {
    const doc = await readFile(await convertWithLibreOffice(await makeDocx(4), 'memo.docx', 'doc'));
    const ppt = await readFile(await convertWithLibreOffice(await makePptx(5), 'deck.pptx', 'ppt'));
    expect(await uploadAndConvert(doc, 'memo.ppt')).toEqual({ type: 'doc', pages: 4, pdfPages: 4 });
    expect(await uploadAndConvert(ppt, 'deck.doc')).toEqual({ type: 'ppt', pages: 5, pdfPages: 5 });
  });
});
