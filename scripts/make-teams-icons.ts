// Draws the Teams app icons: a 192×192 colour icon and a 32×32 white outline on transparency. Shapes are signed
// distance functions sampled 4×4 per pixel for smooth edges; PNGs are written with zlib, no image library.
// Run: npx tsx scripts/make-teams-icons.ts  (writes manifest/teams/color.png and outline.png)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGBA PNG (colour type 6, 8 bits a channel) from a pixel function. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in a unit square (0..1), negative inside.
const circle = (cx: number, cy: number, r: number) => (x: number, y: number) => Math.hypot(x - cx, y - cy) - r;
function roundedBox(cx: number, cy: number, hw: number, hh: number, r: number) {
  return (x: number, y: number) => {
    const dx = Math.abs(x - cx) - hw + r;
    const dy = Math.abs(y - cy) - hh + r;
    return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
  };
}
type Sdf = (x: number, y: number) => number;
const union =
  (...s: Sdf[]): Sdf =>
  (x, y) =>
    Math.min(...s.map((f) => f(x, y)));
const cut =
  (a: Sdf, b: Sdf): Sdf =>
  (x, y) =>
    Math.max(a(x, y), -b(x, y));
const ring =
  (s: Sdf, width: number): Sdf =>
  (x, y) =>
    Math.abs(s(x, y)) - width / 2;
/** A tick mark as a thick polyline through three points. */
function tick(points: [number, number][], width: number): Sdf {
  const seg =
    (ax: number, ay: number, bx: number, by: number): Sdf =>
    (x, y) => {
      const t = Math.max(
        0,
        Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
      );
      return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)) - width / 2;
    };
  const [a, b, c] = points as [[number, number], [number, number], [number, number]];
  return union(seg(a[0], a[1], b[0], b[1]), seg(b[0], b[1], c[0], c[1]));
}

/** Coverage of a shape over one pixel, from 4×4 samples. */
function coverage(shape: Sdf, px: number, py: number, size: number): number {
  let inside = 0;
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) if (shape((px + (i + 0.5) / 4) / size, (py + (j + 0.5) / 4) / size) < 0) inside++;
  return inside / 16;
}

// The motif: a person (head and shoulders: a licence in one's own name) with a tick badge (step done).
const head = circle(0.44, 0.36, 0.14);
const shoulders = cut(roundedBox(0.44, 0.78, 0.25, 0.22, 0.2), roundedBox(0.44, 1.1, 0.5, 0.1, 0));
const person = union(head, shoulders);
const badge = circle(0.72, 0.7, 0.17);
const check = tick(
  [
    [0.64, 0.7],
    [0.7, 0.76],
    [0.8, 0.63],
  ],
  0.045,
);

const BRAND: [number, number, number] = [0x2b, 0x57, 0x9a];
const GREEN: [number, number, number] = [0x1e, 0x9e, 0x6a];
const mix = (a: number[], b: number[], t: number) => a.map((v, i) => Math.round(v * (1 - t) + b[i]! * t));

export function colorIcon(size = 192): Buffer {
  const badgeHalo = circle(0.72, 0.7, 0.2);
  return encodePng(size, size, (x, y) => {
    let rgb: number[] = [...BRAND];
    rgb = mix(rgb, [255, 255, 255], coverage(cut(person, badgeHalo), x, y, size));
    rgb = mix(rgb, GREEN, coverage(badge, x, y, size));
    rgb = mix(rgb, [255, 255, 255], coverage(check, x, y, size));
    return [rgb[0]!, rgb[1]!, rgb[2]!, 255];
  });
}

/** Teams wants the outline icon white on full transparency. */
export function outlineIcon(size = 32): Buffer {
  const stroke = 1.6 / size;
  const shape = union(
    ring(cut(person, circle(0.72, 0.7, 0.2)), stroke * 1.2),
    ring(badge, stroke * 1.2),
    tick(
      [
        [0.64, 0.7],
        [0.7, 0.76],
        [0.8, 0.63],
      ],
      stroke * 1.3,
    ),
  );
  return encodePng(size, size, (x, y) => [255, 255, 255, Math.round(255 * coverage(shape, x, y, size))]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = new URL('../manifest/teams/', import.meta.url);
  writeFileSync(new URL('color.png', dir), colorIcon());
  writeFileSync(new URL('outline.png', dir), outlineIcon());
  console.log('wrote manifest/teams/color.png (192×192) and manifest/teams/outline.png (32×32)');
}
