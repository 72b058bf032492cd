import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../core/db/schema.js';
import { AppError, type FieldViolation } from '../../core/http/errors.js';
import { maskValue } from '../../core/privacy/mask.js';
import { getPendudukLengkap, kodeLists } from '../../registry/penduduk/index.js';
import { getWilayah } from '../../registry/wilayah/index.js';
import { formatTanggal } from './dokumen/index.js';
import type { FieldDef } from './katalog.js';

/**
 * The holder of a letter as the registry knows them, in the words a letter prints: read once
 * at submission and kept with the request, so the letter shows what was checked.
 */
export interface Pemohon {
  nik: string;
  nama: string;
  noKk: string;
  jenisKelamin: 'L' | 'P';
  tempatLahir: string;
  tanggalLahir: string;
  agama: string;
  pendidikan: string;
  pekerjaan: string;
  statusKawin: string;
  kewarganegaraan: string;
  alamat: string;
  rt: string;
  rw: string;
  kodeKelurahan: string;
  kodeKecamatan: string;
  kelurahan: string;
  kecamatan: string;
  kota: string;
}

/** `BATANG ARAU` → `Batang Arau` (the wilayah registry keeps names in capitals). */
export function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s(/-])(\p{L})/gu, (_all, before: string, letter: string) => before + letter.toUpperCase());
}

let kodeNames: Promise<Record<string, Map<number, string>>> | null = null;

/** The registry's code lists (agama, pekerjaan, …) by number; reference data, read once per process. */
function names(db: Kysely<DB>): Promise<Record<string, Map<number, string>>> {
  kodeNames ??= kodeLists(db)
    .then((lists) => Object.fromEntries(Object.entries(lists).map(([list, items]) => [list, new Map(items.map((i) => [i.kode, i.nama]))])))
    .catch((error) => {
      kodeNames = null;
      throw error;
    });
  return kodeNames;
}

/**
 * Region names change by decree, rarely; each submission and draft needs three of them. They are
 * kept per process for a few minutes, so a renamed region shows up on letters within minutes.
 */
const WILAYAH_NAME_TTL_MS = 5 * 60_000;
const wilayahNames = new Map<string, { nama: string | null; at: number }>();

async function wilayahNama(db: Kysely<DB>, kode: string): Promise<string | null> {
  const cached = wilayahNames.get(kode);
  if (cached && Date.now() - cached.at < WILAYAH_NAME_TTL_MS) return cached.nama;
  const nama = (await getWilayah(db, kode))?.nama ?? null;
  if (wilayahNames.size > 5_000) wilayahNames.clear();
  wilayahNames.set(kode, { nama, at: Date.now() });
  return nama;
}

export const kodeKecamatanOf = (kodeKelurahan: string) => kodeKelurahan.split('.').slice(0, 3).join('.');

/** The holder by NIK, or null when the registry does not know them (or they are archived or not living). */
export async function readPemohon(db: Kysely<DB>, nik: string): Promise<Pemohon | null> {
  const p = await getPendudukLengkap(db, nik);
  if (!p || p.archivedAt || p.status !== 'hidup' || !p.tanggalLahir) return null;
  const lists = await names(db);
  const kodeKecamatan = kodeKecamatanOf(p.kodeKelurahan);
  const [kelurahan, kecamatan, kota] = await Promise.all([
    wilayahNama(db, p.kodeKelurahan),
    wilayahNama(db, kodeKecamatan),
    wilayahNama(db, kodeKecamatan.split('.').slice(0, 2).join('.')),
  ]);
  const name = (list: string, kode: number) => lists[list]?.get(kode) ?? String(kode);
  return {
    nik: p.nik,
    nama: p.nama,
    noKk: p.noKk,
    jenisKelamin: p.jenisKelamin,
    tempatLahir: p.tempatLahir,
    tanggalLahir: p.tanggalLahir,
    agama: name('agama', p.agama),
    pendidikan: name('pendidikan', p.pendidikan),
    pekerjaan: name('pekerjaan', p.pekerjaan),
    statusKawin: name('statusKawin', p.statusKawin),
    kewarganegaraan: p.kewarganegaraan === 'WNI' ? 'Indonesia' : p.kewarganegaraan,
    alamat: p.alamat,
    rt: p.rt,
    rw: p.rw,
    kodeKelurahan: p.kodeKelurahan,
    kodeKecamatan,
    kelurahan: titleCase(kelurahan ?? p.kodeKelurahan),
    kecamatan: titleCase(kecamatan ?? kodeKecamatan),
    kota: titleCase(kota ?? ''),
  };
}

/**
 * The holder as staff see them (queues, a request, the counter's pre-fill): NIK, No. KK and the
 * birth date masked, as in the registry's default view. The full record stays behind the
 * registry's reason-and-log path; the issued letter carries the full data.
 */
