// Draws the application icon and writes assets/icon.png (512 px, Linux and the README) and
// assets/icon.ico (16, 24, 32, 48, 64, 128 and 256 px, each drawn at its own size). The drawing is a
// blue rounded square with a white circular "update" arrow around a green check mark.
// Deterministic: the same bytes on every run (pngjs and png-to-ico write no time stamps).
//   node scripts/make-icon.mjs            write the files
//   node scripts/make-icon.mjs --check    exit 1 if the files differ from what the script draws
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { imagesToIco } from 'png-to-ico';
import pngjs from 'pngjs';

const { PNG } = pngjs;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
export const PNG_SIZE = 512;
const SAMPLES = 4; // per axis: 16 samples a pixel for smooth edges

const BACKGROUND = [30, 99, 181];
const WHITE = [255, 255, 255];
const GREEN = [126, 224, 138];

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function insideRoundedSquare(x, y) {
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return x >= 0 && x <= 1 && y >= 0 && y <= 1 && Math.hypot(x - cx, y - cy) <= r;
}

function insideTriangle(x, y, [a, b, c]) {
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const s1 = side(a, b);
  const s2 = side(b, c);
  const s3 = side(c, a);
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

// The arrow: a ring open between -75° and -20° (y grows downwards), with its head at the -20° end.
const RING = { cx: 0.5, cy: 0.5, inner: 0.25, outer: 0.33, gapFrom: (-75 * Math.PI) / 180, gapTo: (-20 * Math.PI) / 180 };
const HEAD = (() => {
  const a = RING.gapTo;
  const mid = (RING.inner + RING.outer) / 2;
  const along = [-Math.sin(a), Math.cos(a)]; // direction of travel (clockwise on screen) at the gap's end
  const out = [Math.cos(a), Math.sin(a)];
  const base = [RING.cx + mid * out[0], RING.cy + mid * out[1]];
  const half = 0.09;
  return [
    [base[0] + out[0] * half, base[1] + out[1] * half],
    [base[0] - out[0] * half, base[1] - out[1] * half],
    [base[0] - along[0] * 0.17, base[1] - along[1] * 0.17],
  ];
})();

/** The colour at a point of the unit square, or null outside the icon. */
function colourAt(x, y) {
  if (!insideRoundedSquare(x, y)) return null;
  if (segmentDistance(x, y, 0.37, 0.51, 0.47, 0.61) <= 0.045 || segmentDistance(x, y, 0.47, 0.61, 0.64, 0.4) <= 0.045) return GREEN;
  const d = Math.hypot(x - RING.cx, y - RING.cy);
  const angle = Math.atan2(y - RING.cy, x - RING.cx);
  if (d >= RING.inner && d <= RING.outer && !(angle > RING.gapFrom && angle < RING.gapTo)) return WHITE;
  if (insideTriangle(x, y, HEAD)) return WHITE;
  return BACKGROUND;
}

/** An RGBA image of `size` × `size` pixels, each the average of SAMPLES² points. */
export function drawIcon(size) {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = colourAt((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered++;
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = covered ? Math.round(r / covered) : 0;
      png.data[i + 1] = covered ? Math.round(g / covered) : 0;
      png.data[i + 2] = covered ? Math.round(b / covered) : 0;
      png.data[i + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
    }
  }
  return png;
}

export function iconFiles() {
  const png = PNG.sync.write(drawIcon(PNG_SIZE), { colorType: 6 });
  const ico = imagesToIco(ICO_SIZES.map((size) => drawIcon(size)));
  return { 'icon.png': png, 'icon.ico': ico };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = iconFiles();
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [name, bytes] of Object.entries(files)) {
    const path = join(root, 'assets', name);
    if (check) {
      const current = await readFile(path).catch(() => null);
      if (!current || !current.equals(bytes)) {
        console.error(`make-icon: assets/${name} differs from what scripts/make-icon.mjs draws; run it.`);
        stale = true;
      }
    } else {
      await writeFile(path, bytes);
      console.log(`wrote assets/${name} (${bytes.length} bytes)`);
    }
  }
  if (stale) process.exitCode = 1;
}
