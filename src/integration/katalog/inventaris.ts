import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import { AppError, type FieldViolation } from '../../core/http/errors.js';
import type { Text } from '../../core/i18n/locale.js';
import type { Kernel } from '../../core/kernel.js';
import type { AnyDb } from '../db.js';
import {
  canManage, checkAplikasiFields, editableOf, insertAplikasi, normaliseAplikasi, resolveOpd, toAplikasi, writeAplikasi,
  type AplikasiRow, type NewAplikasi,
} from './aplikasi.js';

/**
 * Bulk import of the city's app inventory from CSV (UTF-8, `,` `;` or tab) or XLSX (first sheet,
 * header in the first non-empty row). One row per app; columns (Indonesian aliases accepted, case
 * and spaces ignored):
 *
 * | column | aliases | |
 * | --- | --- | --- |
 * | kode | kode_aplikasi, code, slug | required; a-z, 0-9, `-` (2–63) |
 * | nama | nama_aplikasi, aplikasi, name | required |
 * | jenis | jenis_aplikasi, kategori, tipe, kind, type | required for new apps; website, aplikasi_opd, e_kelurahan, e_spm, kepegawaian, absensi, e_audit, geospasial, pemetaan, lainnya |
 * | opd_kode | kode_opd, opd, opd_pemilik, pemilik, owner | OPD code in the registry |
 * | url | alamat, alamat_url, tautan, link, situs | http(s) |
 * | status | status_aplikasi, keadaan | aktif, nonaktif, pensiun (active, inactive, retired) |
 * | kontak_nama | nama_kontak, kontak, narahubung, pic, pengelola | |
 * | kontak_email | email, email_kontak, surel, e_mail | |
 * | kontak_telepon | telepon, no_hp, hp, telp, no_telepon | |
 * | deskripsi | keterangan, uraian, description | |
 * | dataset_produksi | produksi, data_dihasilkan, menghasilkan, produces | datasets separated by `,` `;` or `|` |
 * | dataset_konsumsi | konsumsi, data_dipakai, memakai, consumes | idem |
 *
 * Applying is an upsert by kode, all or nothing: a column left out keeps what is stored, an empty
 * cell clears it. Each created or changed app gets its history row, audit entry and event.
 */
export const INVENTARIS_COLUMNS = {
  kode: ['kode', 'kode_aplikasi', 'code', 'slug'],
  nama: ['nama', 'nama_aplikasi', 'aplikasi', 'name'],
  jenis: ['jenis', 'jenis_aplikasi', 'kategori', 'tipe', 'kind', 'type'],
  opd_kode: ['opd_kode', 'kode_opd', 'opd', 'opd_pemilik', 'pemilik', 'owner'],
  url: ['url', 'alamat', 'alamat_url', 'tautan', 'link', 'situs'],
  status: ['status', 'status_aplikasi', 'keadaan'],
  kontak_nama: ['kontak_nama', 'nama_kontak', 'kontak', 'narahubung', 'pic', 'pengelola'],
  kontak_email: ['kontak_email', 'email', 'email_kontak', 'surel', 'e_mail'],
  kontak_telepon: ['kontak_telepon', 'telepon', 'no_hp', 'hp', 'telp', 'no_telepon'],
  deskripsi: ['deskripsi', 'keterangan', 'uraian', 'description'],
  dataset_produksi: ['dataset_produksi', 'produksi', 'data_dihasilkan', 'menghasilkan', 'produces'],
  dataset_konsumsi: ['dataset_konsumsi', 'konsumsi', 'data_dipakai', 'memakai', 'consumes'],
} as const;
export type InventarisColumn = keyof typeof INVENTARIS_COLUMNS;

export const MAX_ROWS = 5000;
export const MAX_BYTES = 5 * 1024 * 1024;
/** A report lists at most this many rows with problems (the count says how many there are). */
export const MAX_REPORTED = 500;

