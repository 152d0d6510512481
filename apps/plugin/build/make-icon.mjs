// Draws plugin/image/icon.png: a blue rounded square with a white sound-wave mark.
// Pure Node (zlib + hand-written PNG chunks), deterministic: run `node build/make-icon.mjs` after editing.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // 4x4 supersampling per pixel for smooth edges

const TOP = [0x4f, 0x6b, 0xff];
const BOTTOM = [0x2a, 0x3c, 0xc8];
const BARS = [
  { x: 28, height: 30 },
  { x: 46, height: 56 },
  { x: 64, height: 78 },
  { x: 82, height: 48 },
  { x: 100, height: 26 },
];
const BAR_RADIUS = 5.5;

/** Signed distance to a rounded square covering the icon with a small margin. */
function roundedSquare(x, y) {
  const half = SIZE / 2 - 4;
  const radius = 28;
  const qx = Math.abs(x - SIZE / 2) - (half - radius);
  const qy = Math.abs(y - SIZE / 2) - (half - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Signed distance to the nearest wave bar (vertical capsules centred on the icon). */
function bars(x, y) {
  let best = Number.POSITIVE_INFINITY;
  for (const bar of BARS) {
    const halfLine = bar.height / 2 - BAR_RADIUS;
    const dy = Math.max(Math.abs(y - SIZE / 2) - halfLine, 0);
    best = Math.min(best, Math.hypot(x - bar.x, dy) - BAR_RADIUS);
  }
  return best;
}

function pixel(px, py) {
  let cover = 0;
  let white = 0;
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      if (roundedSquare(x, y) <= 0) {
        cover++;
        if (bars(x, y) <= 0) white++;
      }
    }
  }
  const n = SAMPLES * SAMPLES;
  if (cover === 0) return [0, 0, 0, 0];
  const t = py / (SIZE - 1);
  const base = TOP.map((c, i) => c + (BOTTOM[i] - c) * t);
  const w = white / cover;
  const rgb = base.map((c) => Math.round(c + (255 - c) * w));
  return [...rgb, Math.round((255 * cover) / n)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function renderIconPng() {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  let offset = 0;
  for (let y = 0; y < SIZE; y++) {
    raw[offset++] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) {
      for (const value of pixel(x, y)) raw[offset++] = value;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = new URL('../plugin/image/icon.png', import.meta.url);
  writeFileSync(target, renderIconPng());
  console.log(`wrote ${target.pathname}`);
}
