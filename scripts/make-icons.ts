// Draws Glint's toolbar icons (a white four-pointed glint on an indigo rounded square) as PNGs
// into public/icons/. Pure Node, no image library: each pixel is supersampled 4x4 for smooth
// edges, then written as an RGBA PNG. Run: `node scripts/make-icons.ts`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128] as const;
const SAMPLES = 4;
const BACKGROUND = [79, 70, 229] as const; // indigo
const BACKGROUND_DARK = [55, 48, 163] as const;

function insideRoundedSquare(x: number, y: number): boolean {
  const radius = 0.22;
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** A four-pointed star: |dx|^p + |dy|^p <= r^p with p < 1 gives concave sides. */
function insideGlint(x: number, y: number): boolean {
  const dx = Math.abs(x - 0.5) / 0.36;
  const dy = Math.abs(y - 0.5) / 0.36;
  return dx ** 0.5 + dy ** 0.5 <= 1;
}

function pixel(size: number, px: number, py: number): [number, number, number, number] {
  let shape = 0;
  let star = 0;
  for (let sy = 0; sy < SAMPLES; sy += 1) {
    for (let sx = 0; sx < SAMPLES; sx += 1) {
      const x = (px + (sx + 0.5) / SAMPLES) / size;
      const y = (py + (sy + 0.5) / SAMPLES) / size;
      if (insideRoundedSquare(x, y)) {
        shape += 1;
        if (insideGlint(x, y)) star += 1;
      }
    }
  }
  if (shape === 0) return [0, 0, 0, 0];
  const t = py / size;
  const mix = star / shape;
  const channel = (i: 0 | 1 | 2): number => {
    const bg = BACKGROUND[i] + (BACKGROUND_DARK[i] - BACKGROUND[i]) * t;
    return Math.round(bg + (255 - bg) * mix);
  };
  return [channel(0), channel(1), channel(2), Math.round((255 * shape) / SAMPLES ** 2)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows: number[] = [];
  for (let y = 0; y < size; y += 1) {
    rows.push(0); // filter: none
    for (let x = 0; x < size; x += 1) rows.push(...pixel(size, x, y));
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) {
  writeFileSync(new URL(`../public/icons/icon-${size}.png`, import.meta.url), png(size));
  console.log(`public/icons/icon-${size}.png`);
}
