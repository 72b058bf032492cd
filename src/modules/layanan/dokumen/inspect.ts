/**
 * Reads back what renderSurat drew, for tests: the pages in order, each page's text runs (with their
 * position and font) and filled rectangles (the QR code's modules). It understands the PDFs that
 * pdfkit writes (plain objects, Flate-compressed content streams, standard fonts in WinAnsi) and is
 * not a general PDF parser.
 */
import zlib from 'node:zlib';

export interface TextRun {
  x: number; // left edge, points from the page's left
  y: number; // baseline position, points from the page's top
  font: string; // e.g. 'Times-Bold'
  size: number;
  text: string;
}

export interface FilledRect {
  x: number; // points from the left
  y: number; // top edge, points from the page's top
  width: number;
  height: number;
}

export interface InspectedPage {
  width: number;
  height: number;
  runs: TextRun[];
  rects: FilledRect[];
  /** The runs joined line by line, in drawing order. */
  text: string;
}

export interface InspectedPdf {
  pages: InspectedPage[];
  /** The Info dictionary, its values as written (strings in parentheses, dates as 'D:…Z'). */
  info: Record<string, string>;
  /** The trailer's file identifier (hex). */
  id: string;
  /** All pages' text. */
  text: string;
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const source = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(source))) {
    const id = Number(match[1]);
    const start = header.lastIndex;
    const streamAt = source.indexOf('stream\n', start);
    const endAt = source.indexOf('endobj', start);
    if (streamAt !== -1 && streamAt < endAt) {
      const dict = source.slice(start, streamAt);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? NaN);
      if (!Number.isFinite(length)) throw new Error(`object ${id}: stream without /Length`);
      const raw = pdf.subarray(streamAt + 7, streamAt + 7 + length);
      const stream = /\/Filter \/FlateDecode/.test(dict) ? zlib.inflateSync(raw) : Buffer.from(raw);
      objects.set(id, { dict, stream });
      header.lastIndex = source.indexOf('endobj', streamAt + 7 + length) + 6;
    } else {
      objects.set(id, { dict: source.slice(start, endAt), stream: null });
      header.lastIndex = endAt + 6;
    }
  }
  return objects;
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

type Token = { kind: 'num'; value: number } | { kind: 'name'; value: string } | { kind: 'str'; value: string } | { kind: 'op'; value: string } | { kind: 'array'; value: Token[] };

function tokenize(content: string): Token[] {
  const stack: Token[][] = [[]];
  let i = 0;
  const push = (t: Token) => stack[stack.length - 1]!.push(t);
  while (i < content.length) {
    const c = content[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '[') {
      stack.push([]);
      i++;
    } else if (c === ']') {
      const items = stack.pop()!;
      push({ kind: 'array', value: items });
      i++;
    } else if (c === '<' && content[i + 1] !== '<') {
      const end = content.indexOf('>', i);
      const hex = content.slice(i + 1, end).replace(/\s/g, '');
      push({ kind: 'str', value: Buffer.from(hex, 'hex').toString('latin1') });
      i = end + 1;
    } else if (c === '(') {
      let depth = 1;
      let j = i + 1;
      let out = '';
      while (j < content.length && depth > 0) {
        const ch = content[j]!;
        if (ch === '\\') {
          out += content[j + 1] ?? '';
          j += 2;
          continue;
        }
        if (ch === '(') depth++;
        if (ch === ')') depth--;
        if (depth > 0) out += ch;
        j++;
      }
      push({ kind: 'str', value: out });
      i = j;
    } else if (c === '/') {
      const m = /^\/[^\s/[\]()<>]+/.exec(content.slice(i))!;
      push({ kind: 'name', value: m[0].slice(1) });
      i += m[0].length;
    } else {
      const m = /^[^\s/[\]()<>]+/.exec(content.slice(i));
      if (!m) {
        i++;
        continue;
      }
      const word = m[0];
      if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(word)) push({ kind: 'num', value: Number(word) });
      else push({ kind: 'op', value: word });
      i += word.length;
    }
  }
  return stack[0]!;
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

