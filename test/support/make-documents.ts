// Real documents generated at test time: PDFs with pdf-lib, Word files with docx, PowerPoint files
// with pptxgenjs. Every page or slide says "Page N" so a rendering or conversion can be checked.
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, StandardFonts, drawObject, popGraphicsState, pushGraphicsState, concatTransformationMatrix } from 'pdf-lib';
import PptxGenJS from 'pptxgenjs';
import { crc32 } from 'node:zlib';

export interface PdfOptions {
  pages: number;
  /** Adds an incompressible grey image of about this many bytes to every page (benchmarks). */
  imageBytesPerPage?: number;
  width?: number;
  height?: number;
}

function noise(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed | 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

export async function makePdf(options: PdfOptions): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const width = options.width ?? 612;
  const height = options.height ?? 792;
  for (let n = 1; n <= options.pages; n++) {
    const page = pdf.addPage([width, height]);
    if (options.imageBytesPerPage) {
      const side = Math.ceil(Math.sqrt(options.imageBytesPerPage));
      const image = pdf.context.stream(noise(side * side, n), {
        Type: 'XObject',
        Subtype: 'Image',
        Width: side,
        Height: side,
        ColorSpace: 'DeviceGray',
        BitsPerComponent: 8,
      });
      const name = page.node.newXObject('Noise', pdf.context.register(image));
      page.pushOperators(
        pushGraphicsState(),
        concatTransformationMatrix(width - 160, 0, 0, 120, 80, 80),
        drawObject(name),
        popGraphicsState(),
      );
    }
    page.drawText(`Page ${n}`, { x: 72, y: height - 144, size: 48, font });
  }
  pdf.setTitle(`Generated ${options.pages}-page test PDF`);
  return pdf.save({ useObjectStreams: true });
}

export async function makeDocx(pages: number): Promise<Buffer> {
  const paragraphs = Array.from(
    { length: pages },
    (_, index) =>
      new Paragraph({
        pageBreakBefore: index > 0,
        alignment: AlignmentType.LEFT,
        children: [new TextRun({ text: `Page ${index + 1}`, size: 64 })],
      }),
  );
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}

export async function makePptx(slides: number): Promise<Buffer> {
  const deck = new PptxGenJS();
  for (let n = 1; n <= slides; n++) {
    deck.addSlide().addText(`Page ${n}`, { x: 1, y: 1, w: 8, h: 1.5, fontSize: 44 });
  }
  return (await deck.write({ outputType: 'nodebuffer' })) as Buffer;
}

/** The first bytes of a real Windows executable (DOS stub), enough to be recognised as one. */
export function makeWindowsExe(): Uint8Array {
  const bytes = new Uint8Array(1024);
  bytes.set([0x4d, 0x5a, 0x90, 0x00, 0x03]);
  bytes.set(new TextEncoder().encode('This program cannot be run in DOS mode.'), 0x4e);
  bytes.set([0x50, 0x45, 0x00, 0x00], 0x80);
  return bytes;
}

/** Reads back the page count with pdf-lib, an independent parser from the one the server uses. */
export async function countPdfPages(bytes: Uint8Array): Promise<number> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  return pdf.getPageCount();
}