const FIELD_OF: Record<InventarisColumn, keyof NewAplikasi> = {
  kode: 'kode', nama: 'nama', jenis: 'jenis', opd_kode: 'opdKode', url: 'url', status: 'status', kontak_nama: 'kontakNama',
  kontak_email: 'kontakEmail', kontak_telepon: 'kontakTelepon', deskripsi: 'deskripsi', dataset_produksi: 'datasetProduksi', dataset_konsumsi: 'datasetKonsumsi',
};

const JENIS_ALIASES: Record<string, string> = {
  opd: 'aplikasi_opd', aplikasi: 'aplikasi_opd', aplikasi_opd: 'aplikasi_opd', ekelurahan: 'e_kelurahan', espm: 'e_spm', spm: 'e_spm', eaudit: 'e_audit',
  audit: 'e_audit', hr: 'kepegawaian', simpeg: 'kepegawaian', attendance: 'absensi', eabsensi: 'absensi', e_absensi: 'absensi', geospatial: 'geospasial',
  gis: 'geospasial', mapping: 'pemetaan', peta: 'pemetaan', other: 'lainnya', lain: 'lainnya', lain_lain: 'lainnya', situs: 'website', web: 'website', portal: 'website',
};
const STATUS_ALIASES: Record<string, string> = {
  active: 'aktif', inactive: 'nonaktif', non_aktif: 'nonaktif', tidak_aktif: 'nonaktif', retired: 'pensiun', dipensiunkan: 'pensiun', tidak_dipakai: 'pensiun',
};

export type Format = 'csv' | 'xlsx';

interface Sheet {
  format: Format;
  headers: string[];
  rows: { line: number; cells: string[] }[];
}

const headerKey = (text: string) => text.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');

function detectFormat(bytes: Buffer, contentType: string | undefined): Format {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (contentType?.includes('spreadsheetml')) return 'xlsx';
  return 'csv';
}

function decodeCsv(bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw new AppError('integrasi.inventaris_encoding', { found: 'UTF-16' });
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) throw new AppError('integrasi.inventaris_format');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('integrasi.inventaris_encoding', { found: 'Windows-1252/Latin-1?' });
  }
}

function readCsv(bytes: Buffer): Sheet {
  const text = decodeCsv(bytes);
  const firstLine = text.slice(0, Math.max(0, text.search(/\r?\n|$/)));
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const delimiter = count('\t') > count(',') && count('\t') > count(';') ? '\t' : count(';') > count(',') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: true, info: true }) as never;
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    throw new AppError('integrasi.inventaris_csv_rusak', { line: e.lines ?? 1, reason: (e.message ?? 'CSV').slice(0, 200) });
  }
  const [header, ...rest] = records;
  if (!header) throw new AppError('integrasi.inventaris_kosong');
  return { format: 'csv', headers: header.record, rows: rest.map((r) => ({ line: r.info.lines, cells: r.record })) };
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('hyperlink' in value && 'text' in value) return String((value as { text: unknown }).text ?? (value as { hyperlink: string }).hyperlink);
    if ('result' in value) return String((value as { result?: unknown }).result ?? '');
    if ('error' in value) return '';
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('integrasi.inventaris_xlsx_rusak');
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw new AppError('integrasi.inventaris_kosong');
  let headerRow = 0;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (headerRow === 0 && (row.values as unknown[]).some((v) => v !== null && v !== undefined && String(v).trim() !== '')) headerRow = number;
  });
  if (headerRow === 0) throw new AppError('integrasi.inventaris_kosong');
  // A header cell merged with its neighbours leaves columns without a name of their own.
  const merges = ((sheet as unknown as { model: { merges?: string[] } }).model.merges ?? []).filter((range) => {
    const match = /^[A-Z]+(\d+)(?::[A-Z]+(\d+))?$/.exec(range);
    if (!match) return false;
    const top = Number(match[1]);
    const bottom = Number(match[2] ?? match[1]);
    return top <= headerRow && headerRow <= bottom;
  });
  if (merges.length > 0) throw new AppError('integrasi.inventaris_kepala_gabung', { cells: merges.join(', ') });
  const width = sheet.actualColumnCount;
  const header = sheet.getRow(headerRow);
  const headers: string[] = [];
  for (let c = 1; c <= Math.max(width, header.cellCount); c += 1) headers.push(cellText(header.getCell(c)));
  const rows: Sheet['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number <= headerRow) return;
    rows.push({ line: number, cells: headers.map((_h, index) => cellText(row.getCell(index + 1))) });
  });
  return { format: 'xlsx', headers, rows };
}