function readPage(content: string, fonts: Map<string, string>, width: number, height: number): InspectedPage {
  const runs: TextRun[] = [];
  const rects: FilledRect[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const saved: Matrix[] = [];
  let textMatrix: Matrix = [1, 0, 0, 1, 0, 0];
  let font = '';
  let size = 0;
  let pendingRects: FilledRect[] = [];
  let operands: Token[] = [];
  const num = (k: number) => (operands[operands.length - k] as { value: number }).value;
  for (const token of tokenize(content)) {
    if (token.kind !== 'op') {
      operands.push(token);
      continue;
    }
    switch (token.value) {
      case 'q':
        saved.push(ctm);
        break;
      case 'Q':
        ctm = saved.pop() ?? [1, 0, 0, 1, 0, 0];
        break;
      case 'cm':
        ctm = multiply([num(6), num(5), num(4), num(3), num(2), num(1)], ctm);
        break;
      case 'Tm':
        textMatrix = [num(6), num(5), num(4), num(3), num(2), num(1)];
        break;
      case 'Tf':
        font = fonts.get((operands[operands.length - 2] as { value: string }).value) ?? '?';
        size = num(1);
        break;
      case 'TJ':
      case 'Tj': {
        const arg = operands[operands.length - 1]!;
        const parts = arg.kind === 'array' ? arg.value : [arg];
        // A large negative adjustment is the word spacing of justified text: read it as a space.
        const text = parts.map((p) => (p.kind === 'str' ? p.value : p.kind === 'num' && p.value < -100 ? ' ' : '')).join('');
        const [dx, dy] = apply(multiply(textMatrix, ctm), 0, 0);
        runs.push({ x: dx, y: height - dy, font, size, text });
        break;
      }
      case 're': {
        const [x0, y0] = apply(ctm, num(4), num(3));
        const [x1, y1] = apply(ctm, num(4) + num(2), num(3) + num(1));
        const top = Math.min(height - y0, height - y1);
        pendingRects.push({ x: Math.min(x0, x1), y: top, width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) });
        break;
      }
      case 'f':
      case 'F':
      case 'f*':
        rects.push(...pendingRects);
        pendingRects = [];
        break;
      case 'n':
      case 'S':
      case 's':
        pendingRects = [];
        break;
    }
    operands = [];
  }
  const lines: string[] = [];
  let lastY: number | null = null;
  for (const run of runs) {
    if (lastY !== null && Math.abs(run.y - lastY) < 0.5) lines[lines.length - 1] += ` ${run.text}`;
    else lines.push(run.text);
    lastY = run.y;
  }
  return { width, height, runs, rects, text: lines.join('\n') };
}

export function inspectPdf(pdf: Buffer): InspectedPdf {
  const objects = readObjects(pdf);
  const trailer = pdf.toString('latin1').slice(pdf.toString('latin1').lastIndexOf('trailer'));
  const rootId = ref(trailer, 'Root');
  const infoId = ref(trailer, 'Info');
  if (rootId === null) throw new Error('no /Root in trailer');
  const pagesId = ref(objects.get(rootId)!.dict, 'Pages')!;
  const kids = /\/Kids \[([^\]]*)\]/.exec(objects.get(pagesId)!.dict)?.[1] ?? '';
  const pageIds = [...kids.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  const pages = pageIds.map((id) => {
    const page = objects.get(id)!.dict;
    const box = /\/MediaBox \[([^\]]*)\]/.exec(page)![1]!.trim().split(/\s+/).map(Number);
    const resources = objects.get(ref(page, 'Resources')!)!.dict;
    const fonts = new Map<string, string>();
    const fontDict = /\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    for (const m of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      fonts.set(m[1]!, /\/BaseFont \/(\S+)/.exec(objects.get(Number(m[2]))!.dict)?.[1] ?? '?');
    }
    const content = objects.get(ref(page, 'Contents')!)!.stream!.toString('latin1');
    return readPage(content, fonts, box[2]!, box[3]!);
  });
  const info: Record<string, string> = {};
  const infoDict = infoId === null ? '' : objects.get(infoId)!.dict;
  for (const m of infoDict.matchAll(/\/(\w+) (?:(\d+) 0 R|(\([^)]*\)|<[^>]*>))/g)) {
    info[m[1]!] = (m[2] ? objects.get(Number(m[2]))!.dict : m[3]!).trim();
  }
  return {
    pages,
    info,
    id: /\/ID \[<([0-9a-f]+)>/i.exec(trailer)?.[1] ?? '',
    text: pages.map((p) => p.text).join('\n'),
  };
}
