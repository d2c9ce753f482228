// Lists the stream names of an OLE2 compound file ([MS-CFB]), the container of legacy .doc, .ppt
// and .xls files. Word keeps its text in a "WordDocument" stream, PowerPoint in
// "PowerPoint Document", Excel in "Workbook"/"Book"; the names tell the three apart where the
// file extension may lie.
import { readUint16, readUint32, startsWith, type ByteSource } from './byte-source.ts';

export const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const HEADER_DIFAT_ENTRIES = 109;
const END_OF_CHAIN = 0xfffffffe;
const MAX_SECTOR = 0xfffffffa;
const MAX_DIRECTORY_SECTORS = 4096;
const ENTRY_SIZE = 128;

class CompoundFile {
  private readonly fatSectors = new Map<number, Uint8Array>();

  private readonly source: ByteSource;
  private readonly header: Uint8Array;
  readonly sectorSize: number;

  constructor(source: ByteSource, header: Uint8Array, sectorSize: number) {
    this.source = source;
    this.header = header;
    this.sectorSize = sectorSize;
  }

  readSector(sector: number): Promise<Uint8Array> {
    return this.source.read((sector + 1) * this.sectorSize, this.sectorSize);
  }

  /** Location of the n-th FAT sector: the first 109 are listed in the header, the rest in DIFAT sectors. */
  private async fatSectorLocation(index: number): Promise<number | null> {
    if (index < HEADER_DIFAT_ENTRIES) return readUint32(this.header, 0x4c + index * 4);
    const perDifat = this.sectorSize / 4 - 1;
    let difat = readUint32(this.header, 0x44);
    let remaining = index - HEADER_DIFAT_ENTRIES;
    for (let hops = 0; difat <= MAX_SECTOR && hops < 10_000; hops++) {
      const sector = await this.readSector(difat);
      if (remaining < perDifat) return readUint32(sector, remaining * 4);
      remaining -= perDifat;
      difat = readUint32(sector, perDifat * 4);
    }
    return null;
  }

  async next(sector: number): Promise<number | null> {
    const perFat = this.sectorSize / 4;
    const index = Math.floor(sector / perFat);
    let fat = this.fatSectors.get(index);
    if (!fat) {
      const location = await this.fatSectorLocation(index);
      if (location === null || location > MAX_SECTOR) return null;
      fat = await this.readSector(location);
      this.fatSectors.set(index, fat);
    }
    return readUint32(fat, (sector % perFat) * 4);
  }
}

function entryName(sector: Uint8Array, at: number): string | null {
  const type = sector[at + 0x42];
  const byteLength = readUint16(sector, at + 0x40);
  if (type === 0 || byteLength < 2 || byteLength > 64) return null;
  let name = '';
  for (let i = 0; i < byteLength - 2; i += 2) name += String.fromCharCode(readUint16(sector, at + i));
  return name;
}

export interface Ole2Entry {
  name: string;
  /** First sector of the stream in the file (or in the mini stream, for a small one). */
  startSector: number;
  size: number;
}

/** The names in the compound file's directory, or null when it is not a readable OLE2 file. */
export async function listOle2Streams(source: ByteSource): Promise<string[] | null> {
  return (await listOle2Entries(source))?.map((entry) => entry.name) ?? null;
}

/**
 * The first `length` bytes of a stream kept in regular sectors (at or above the header's
 * mini-stream cutoff, as Word's main stream always is), or null for a small or missing stream.
 */
export async function readOle2StreamHead(source: ByteSource, entry: Ole2Entry, length: number): Promise<Uint8Array | null> {
  const header = await source.read(0, 512);
  const sectorSize = 2 ** readUint16(header, 0x1e);
  if (entry.size < readUint32(header, 0x38) || entry.startSector > MAX_SECTOR || length > sectorSize) return null;
  const head = await source.read((entry.startSector + 1) * sectorSize, length);
  return head.length === length ? head : null;
}

/** The directory's entries, or null when it is not a readable OLE2 file. */
export async function listOle2Entries(source: ByteSource): Promise<Ole2Entry[] | null> {
  const header = await source.read(0, 512);
  if (!startsWith(header, OLE2_SIGNATURE)) return null;
  const shift = readUint16(header, 0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const file = new CompoundFile(source, header, 2 ** shift);
  const names: Ole2Entry[] = [];
  const seen = new Set<number>();
  let sector: number | null = readUint32(header, 0x30);
  while (sector !== null && sector <= MAX_SECTOR && !seen.has(sector) && seen.size < MAX_DIRECTORY_SECTORS) {
    seen.add(sector);
    const bytes = await file.readSector(sector);
    if (bytes.length < file.sectorSize) break;
    for (let at = 0; at < bytes.length; at += ENTRY_SIZE) {
      const name = entryName(bytes, at);
      if (name !== null) names.push({ name, startSector: readUint32(bytes, at + 0x74), size: readUint32(bytes, at + 0x78) });
    }
    sector = await file.next(sector);
  }
  if (sector !== END_OF_CHAIN && names.length === 0) return null;
  return names;
}