export async function readInventaris(bytes: Buffer, contentType?: string): Promise<Sheet> {
  if (bytes.length === 0) throw new AppError('integrasi.inventaris_kosong');
  const format = detectFormat(bytes, contentType);
  const sheet = format === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes);
  sheet.rows = sheet.rows.filter((row) => row.cells.some((cell) => cell.trim() !== ''));
  if (sheet.rows.length === 0) throw new AppError('integrasi.inventaris_kosong');
  if (sheet.rows.length > MAX_ROWS) throw new AppError('integrasi.inventaris_terlalu_banyak', { rows: sheet.rows.length, limit: MAX_ROWS });
  return sheet;
}

/** Which column of the file feeds which field; unknown columns are ignored (and reported). */
export function mapColumns(headers: string[]): { columns: Map<InventarisColumn, number>; used: { column: InventarisColumn; header: string }[]; ignored: string[] } {
  const columns = new Map<InventarisColumn, number>();
  const used: { column: InventarisColumn; header: string }[] = [];
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (!key) return;
    const column = (Object.keys(INVENTARIS_COLUMNS) as InventarisColumn[]).find((c) => (INVENTARIS_COLUMNS[c] as readonly string[]).includes(key));
    if (!column) return ignored.push(header.trim());
    if (columns.has(column)) throw new AppError('integrasi.inventaris_kolom_ganda', { column, headers: `${headers[columns.get(column)!]!.trim()}, ${header.trim()}` });
    columns.set(column, index);
    used.push({ column, header: header.trim() });
  });
  const missing = (['kode', 'nama'] as const).filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw new AppError('integrasi.inventaris_kolom_wajib', { columns: missing.join(', '), found: headers.map((h) => h.trim()).filter(Boolean).join(', ') || '-' });
  }
  return { columns, used, ignored };
}

const enumValue = (text: string, aliases: Record<string, string>) => {
  const key = headerKey(text);
  return aliases[key] ?? aliases[key.replace(/_/g, '')] ?? key;
};
const datasetList = (text: string) => text.split(/[,;|/\s]+/).map((d) => d.trim().toLowerCase()).filter(Boolean);

export type RowAction = 'create' | 'update' | 'unchanged' | 'invalid';

/** A broken rule of one row: the file's column, the API field, a rule of field-rules.ts or of ROW_RULES below. */
export interface RowProblem {
  column: string;
  field: string;
  rule: string;
  params?: Record<string, string | number>;
}

/** Rules only the inventory has (the others are the platform's field rules). */
export const ROW_RULES: Record<string, Text> = {
  'inventaris.kode_ganda': { id: 'Kode ini sudah ada di baris {line}.', en: 'This code already appears on line {line}.' },
  'inventaris.bukan_wewenang': { id: 'Anda tidak mengelola OPD pemilik aplikasi ini.', en: 'You do not manage the agency that owns this app.' },
};

export interface RowReport {
  line: number;
  kode: string;
  action: RowAction;
  changed: string[];
  problems: RowProblem[];
}

export interface InventarisReport {
  format: Format;
  applied: boolean;
  summary: { rows: number; create: number; update: number; unchanged: number; invalid: number };
  columns: { used: { column: InventarisColumn; header: string }[]; ignored: string[] };
  rows: RowReport[];
  /** True when more rows had problems than the report lists. */
  truncated: boolean;
  /** Ids of the apps changed when applied (not sent to the client). */
  touched: string[];
}

