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
