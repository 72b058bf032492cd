import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { systemActor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import { AppError, type FieldViolation } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { assertCurrent, expectedVersion } from '../../registry/kernel/etag.js';
import { changedFields, readHistory, writeHistory, type HistoryEntry } from '../../registry/kernel/history.js';
import { DEFAULT_FORMAT_NOMOR, SEED_JENIS } from './data.js';
import { checkFormatNomor } from './nomor.js';
import type { AnyDb } from './tables.js';

/** A typed input on a letter's form, filled by the resident (or the counter). */
export interface FieldDef {
  name: string;
  label: { id: string; en: string };
  type: 'text' | 'number' | 'date' | 'select';
  required: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  options?: string[];
}

export interface SyaratDef {
  name: string;
  label: string;
  required: boolean;
}

export interface Template {
  judul: string;
  pembuka: string;
  /** The holder's data table: [label, text with placeholders]; a standard table when absent. */
  rincian?: [string, string][];
  isi: string[];
}

export interface MasaBerlaku {
  nilai: number;
  satuan: 'hari' | 'bulan';
}

export interface JenisInput {
  kode: string;
  kodeSurat: string;
  nama: string;
  deskripsi?: string | null;
  fields: FieldDef[];
  syarat: SyaratDef[];
  slaHari: number;
  penandatangan: 'lurah' | 'sekretaris';
  masaBerlaku: MasaBerlaku | null;
  template: Template;
  online: boolean;
  formatNomor?: string;
}

export interface Jenis extends Required<Omit<JenisInput, 'deskripsi'>> {
  id: string;
  deskripsi: string | null;
  version: number;
  archivedAt: string | null;
  archiveReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What the registry fills in every letter: the holder's data and the place. */
export const REGISTRY_PLACEHOLDERS = [
  'nama', 'nik', 'no_kk', 'tempat_lahir', 'tanggal_lahir', 'ttl', 'jenis_kelamin', 'agama', 'pekerjaan', 'pendidikan',
  'status_kawin', 'kewarganegaraan', 'alamat', 'rt', 'rw', 'kelurahan', 'kecamatan', 'kota',
] as const;

export const DEFAULT_RINCIAN: [string, string][] = [
  ['Nama', '[nama]'], ['NIK', '[nik]'], ['Tempat/Tgl. Lahir', '[ttl]'], ['Jenis Kelamin', '[jenis_kelamin]'], ['Agama', '[agama]'],
  ['Pekerjaan', '[pekerjaan]'], ['Status Perkawinan', '[status_kawin]'], ['Kewarganegaraan', '[kewarganegaraan]'], ['Alamat', '[alamat]'],
];

const PLACEHOLDER = /\[([^\]]*)\]/g;
const NAME = /^[a-z][a-z0-9_]{0,39}$/;

/** Placeholders used in a text: `[nama]` → 'nama'. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!.trim());
}

/** Fills `[name]` from the values; an unknown or empty one becomes '-' (a letter never prints a bracket). */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_all, name: string) => {
    const value = values[name.trim()];
    return value === undefined || value === '' ? '-' : value;
  });
}

