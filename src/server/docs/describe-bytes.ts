// A person's name for a file that Glint refuses, guessed from its first bytes, so the refusal can
// say what the file seems to be ("a Windows program") rather than only what it is not.
import { startsWith } from './byte-source.ts';

const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

const SIGNATURES: ReadonlyArray<readonly [number[], string]> = [
  [ascii('MZ'), 'a Windows program'],
  [[0x7f, ...ascii('ELF')], 'a Linux program'],
  [[0xcf, 0xfa, 0xed, 0xfe], 'a macOS program'],
  [[0xca, 0xfe, 0xba, 0xbe], 'a macOS program'],
  [ascii('#!'), 'a script'],
  [[0x89, ...ascii('PNG')], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [ascii('GIF8'), 'a GIF image'],
  [ascii('RIFF'), 'a media file'],
  [ascii('{\\rtf'), 'a Rich Text document'],
  [ascii('%!PS'), 'a PostScript file'],
  [[0x1f, 0x8b], 'a compressed (gzip) archive'],
  [ascii('Rar!'), 'a RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'a 7-Zip archive'],
  [ascii('PK'), 'a ZIP archive'],
];

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 512);
  return sample.every((byte) => byte === 9 || byte === 10 || byte === 13 || byte >= 32);
}

export function describeBytes(head: Uint8Array): string {
  if (head.length === 0) return 'an empty file';
  for (const [signature, description] of SIGNATURES) {
    if (startsWith(head, signature)) return description;
  }
  if (looksLikeText(head)) {
    const start = new TextDecoder().decode(head.subarray(0, 256)).trimStart().toLowerCase();
    if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'a web page';
    return 'a text file';
  }
  return 'an unknown kind of file';
}