interface Planned {
  report: RowReport;
  input: NewAplikasi;
  existing: AplikasiRow | null;
}

/** Reads and checks every row against the catalogue as it is; nothing is written. */
async function plan(db: AnyDb, access: Access, sheet: Sheet): Promise<{ planned: Planned[]; used: InventarisReport['columns'] }> {
  const { columns, used, ignored } = mapColumns(sheet.headers);
  const headerOf = (column: InventarisColumn) => sheet.headers[columns.get(column)!]!.trim();
  const kodes = [...new Set(sheet.rows.map((row) => (row.cells[columns.get('kode')!] ?? '').trim().toLowerCase()).filter(Boolean))];
  const existingRows = kodes.length
    ? (await sql<AplikasiRow>`SELECT * FROM integrasi.aplikasi WHERE kode = ANY(${kodes}::text[])`.execute(db)).rows
    : [];
  const existing = new Map(existingRows.map((row) => [row.kode, row]));
  const opdCache = new Map<string, Awaited<ReturnType<typeof resolveOpd>>>();
  const firstLine = new Map<string, number>();
  const planned: Planned[] = [];

  for (const row of sheet.rows) {
    const cell = (column: InventarisColumn): string | undefined => (columns.has(column) ? (row.cells[columns.get(column)!] ?? '').trim() : undefined);
    const kode = (cell('kode') ?? '').toLowerCase();
    const before = existing.get(kode) ?? null;
    const base: NewAplikasi = before
      ? (editableOf(toAplikasi(before)) as unknown as NewAplikasi)
      : { kode, nama: '', jenis: '' as never, status: 'aktif', datasetProduksi: [], datasetKonsumsi: [] };
    const input: NewAplikasi = { ...base, kode };
    const problems: RowReport['problems'] = [];
    const problem = (column: InventarisColumn, violation: Omit<RowProblem, 'column'> | FieldViolation) => problems.push({ ...violation, field: column, column: headerOf(column) });

    for (const column of Object.keys(FIELD_OF) as InventarisColumn[]) {
      const text = cell(column);
      if (text === undefined || column === 'kode') continue;
      const field = FIELD_OF[column];
      if (column === 'jenis') input.jenis = (text ? enumValue(text, JENIS_ALIASES) : '') as never;
      else if (column === 'status') input.status = (text ? enumValue(text, STATUS_ALIASES) : 'aktif') as never;
      else if (column === 'dataset_produksi' || column === 'dataset_konsumsi') (input as unknown as Record<string, unknown>)[field] = datasetList(text);
      else (input as unknown as Record<string, unknown>)[field] = text === '' ? (column === 'nama' ? '' : null) : text;
    }
    const normalised = normaliseAplikasi(input);
    if (!kode) problem('kode', { field: 'kode', rule: 'required' });
    else if (firstLine.has(kode)) problem('kode', { field: 'kode', rule: 'inventaris.kode_ganda', params: { line: firstLine.get(kode)! } });
    else firstLine.set(kode, row.line);
    if (!normalised.nama) problem('nama', { field: 'nama', rule: 'required' });
    if (!normalised.jenis) problem(columns.has('jenis') ? 'jenis' : 'kode', { field: 'jenis', rule: 'required' });
    const columnOf = Object.fromEntries(Object.entries(FIELD_OF).map(([c, f]) => [f, c])) as Record<string, InventarisColumn>;
    for (const v of checkAplikasiFields(normalised)) {
      if ((v.field === 'nama' && !normalised.nama) || (v.field === 'jenis' && !normalised.jenis) || (v.field === 'kode' && !kode)) continue;
      const column = columnOf[v.field] ?? 'kode';
      problem(columns.has(column) ? column : 'kode', v);
    }
    if (normalised.opdKode) {
      const key = normalised.opdKode.toLowerCase();
      if (!opdCache.has(key)) opdCache.set(key, await resolveOpd(db, normalised.opdKode));
      const opd = opdCache.get(key)!;
      if (opd.violation) problem('opd_kode', opd.violation);
      else normalised.opdKode = opd.kode;
    }
    // Whoever imports must manage the app as it is and as it will be (an operator: their OPD's apps).
    if (kode && ((before && !canManage(access, before)) || !canManage(access, { opd_kode: normalised.opdKode ?? null }))) {
      problem(columns.has('opd_kode') ? 'opd_kode' : 'kode', { field: 'opdKode', rule: 'inventaris.bukan_wewenang', params: { kode } });
    }
    let action: RowAction = problems.length > 0 ? 'invalid' : before ? 'update' : 'create';
    let changed: string[] = [];
    if (action === 'update') {
      const was = editableOf(toAplikasi(before!));
      const now = editableOf(normalised);
      changed = Object.keys(now).filter((key) => JSON.stringify(was[key]) !== JSON.stringify(now[key]));
      if (changed.length === 0) action = 'unchanged';
    }
    planned.push({ report: { line: row.line, kode, action, changed, problems }, input: normalised, existing: before });
  }
  return { planned, used: { used, ignored } };
}