/** The rules across fields that a schema cannot say; throws 422 naming each broken one. */
export function checkJenis(input: JenisInput): void {
  const v: FieldViolation[] = [];
  const seen = new Set<string>();
  input.fields.forEach((f, i) => {
    const at = `fields/${i}`;
    if (!NAME.test(f.name)) v.push({ field: `${at}/name`, rule: 'layanan.nama_isian' });
    else if ((REGISTRY_PLACEHOLDERS as readonly string[]).includes(f.name)) v.push({ field: `${at}/name`, rule: 'layanan.isian_registri', params: { name: f.name } });
    else if (seen.has(f.name)) v.push({ field: `${at}/name`, rule: 'layanan.isian_ganda', params: { name: f.name } });
    seen.add(f.name);
    if (f.type === 'select' && (!f.options || f.options.length === 0)) v.push({ field: `${at}/options`, rule: 'layanan.pilihan_kosong' });
    if (f.type !== 'select' && f.options !== undefined) v.push({ field: `${at}/options`, rule: 'layanan.pilihan_hanya_select' });
    if (f.minLength !== undefined && f.maxLength !== undefined && f.minLength > f.maxLength) v.push({ field: `${at}/minLength`, rule: 'layanan.rentang' });
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) v.push({ field: `${at}/min`, rule: 'layanan.rentang' });
  });
  const syarat = new Set<string>();
  input.syarat.forEach((s, i) => {
    if (!NAME.test(s.name)) v.push({ field: `syarat/${i}/name`, rule: 'layanan.nama_isian' });
    else if (syarat.has(s.name) || s.name === 'lainnya') v.push({ field: `syarat/${i}/name`, rule: 'layanan.isian_ganda', params: { name: s.name } });
    syarat.add(s.name);
  });
  const known = new Set<string>([...REGISTRY_PLACEHOLDERS, ...input.fields.map((f) => f.name)]);
  const texts: [string, string][] = [
    ['template/judul', input.template.judul],
    ['template/pembuka', input.template.pembuka],
    ...input.template.isi.map((t, i) => [`template/isi/${i}`, t] as [string, string]),
    ...(input.template.rincian ?? []).map(([, t], i) => [`template/rincian/${i}`, t] as [string, string]),
  ];
  for (const [field, text] of texts) {
    const unknown = placeholdersOf(text).filter((name) => !known.has(name));
    if (unknown.length > 0) v.push({ field, rule: 'layanan.placeholder_unknown', params: { names: unknown.join(', ') } });
  }
  if (input.formatNomor !== undefined) v.push(...checkFormatNomor(input.formatNomor).map((rule) => ({ field: 'formatNomor', ...rule })));
  if (v.length > 0) throw new AppError('layanan.jenis_invalid', {}, v);
}

