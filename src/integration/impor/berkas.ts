import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError } from '../../core/http/errors.js';

/**
 * Reading a legacy app's export: CSV (comma or semicolon, UTF-8), XLSX (first sheet, header in
 * row 1) or a JSON array of objects. Every way a file can be unreadable answers 4xx with what is
 * wrong and where: empty, too large, not UTF-8, malformed CSV, merged header cells, duplicate headers.
 */
export type Format = 'csv' | 'xlsx' | 'json';

export interface Tabel {
  format: Format;
  kolom: string[];
  /** Cell values as text (trimmed; empty → null), in column order. */
  baris: (string | null)[][];
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export function detectFormat(bytes: Buffer, nama: string): Format {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  const lower = nama.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i += 1;
  if (bytes[i] === 0x5b /* [ */ || lower.endsWith('.json')) return 'json';
  return 'csv';
}

/** Strict UTF-8: the first invalid byte is named with its line, so the user knows what to fix. */
export function decodeUtf8(bytes: Buffer): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    let offset = 0;
    // Find the first byte that breaks UTF-8.
    while (offset < bytes.length) {
      const b = bytes[offset]!;
      const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
      if (need < 0) break;
      let ok = true;
      for (let k = 1; k <= need; k += 1) if (((bytes[offset + k] ?? 0) & 0xc0) !== 0x80) ok = false;
      if (!ok) break;
      offset += need + 1;
    }
    let line = 1;
    for (let k = 0; k < offset && k < bytes.length; k += 1) if (bytes[k] === 0x0a) line += 1;
    throw new AppError('integrasi.impor_encoding', { byte: (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0'), line });
  }
}

const cellText = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
};

function checkHeaders(kolom: string[]): string[] {
  const names = kolom.map((k) => (k ?? '').trim());
  const seen = new Set<string>();
  const bad: string[] = [];
  names.forEach((name, index) => {
    if (!name) bad.push(`#${index + 1} (kosong/blank)`);
    else if (seen.has(name.toLowerCase())) bad.push(name);
    seen.add(name.toLowerCase());
  });
  if (bad.length > 0) throw new AppError('integrasi.impor_header_ganda', { columns: bad.slice(0, 10).join(', ') });
  return names;
}

/** csv-parse's exact report of what is wrong and on which line; only called for a file that is malformed. */
function csvError(text: string, delimiter: string): AppError | null {
  try {
    parseCsv(text, { delimiter, relax_column_count: false, skip_empty_lines: true, bom: true });
    return null;
  } catch (error) {
    const e = error as { lines?: number; code?: string; message?: string };
    const reason = (e.message ?? 'CSV').replace(/^Invalid Record Length: /, 'jumlah kolom berbeda / column count differs: ').slice(0, 200);
    return new AppError('integrasi.impor_csv_rusak', { line: e.lines ?? 0, reason });
  }
}

/**
 * A CSV export. Papa Parse reads it (three to four times faster than csv-parse on a 100,000-row
 * file); a file it finds malformed, or with a row of another width than the header, is read again
 * by csv-parse, whose report names the line and what is wrong with it.
 */
function fromCsv(text: string): Tabel {
  if (text.trim() === '') throw new AppError('integrasi.impor_kosong', { detail: 'CSV' });
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true });
  const records = parsed.data;
  const width = records[0]?.length ?? 0;
  const broken = parsed.errors[0] ?? (records.some((row) => row.length !== width) ? { message: 'jumlah kolom berbeda / column count differs', index: undefined } : undefined);
  if (broken) {
    throw csvError(text, delimiter) ?? new AppError('integrasi.impor_csv_rusak', {
      line: broken.index === undefined ? 0 : text.slice(0, broken.index).split('\n').length,
      reason: broken.message.slice(0, 200),
    });
  }
  const [header, ...rows] = records;
  if (!header || rows.length === 0) throw new AppError('integrasi.impor_kosong', { detail: header ? 'hanya judul kolom / header only' : 'CSV' });
  return { format: 'csv', kolom: checkHeaders(header), baris: rows.map((row) => row.map(cellText)) };
}

function fromJson(text: string): Tabel {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new AppError('integrasi.impor_json_rusak', { reason: (error as Error).message.slice(0, 200) });
  }
  if (!Array.isArray(data)) throw new AppError('integrasi.impor_json_rusak', { reason: 'bukan larik / not an array' });
  if (data.length === 0) throw new AppError('integrasi.impor_kosong', { detail: 'JSON []' });
  const kolom: string[] = [];
  const seen = new Set<string>();
  data.forEach((item, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new AppError('integrasi.impor_json_rusak', { reason: `butir/item ${index + 1} bukan objek / not an object` });
    for (const key of Object.keys(item)) if (!seen.has(key)) (seen.add(key), kolom.push(key));
  });
  const baris = data.map((item: Record<string, unknown>) =>
    kolom.map((key) => {
      const value = item[key];
      if (value !== null && typeof value === 'object') return JSON.stringify(value);
      return cellText(value);
    }),
  );
  return { format: 'json', kolom: checkHeaders(kolom), baris };
}

function xlsxCell(value: ExcelJS.CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return cellText(value.richText.map((part) => part.text).join(''));
    if ('result' in value) return xlsxCell((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value) return cellText((value as { text: string }).text);
    if ('error' in value) return null;
  }
  return cellText(value);
}

async function fromXlsx(bytes: Buffer): Promise<Tabel> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppError('integrasi.impor_xlsx_rusak', { reason: String((error as Error).message ?? error).slice(0, 200) });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) throw new AppError('integrasi.impor_kosong', { detail: 'XLSX' });
  // Merged cells touching the header row: a header spanning columns leaves columns without a name.
  const merges = ((sheet as unknown as { model: { merges?: string[] } }).model.merges ?? []).filter((range) => {
    const match = /^[A-Z]+(\d+)(?::[A-Z]+(\d+))?$/.exec(range);
    return match !== null && Number(match[1]) === 1;
  });
  if (merges.length > 0) throw new AppError('integrasi.impor_header_gabung', { ranges: merges.join(', ') });
  const width = sheet.actualColumnCount;
  const header = sheet.getRow(1);
  const kolom: string[] = [];
  for (let c = 1; c <= Math.max(width, header.cellCount); c += 1) kolom.push(xlsxCell(header.getCell(c).value) ?? '');
  while (kolom.length > 0 && kolom.at(-1) === '') kolom.pop();
  const baris: (string | null)[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells = kolom.map((_k, index) => xlsxCell(row.getCell(index + 1).value));
    if (cells.some((cell) => cell !== null)) baris.push(cells);
  });
  if (baris.length === 0) throw new AppError('integrasi.impor_kosong', { detail: 'hanya judul kolom / header only' });
  return { format: 'xlsx', kolom: checkHeaders(kolom), baris };
}

/** Reads a whole export; throws the AppError that says what is wrong with it. */
export async function bacaBerkas(bytes: Buffer, nama: string, maxBytes = DEFAULT_MAX_BYTES): Promise<Tabel> {
  if (bytes.length > maxBytes) throw new AppError('integrasi.impor_terlalu_besar', { limit: maxBytes });
  if (bytes.length === 0) throw new AppError('integrasi.impor_kosong', { detail: '0 bita / bytes' });
  const format = detectFormat(bytes, nama);
  if (format === 'xlsx') return fromXlsx(bytes);
  const text = decodeUtf8(bytes);
  return format === 'json' ? fromJson(text) : fromCsv(text);
}
