import { crc32, deflateSync } from 'node:zlib';

const SIZE = 256;

/**
 * The logo admins upload to the OAuth client in Kintone (shown on its consent screen): a white "N" on
 * Notta blue, drawn once at start as a PNG, so no binary asset has to live in the repository.
 */
export const clientLogoPng: Buffer = drawLogo();

function drawLogo(): Buffer {
  const rows: Buffer[] = [];
  const radius = 40;
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let x = 0; x < SIZE; x++) {
      const inside = insideRoundedSquare(x, y, radius);
      const letter = inside && insideN(x, y);
      const o = 1 + x * 4;
      if (!inside) continue; // transparent corners
      const shade = Math.round(20 * (y / SIZE));
      row[o] = letter ? 255 : 37 - Math.min(shade, 30);
      row[o + 1] = letter ? 255 : 99 - shade;
      row[o + 2] = letter ? 255 : 235 - shade;
      row[o + 3] = 255;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function insideRoundedSquare(x: number, y: number, r: number): boolean {
  const cx = Math.min(Math.max(x, r), SIZE - 1 - r);
  const cy = Math.min(Math.max(y, r), SIZE - 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Two uprights joined by a diagonal from top left to bottom right. */
function insideN(x: number, y: number): boolean {
  const top = 64;
  const bottom = 192;
  if (y < top || y > bottom) return false;
  const left = x >= 68 && x <= 96;
  const right = x >= 160 && x <= 188;
  const t = (y - top) / (bottom - top);
  const diagonalX = 68 + t * (188 - 96);
  const diagonal = x >= diagonalX && x <= diagonalX + 30;
  return left || right || diagonal;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}