export function maskPemohon(pemohon: Pemohon): Pemohon {
  return { ...pemohon, nik: maskValue(pemohon.nik), noKk: maskValue(pemohon.noKk), tanggalLahir: `${pemohon.tanggalLahir.slice(0, 4)}-**-**` };
}

const rupiah = (n: number) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 }).format(n);

/** What `[placeholder]`s print: the holder's data, then the form's values (dates in words, numbers with dots). */
export function placeholderValues(pemohon: Pemohon, fields: FieldDef[], data: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {
    nama: pemohon.nama,
    nik: pemohon.nik,
    no_kk: pemohon.noKk,
    tempat_lahir: pemohon.tempatLahir,
    tanggal_lahir: formatTanggal(pemohon.tanggalLahir),
    ttl: `${pemohon.tempatLahir}, ${formatTanggal(pemohon.tanggalLahir)}`,
    jenis_kelamin: pemohon.jenisKelamin === 'L' ? 'Laki-laki' : 'Perempuan',
    agama: pemohon.agama,
    pekerjaan: pemohon.pekerjaan,
    pendidikan: pemohon.pendidikan,
    status_kawin: pemohon.statusKawin,
    kewarganegaraan: pemohon.kewarganegaraan,
    alamat: `${pemohon.alamat}, RT ${pemohon.rt}/RW ${pemohon.rw}, Kelurahan ${pemohon.kelurahan}, Kecamatan ${pemohon.kecamatan}`,
    rt: pemohon.rt,
    rw: pemohon.rw,
    kelurahan: pemohon.kelurahan,
    kecamatan: pemohon.kecamatan,
    kota: pemohon.kota,
  };
  for (const field of fields) {
    const value = data[field.name];
    if (value === undefined || value === null || value === '') continue;
    if (field.type === 'date' && typeof value === 'string') values[field.name] = formatTanggal(value);
    else if (field.type === 'number' && typeof value === 'number') values[field.name] = rupiah(value);
    else values[field.name] = String(value);
  }
  return values;
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function validDay(text: string): boolean {
  if (!ISO_DAY.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text && text >= '1900-01-01' && text <= '2199-12-31';
}

/** Checks the form's values against the letter's fields; returns them cleaned, or throws 422 naming each broken rule. */
export function checkData(fields: FieldDef[], data: Record<string, unknown>): Record<string, string | number> {
  const v: FieldViolation[] = [];
  const out: Record<string, string | number> = {};
  const known = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(data)) if (!known.has(key)) v.push({ field: `data/${key}`, rule: 'additionalProperties', params: { property: key } });
  for (const f of fields) {
    const at = `data/${f.name}`;
    const raw = data[f.name];
    const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (empty) {
      if (f.required) v.push({ field: at, rule: 'required' });
      continue;
    }
    switch (f.type) {
      case 'text': {
        if (typeof raw !== 'string') { v.push({ field: at, rule: 'type', params: { type: 'string' } }); break; }
        const text = raw.trim();
        if (CONTROL.test(text)) v.push({ field: at, rule: 'pattern' });
        else if (f.minLength !== undefined && text.length < f.minLength) v.push({ field: at, rule: 'minLength', params: { limit: f.minLength } });
        else if (text.length > (f.maxLength ?? 500)) v.push({ field: at, rule: 'maxLength', params: { limit: f.maxLength ?? 500 } });
        else out[f.name] = text;
        break;
      }
      case 'number': {
        const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
        if (!Number.isFinite(n)) v.push({ field: at, rule: 'type', params: { type: 'number' } });
        else if (f.min !== undefined && n < f.min) v.push({ field: at, rule: 'minimum', params: { limit: f.min } });
        else if (f.max !== undefined && n > f.max) v.push({ field: at, rule: 'maximum', params: { limit: f.max } });
        else out[f.name] = n;
        break;
      }
      case 'date':
        if (typeof raw !== 'string' || !validDay(raw.trim())) v.push({ field: at, rule: 'format', params: { format: 'date' } });
        else out[f.name] = raw.trim();
        break;
      case 'select':
        if (typeof raw !== 'string' || !(f.options ?? []).includes(raw)) v.push({ field: at, rule: 'enum', params: { allowed: (f.options ?? []).join(', ') } });
        else out[f.name] = raw;
        break;
    }
  }
  if (v.length > 0) throw new AppError('layanan.data_invalid', {}, v);
  return out;
}

/** Easy to read aloud and type: no 0/O, 1/I/L. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A tracking code: 10 characters from a 31-letter alphabet (≈ 49.5 bits), crypto-random and uniform. */
export function kodeLacak(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** A typed code: case and separators ignored (`k7qm-2xpa-9h` → `K7QM2XPA9H`); null when it cannot be one. */
export function normaliseKode(text: string): string | null {
  const code = text.toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z0-9]{10}$/.test(code) ? code : null;
}