export class InventarisInvalid extends AppError {
  constructor(readonly report: InventarisReport) {
    super('integrasi.inventaris_invalid', { count: report.summary.invalid });
  }
}

function reportOf(format: Format, planned: Planned[], columns: InventarisReport['columns'], applied: boolean): InventarisReport {
  const count = (action: RowAction) => planned.filter((p) => p.report.action === action).length;
  const invalid = planned.filter((p) => p.report.action === 'invalid');
  // Rows with problems first (at most MAX_REPORTED), then the others while the report stays small.
  const listed = invalid.length > 0 ? invalid.slice(0, MAX_REPORTED) : planned.slice(0, MAX_REPORTED);
  return {
    format,
    applied,
    summary: { rows: planned.length, create: count('create'), update: count('update'), unchanged: count('unchanged'), invalid: invalid.length },
    columns,
    rows: listed.map((p) => p.report),
    truncated: (invalid.length > 0 ? invalid.length : planned.length) > listed.length,
    touched: [],
  };
}

/**
 * Dry-run (apply=false): the per-row report. Apply: the same checks, then every row in one
 * transaction; when any row fails, 422 with the report and nothing stored.
 */
export async function importInventaris(kernel: Kernel, actor: Actor, access: Access, bytes: Buffer, contentType: string | undefined, apply: boolean): Promise<InventarisReport> {
  const sheet = await readInventaris(bytes, contentType);
  const first = await plan(kernel.db, access, sheet);
  const dry = reportOf(sheet.format, first.planned, first.used, false);
  if (!apply) return dry;
  if (dry.summary.invalid > 0) throw new InventarisInvalid(dry);
  return kernel.db.transaction().execute(async (trx) => {
    // Re-checked under lock: two imports (or an import and an edit) do not interleave.
    await sql`SELECT pg_advisory_xact_lock(hashtext('integrasi.inventaris'))`.execute(trx);
    const { planned, used } = await plan(trx, access, sheet);
    const report = reportOf(sheet.format, planned, used, true);
    if (report.summary.invalid > 0) throw new InventarisInvalid({ ...report, applied: false });
    for (const p of planned) {
      if (p.report.action === 'create') {
        const created = await insertAplikasi(trx, kernel, actor, p.input);
        if (!created) throw new AppError('integrasi.aplikasi_kode_dipakai', { kode: p.input.kode });
      } else if (p.report.action === 'update') {
        const locked = (await sql<AplikasiRow>`SELECT * FROM integrasi.aplikasi WHERE id = ${p.existing!.id} FOR UPDATE`.execute(trx)).rows[0]!;
        await writeAplikasi(trx, kernel, actor, locked, p.input, { sumber: 'inventaris' });
        report.touched.push(locked.id);
      }
    }
    await recordAudit(trx, actor, {
      action: 'aplikasi.inventaris_diimpor',
      entityType: 'aplikasi',
      entityId: null,
      after: { format: sheet.format, ...report.summary },
    });
    return report;
  });
}
