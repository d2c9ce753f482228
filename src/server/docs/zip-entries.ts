// Lists the entry names of a zip archive from its central directory (APPNOTE.TXT 4.3.12-4.3.16),
// which sits at the end of the file: OOXML detection needs the names, never the contents.
import { readUint16, readUint32, startsWith, type ByteSource } from './byte-source.ts';

const EOCD = [0x50, 0x4b, 0x05, 0x06];
const ZIP64_LOCATOR = [0x50, 0x4b, 0x06, 0x07];
const ZIP64_EOCD = [0x50, 0x4b, 0x06, 0x06];
const CENTRAL_ENTRY = [0x50, 0x4b, 0x01, 0x02];
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;
const MAX_NAMES = 20_000;

function readUint64(bytes: Uint8Array, at: number): number {
  return readUint32(bytes, at) + readUint32(bytes, at + 4) * 2 ** 32;
}

interface DirectoryLocation {
  offset: number;
  size: number;
}

async function locateDirectory(source: ByteSource): Promise<DirectoryLocation | null> {
  const tailLength = Math.min(source.size, EOCD_MIN + MAX_COMMENT + 20);
  const tailStart = source.size - tailLength;
  const tail = await source.read(tailStart, tailLength);
  for (let at = tail.length - EOCD_MIN; at >= 0; at--) {
    if (!startsWith(tail, EOCD, at)) continue;
    let offset = readUint32(tail, at + 16);
    let size = readUint32(tail, at + 12);
    if ((offset === 0xffffffff || size === 0xffffffff) && startsWith(tail, ZIP64_LOCATOR, at - 20)) {
      const zip64At = readUint64(tail, at - 20 + 8);
      const zip64 = await source.read(zip64At, 56);
      if (!startsWith(zip64, ZIP64_EOCD)) return null;
      size = readUint64(zip64, 40);
      offset = readUint64(zip64, 48);
    }
    if (offset + size > source.size || size > MAX_DIRECTORY_BYTES) return null;
    return { offset, size };
  }
  return null;
}

/** The archive's entry names, or null when it has no readable central directory. */
export async function listZipEntries(source: ByteSource): Promise<string[] | null> {
  const location = await locateDirectory(source);
  if (!location) return null;
  const directory = await source.read(location.offset, location.size);
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const names: string[] = [];
  let at = 0;
  while (at + 46 <= directory.length && names.length < MAX_NAMES) {
    if (!startsWith(directory, CENTRAL_ENTRY, at)) break;
    const nameLength = readUint16(directory, at + 28);
    const extraLength = readUint16(directory, at + 30);
    const commentLength = readUint16(directory, at + 32);
    names.push(decoder.decode(directory.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names.length > 0 ? names : null;
}