interface JenisRow {
  id: string;
  kode: string;
  kode_surat: string;
  nama: string;
  deskripsi: string | null;
  fields: FieldDef[];
  syarat: SyaratDef[];
  sla_hari: number;
  penandatangan: 'lurah' | 'sekretaris';
  masa_berlaku_nilai: number | null;
  masa_berlaku_satuan: 'hari' | 'bulan' | null;
  template: Template;
  online: boolean;
  format_nomor: string;
  version: number;
  archived_at: Date | null;
  archive_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export const toJenis = (r: JenisRow): Jenis => ({
  id: r.id,
  kode: r.kode,
  kodeSurat: r.kode_surat,
  nama: r.nama,
  deskripsi: r.deskripsi,
  fields: r.fields,
  syarat: r.syarat,
  slaHari: r.sla_hari,
  penandatangan: r.penandatangan,
  masaBerlaku: r.masa_berlaku_nilai !== null && r.masa_berlaku_satuan ? { nilai: r.masa_berlaku_nilai, satuan: r.masa_berlaku_satuan } : null,
  template: r.template,
  online: r.online,
  formatNomor: r.format_nomor,
  version: r.version,
  archivedAt: r.archived_at?.toISOString() ?? null,
  archiveReason: r.archive_reason,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A letter type by id or kode, archived ones included; null when there is none. */
export async function findJenis(db: AnyDb, ref: string, forUpdate = false): Promise<Jenis | null> {
  const text = ref.trim().toLowerCase();
  const where = UUID.test(text) ? sql`id = ${text}::uuid` : sql`kode = ${text}`;
  const lock = forUpdate ? sql`FOR UPDATE` : sql``;
  const { rows } = await sql<JenisRow>`SELECT * FROM layanan.jenis_surat WHERE ${where} ${lock}`.execute(db);
  return rows[0] ? toJenis(rows[0]) : null;
}

export async function requireJenis(db: AnyDb, ref: string): Promise<Jenis> {
  const found = await findJenis(db, ref);
  if (!found) throw new AppError('layanan.jenis_not_found', { ref });
  return found;
}

export async function listJenis(db: AnyDb, options: { includeArchived?: boolean; onlineOnly?: boolean } = {}): Promise<Jenis[]> {
  const { rows } = await sql<JenisRow>`
    SELECT * FROM layanan.jenis_surat
    WHERE (${options.includeArchived ?? false} OR archived_at IS NULL) AND (NOT ${options.onlineOnly ?? false} OR online)
    ORDER BY nama`.execute(db);
  return rows.map(toJenis);
}

const editable = (j: JenisInput | Jenis): Record<string, unknown> => ({
  kode: j.kode,
  kodeSurat: j.kodeSurat,
  nama: j.nama,
  deskripsi: j.deskripsi ?? null,
  fields: j.fields,
  syarat: j.syarat,
  slaHari: j.slaHari,
  penandatangan: j.penandatangan,
  masaBerlaku: j.masaBerlaku,
  template: j.template,
  online: j.online,
  formatNomor: j.formatNomor ?? DEFAULT_FORMAT_NOMOR,
});

function columns(j: JenisInput) {
  return sql`${j.kode}, ${j.kodeSurat}, ${j.nama}, ${j.deskripsi ?? null}, ${JSON.stringify(j.fields)}::jsonb, ${JSON.stringify(j.syarat)}::jsonb,
    ${j.slaHari}, ${j.penandatangan}, ${j.masaBerlaku?.nilai ?? null}::int, ${j.masaBerlaku?.satuan ?? null}::text,
    ${JSON.stringify(j.template)}::jsonb, ${j.online}, ${j.formatNomor ?? DEFAULT_FORMAT_NOMOR}`;
}

const COLUMNS = sql`kode, kode_surat, nama, deskripsi, fields, syarat, sla_hari, penandatangan, masa_berlaku_nilai, masa_berlaku_satuan, template, online, format_nomor`;

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

function normalise(input: JenisInput): JenisInput {
  return {
    ...input,
    kode: input.kode.trim().toLowerCase(),
    kodeSurat: input.kodeSurat.trim(),
    nama: input.nama.trim(),
    deskripsi: input.deskripsi?.trim() || null,
    formatNomor: (input.formatNomor ?? DEFAULT_FORMAT_NOMOR).trim(),
  };
}

export async function createJenis(kernel: Kernel, actor: Actor, raw: JenisInput): Promise<Jenis> {
  const input = normalise(raw);
  checkJenis(input);
  const id = uuidv7();
  try {
    return await kernel.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO layanan.jenis_surat (id, ${COLUMNS}) VALUES (${id}, ${columns(input)})`.execute(trx);
      const jenis = (await findJenis(trx, id))!;
      await writeHistory(trx, 'layanan', actor, { entityType: 'jenis_surat', entityId: id, version: 1, action: 'created', changed: [], snapshot: { ...jenis } });
      await recordAudit(trx, actor, { action: 'jenis_surat.created', entityType: 'jenis_surat', entityId: id, after: jenis });
      await kernel.events.emit(trx, actor, { type: 'jenis_surat.created', entityType: 'jenis_surat', entityId: id, payload: { id, kode: jenis.kode, version: 1 } });
      return jenis;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('layanan.jenis_kode_taken', { kode: input.kode });
    throw error;
  }
}

export type JenisPatch = Partial<JenisInput>;

async function lockForWrite(trx: AnyDb, ref: string, ifMatch: string | undefined): Promise<Jenis> {
  const before = await findJenis(trx, ref, true);
  if (!before) throw new AppError('layanan.jenis_not_found', { ref });
  assertCurrent(before.version, expectedVersion(ifMatch));
  if (before.archivedAt) throw new AppError('record.archived');
  return before;
}

export async function updateJenis(kernel: Kernel, actor: Actor, ref: string, ifMatch: string | undefined, patch: JenisPatch): Promise<Jenis> {
  try {
    return await kernel.db.transaction().execute(async (trx) => {
      const before = await lockForWrite(trx, ref, ifMatch);
      const merged = normalise({ ...(editable(before) as unknown as JenisInput), ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) });
      checkJenis(merged);
      const changed = changedFields(editable(before), editable(merged));
      if (changed.length === 0) return before;
      const version = before.version + 1;
      await sql`UPDATE layanan.jenis_surat SET (${COLUMNS}) = (${columns(merged)}), version = ${version}, updated_at = now() WHERE id = ${before.id}`.execute(trx);
      const after = (await findJenis(trx, before.id))!;
      await writeHistory(trx, 'layanan', actor, { entityType: 'jenis_surat', entityId: after.id, version, action: 'updated', changed, snapshot: { ...after } });
      await recordAudit(trx, actor, { action: 'jenis_surat.updated', entityType: 'jenis_surat', entityId: after.id, before, after });
      await kernel.events.emit(trx, actor, { type: 'jenis_surat.updated', entityType: 'jenis_surat', entityId: after.id, payload: { id: after.id, kode: after.kode, version, changed } });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('layanan.jenis_kode_taken', { kode: patch.kode ?? '' });
    throw error;
  }
}

export async function archiveJenis(kernel: Kernel, actor: Actor, ref: string, ifMatch: string | undefined, alasan: string): Promise<Jenis> {
  const why = alasan.trim();
  if (why.length < 3) throw new AppError('request.invalid', {}, [{ field: 'alasan', rule: 'minLength', params: { limit: 3 } }]);
  return kernel.db.transaction().execute(async (trx) => {
    const before = await lockForWrite(trx, ref, ifMatch);
    const version = before.version + 1;
    await sql`UPDATE layanan.jenis_surat SET archived_at = now(), archive_reason = ${why}, version = ${version}, updated_at = now() WHERE id = ${before.id}`.execute(trx);
    const after = (await findJenis(trx, before.id))!;
    await writeHistory(trx, 'layanan', actor, { entityType: 'jenis_surat', entityId: after.id, version, action: 'archived', changed: ['archivedAt', 'archiveReason'], snapshot: { ...after } });
    await recordAudit(trx, actor, { action: 'jenis_surat.archived', entityType: 'jenis_surat', entityId: after.id, before, after });
    await kernel.events.emit(trx, actor, { type: 'jenis_surat.archived', entityType: 'jenis_surat', entityId: after.id, payload: { id: after.id, kode: after.kode, version, reason: why } });
    return after;
  });
}

export async function jenisHistory(db: AnyDb, ref: string): Promise<HistoryEntry[]> {
  const jenis = await requireJenis(db, ref);
  return readHistory(db, 'layanan', 'jenis_surat', jenis.id);
}

/**
 * The starting catalogue: each seeded letter type is inserted when its kode is not there yet,
 * so an admin's edits and archives survive restarts, and version 1 lands in history. Like the
 * first wilayah load, the initial data writes no audit entries (nobody changed anything).
 */
export async function seedKatalog(kernel: Kernel): Promise<number> {
  const actor = systemActor('layanan-katalog');
  return kernel.db.transaction().execute(async (trx) => {
    let added = 0;
    for (const seed of SEED_JENIS) {
      const input = normalise(seed);
      checkJenis(input);
      const id = uuidv7();
      const { rows } = await sql<{ id: string }>`
        INSERT INTO layanan.jenis_surat (id, ${COLUMNS}) VALUES (${id}, ${columns(input)})
        ON CONFLICT (kode) DO NOTHING RETURNING id`.execute(trx);
      if (rows.length === 0) continue;
      const jenis = (await findJenis(trx, id))!;
      await writeHistory(trx, 'layanan', actor, { entityType: 'jenis_surat', entityId: id, version: 1, action: 'created', changed: [], snapshot: { ...jenis } });
      added++;
    }
    return added;
  });
}