/** A zip archive with the given entries stored uncompressed (enough for central directory readers). */
export function makeZip(entries: Record<string, string>): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = encoder.encode(name);
    const data = encoder.encode(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, Buffer.from(nameBytes), Buffer.from(data));
    centrals.push(central, Buffer.from(nameBytes));
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** A minimal OLE2 compound file ([MS-CFB], 512-byte sectors) holding empty streams of these names. */
export function makeOle2(streamNames: string[]): Uint8Array {
  if (streamNames.length > 3) throw new RangeError('one directory sector holds the root and three streams');
  const file = Buffer.alloc(512 * 3);
  file.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  file.writeUInt16LE(0x3e, 0x18);
  file.writeUInt16LE(3, 0x1a);
  file.writeUInt16LE(0xfffe, 0x1c);
  file.writeUInt16LE(9, 0x1e);
  file.writeUInt16LE(6, 0x20);
  file.writeUInt32LE(1, 0x2c); // one FAT sector
  file.writeUInt32LE(1, 0x30); // directory starts at sector 1
  file.writeUInt32LE(4096, 0x38);
  file.writeUInt32LE(0xfffffffe, 0x3c);
  file.writeUInt32LE(0xfffffffe, 0x44);
  file.fill(0xff, 0x4c, 512);
  file.writeUInt32LE(0, 0x4c); // the FAT is sector 0
  const fat = 512;
  file.fill(0xff, fat, fat + 512);
  file.writeUInt32LE(0xfffffffd, fat); // sector 0: FAT
  file.writeUInt32LE(0xfffffffe, fat + 4); // sector 1: directory, end of chain
  ['Root Entry', ...streamNames].forEach((name, index) => {
    const at = 1024 + index * 128;
    file.write(name, at, 'utf16le');
    file.writeUInt16LE((name.length + 1) * 2, at + 0x40);
    file[at + 0x42] = index === 0 ? 5 : 2;
    file.writeUInt32LE(0xffffffff, at + 0x44);
    file.writeUInt32LE(0xffffffff, at + 0x48);
    file.writeUInt32LE(index === 0 && streamNames.length > 0 ? 1 : 0xffffffff, at + 0x4c);
  });
  return new Uint8Array(file);
}

/** A PDF written object by object, with a correct cross-reference table: for damaged structures. */
export function pdfFromObjects(objects: string[], trailerExtra = ''): Uint8Array {
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xrefAt = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

/** A PDF whose catalog points at a script instead of a page tree. */
export const makeScriptOnlyPdf = (): Uint8Array =>
  pdfFromObjects(['<< /Type /Catalog /Pages 2 0 R /OpenAction 2 0 R >>', '<< /S /JavaScript /JS (app.alert(1);) >>']);

/** A PDF whose page tree claims many more pages than its one kid. */
export const makeAbsurdCountPdf = (count: number): Uint8Array =>
  pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [3 0 R] /Count ${count} >>`,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ]);

/** A PDF needing a user password (the check values match no password, so none opens it). */
export const makePasswordPdf = (): Uint8Array =>
  pdfFromObjects(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
      `<< /Filter /Standard /V 1 /R 2 /P -4 /O <${'7a'.repeat(32)}> /U <${'3c'.repeat(32)}> >>`,
    ],
    `/Encrypt 4 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>] `,
  );

/** An ordinary PDF whose "%PDF-1.7" header line is overwritten, offsets kept (readers open it). */
export async function makeHeaderlessPdf(): Promise<Uint8Array> {
  const pdf = await makePdf({ pages: 2 });
  pdf.set(new TextEncoder().encode('%ABCDEFG'), 0);
  return pdf;
}

/**
 * A Word 97-2003 file (OLE2) whose WordDocument stream starts with a file information block
 * with these flags (0x0100: encrypted); only the block's first sector is present.
 */
export function makeWordOle2(fibFlags: number): Uint8Array {
  const base = Buffer.from(makeOle2(['WordDocument', '1Table']));
  const file = Buffer.concat([base, Buffer.alloc(512)]);
  file.writeUInt32LE(0xfffffffe, 512 + 8); // sector 2: the stream's only sector here
  const entry = 1024 + 128;
  file.writeUInt32LE(2, entry + 0x74);
  file.writeUInt32LE(4096, entry + 0x78);
  file.writeUInt16LE(0xa5ec, 1536); // wIdent of a Word file information block
  file.writeUInt16LE(0xc1, 1538); // nFib: Word 97
  file.writeUInt16LE(fibFlags, 1536 + 0x0a);
  return new Uint8Array(file);
}

/** The first bytes of a Word for Windows 2.0 file (before OLE2). */
export function makeWord2(): Uint8Array {
  const file = new Uint8Array(512);
  file.set([0xdb, 0xa5, 0x2d, 0x00, 0x31, 0x40, 0x09, 0x04]);
  return file;
}
