import jsQRModule from 'jsqr';
import { inspectPdf, type FilledRect } from '../../src/modules/layanan/dokumen/inspect.js';

// jsqr is CommonJS with a `default` property on its export; its types describe only the ES default.
const jsQR = (jsQRModule as unknown as { default: typeof jsQRModule.default }).default;

export function boundingBox(rects: readonly FilledRect[]) {
  const left = Math.min(...rects.map((r) => r.x));
  const top = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { left, top, right, bottom };
}

/** Rebuilds the module grid from the squares a letter's QR code is drawn with (one module high each). */
export function drawnGrid(rects: readonly FilledRect[], size = Math.round((boundingBox(rects).right - boundingBox(rects).left) / Math.min(...rects.map((r) => r.height)))): boolean[][] {
  const box = boundingBox(rects);
  const module = (box.right - box.left) / size;
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const r of rects) {
    const row = Math.round((r.y - box.top) / module);
    const col = Math.round((r.x - box.left) / module);
    const cols = Math.round(r.width / module);
    if (Math.round(r.height / module) !== 1) throw new Error('a QR square is not one module high');
    for (let c = col; c < col + cols; c++) grid[row]![c] = true;
  }
  return grid;
}

/** Paints a module grid as an RGBA image with a quiet zone, for the QR decoder. */
export function rasterize(grid: boolean[][], pixels = 4, quiet = 4) {
  const size = grid.length;
  const side = (size + 2 * quiet) * pixels;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const row = Math.floor(y / pixels) - quiet;
      const col = Math.floor(x / pixels) - quiet;
      if (grid[row]?.[col]) {
        const at = (y * side + x) * 4;
        data[at] = data[at + 1] = data[at + 2] = 0;
      }
    }
  }
  return { data, side };
}

/** What the QR code on the last page of a letter says, as a phone scanning it would read it. */
export function decodeQr(grid: boolean[][]): string | null {
  const { data, side } = rasterize(grid);
  return jsQR(data, side, side)?.data ?? null;
}

export function qrOfPdf(pdf: Buffer): string | null {
  const page = inspectPdf(pdf).pages.at(-1);
  if (!page || page.rects.length === 0) return null;
  return decodeQr(drawnGrid(page.rects));
}
