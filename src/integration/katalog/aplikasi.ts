import { sql, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import { AppError, invalid, type FieldViolation } from '../../core/http/errors.js';
import type { DB } from '../../core/db/schema.js';
import type { Kernel } from '../../core/kernel.js';
import { assertCurrent, expectedVersion } from '../../registry/kernel/etag.js';
import { changedFields, readHistory, writeHistory, type HistoryEntry } from '../../registry/kernel/history.js';
import { findOpd } from '../../registry/organisasi/index.js';
import type { AnyDb } from '../db.js';

export const JENIS_APLIKASI = ['website', 'aplikasi_opd', 'e_kelurahan', 'e_spm', 'kepegawaian', 'absensi', 'e_audit', 'geospasial', 'pemetaan', 'lainnya'] as const;
export const STATUS_APLIKASI = ['aktif', 'nonaktif', 'pensiun'] as const;
export const DATASETS = ['wilayah', 'organisasi', 'pegawai', 'penduduk', 'program'] as const;
export type JenisAplikasi = (typeof JENIS_APLIKASI)[number];
export type StatusAplikasi = (typeof STATUS_APLIKASI)[number];
export type Dataset = (typeof DATASETS)[number];

/** The rules the table's CHECKs hold too; said here so bad input is a 4xx naming the field. */
export const KODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const URL_PATTERN = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const PHONE_PATTERN = /^[0-9+() .-]*$/;

export interface AplikasiRow {
  id: string;
  kode: string;
  nama: string;
  opd_kode: string | null;
  jenis: JenisAplikasi;
  url: string | null;
  status: StatusAplikasi;
  kontak_nama: string | null;
  kontak_email: string | null;
  kontak_telepon: string | null;
  deskripsi: string | null;
  dataset_produksi: string[];
  dataset_konsumsi: string[];
  batas_per_menit: number | null;
  versi: number;
  created_at: Date;
  updated_at: Date;
}

export interface NewAplikasi {
  kode: string;
  nama: string;
  opdKode?: string | null;
  jenis: JenisAplikasi;
  url?: string | null;
  status?: StatusAplikasi;
  kontakNama?: string | null;
  kontakEmail?: string | null;
  kontakTelepon?: string | null;
  deskripsi?: string | null;
  datasetProduksi?: string[];
  datasetKonsumsi?: string[];
  batasPerMenit?: number | null;
}

/** What PATCH may change: everything but the status (its own route, with a reason). */
export type AplikasiPatch = Partial<Omit<NewAplikasi, 'status'>>;

/** An app as the API shows it (the integration level is added by the catalogue, see tingkat.ts). */
export interface Aplikasi {
  id: string;
  kode: string;
  nama: string;
  opdKode: string | null;
  jenis: JenisAplikasi;
  url: string | null;
  status: StatusAplikasi;
  kontakNama: string | null;
  kontakEmail: string | null;
  kontakTelepon: string | null;
  deskripsi: string | null;
  datasetProduksi: string[];
  datasetKonsumsi: string[];
  batasPerMenit: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const toAplikasi = (row: AplikasiRow): Aplikasi => ({
  id: row.id,
  kode: row.kode,
  nama: row.nama,
  opdKode: row.opd_kode,
  jenis: row.jenis,
  url: row.url,
  status: row.status,
  kontakNama: row.kontak_nama,
  kontakEmail: row.kontak_email,
  kontakTelepon: row.kontak_telepon,
  deskripsi: row.deskripsi,
  datasetProduksi: row.dataset_produksi,
  datasetKonsumsi: row.dataset_konsumsi,
  batasPerMenit: row.batas_per_menit,
  version: row.versi,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An app by id or kode, or null. */
export async function findAplikasi(db: AnyDb, ref: string, forUpdate = false): Promise<AplikasiRow | null> {
  const text = ref.trim();
  const column = UUID.test(text) ? sql`id = ${text.toLowerCase()}::uuid` : sql`kode = ${text.toLowerCase()}`;
  const lock = forUpdate ? sql`FOR UPDATE` : sql``;
  const found = await sql<AplikasiRow>`SELECT * FROM integrasi.aplikasi WHERE ${column} ${lock}`.execute(db);
  return found.rows[0] ?? null;
}

export async function getAplikasi(db: AnyDb, ref: string): Promise<AplikasiRow> {
  const app = await findAplikasi(db, ref);
  if (!app) throw new AppError('integrasi.aplikasi_not_found', { ref });
  return app;
}

/** City-wide managers manage every app; an OPD operator the apps its OPD owns. */
export function canManage(access: Access, app: Pick<AplikasiRow, 'opd_kode'>): boolean {
  return access.scopes('integrasi.manage').some((scope) => scope.type === 'city' || (scope.type === 'opd' && scope.code !== null && scope.code.toLowerCase() === app.opd_kode?.toLowerCase()));
}

export function assertCanManage(access: Access, app: Pick<AplikasiRow, 'opd_kode' | 'kode'>): void {
  if (!canManage(access, app)) throw new AppError('integrasi.aplikasi_bukan_wewenang', { kode: app.kode });
}

/** Sees the whole catalogue: readers (and importers, managers) city-wide. */
export const seesAll = (access: Access): boolean =>
  access.cityWide('integrasi.read') || access.cityWide('integrasi.impor') || access.cityWide('integrasi.manage');

/** OPD codes (lowercased) whose apps the caller sees; null = every app. An OPD operator sees their OPD's. */
export function visibleOpds(access: Access): Set<string> | null {
  if (seesAll(access)) return null;
  return new Set(
    [...access.scopes('integrasi.read'), ...access.scopes('integrasi.manage')].flatMap((s) => (s.type === 'opd' && s.code ? [s.code.toLowerCase()] : [])),
  );
}

/** Who may see an app's details: readers city-wide, readers and managers of its OPD. */
export function canSee(access: Access, app: Pick<AplikasiRow, 'opd_kode'>): boolean {
  const opds = visibleOpds(access);
  return opds === null || (app.opd_kode !== null && opds.has(app.opd_kode.toLowerCase()));
}

/** The catalogue's read routes: a 403 naming integrasi.read for anyone who sees no app at all. */
export function assertCatalogueAccess(access: Access): void {
  if (!access.can('integrasi.read') && !access.can('integrasi.impor') && !access.can('integrasi.manage')) {
    throw new AppError('auth.forbidden', { permission: 'integrasi.read' });
  }
}

const blankToNull = (value: string | null | undefined): string | null => {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

const datasetsOf = (list: string[] | undefined): string[] => [...new Set((list ?? []).map((d) => d.trim().toLowerCase()).filter(Boolean))].sort();

/** Trims, lowercases codes and datasets, turns blanks into null. */
export function normaliseAplikasi(input: NewAplikasi): NewAplikasi {
  return {
    kode: input.kode.trim().toLowerCase(),
    nama: input.nama.trim().replace(/\s+/g, ' '),
    opdKode: blankToNull(input.opdKode),
    jenis: input.jenis,
    url: blankToNull(input.url),
    status: input.status ?? 'aktif',
    kontakNama: blankToNull(input.kontakNama),
    kontakEmail: blankToNull(input.kontakEmail)?.toLowerCase() ?? null,
    kontakTelepon: blankToNull(input.kontakTelepon),
    deskripsi: blankToNull(input.deskripsi),
    datasetProduksi: datasetsOf(input.datasetProduksi),
    datasetKonsumsi: datasetsOf(input.datasetKonsumsi),
    batasPerMenit: input.batasPerMenit ?? null,
  };
}

/**
 * The rules on one app that need no database (the schema says them too for JSON input; the
 * inventory import reads spreadsheets and relies on this). Field names are the API's.
 */
export function checkAplikasiFields(input: NewAplikasi): FieldViolation[] {
  const v: FieldViolation[] = [];
  if (!KODE_PATTERN.test(input.kode)) v.push({ field: 'kode', rule: 'pattern' });
  if (input.nama.length < 2 || input.nama.length > 200) v.push({ field: 'nama', rule: input.nama.length < 2 ? 'minLength' : 'maxLength', params: { limit: input.nama.length < 2 ? 2 : 200 } });
  if (!(JENIS_APLIKASI as readonly string[]).includes(input.jenis)) v.push({ field: 'jenis', rule: 'enum', params: { allowed: JENIS_APLIKASI.join(', ') } });
  if (input.status !== undefined && !(STATUS_APLIKASI as readonly string[]).includes(input.status)) v.push({ field: 'status', rule: 'enum', params: { allowed: STATUS_APLIKASI.join(', ') } });
  if (input.url && (!URL_PATTERN.test(input.url) || input.url.length > 500)) v.push({ field: 'url', rule: 'format', params: { format: 'URL http(s)' } });
  if (input.kontakEmail && (!EMAIL_PATTERN.test(input.kontakEmail) || input.kontakEmail.length > 200)) v.push({ field: 'kontakEmail', rule: 'format', params: { format: 'email' } });
  if (input.kontakTelepon && (!PHONE_PATTERN.test(input.kontakTelepon) || input.kontakTelepon.length > 30)) v.push({ field: 'kontakTelepon', rule: 'pattern' });
  if ((input.kontakNama?.length ?? 0) > 200) v.push({ field: 'kontakNama', rule: 'maxLength', params: { limit: 200 } });
  if ((input.deskripsi?.length ?? 0) > 2000) v.push({ field: 'deskripsi', rule: 'maxLength', params: { limit: 2000 } });
  for (const field of ['datasetProduksi', 'datasetKonsumsi'] as const) {
    const unknown = (input[field] ?? []).filter((d) => !(DATASETS as readonly string[]).includes(d));
    if (unknown.length > 0) v.push({ field, rule: 'enum', params: { allowed: DATASETS.join(', ') } });
  }
  return v;
}

/** The owner OPD must be in the registry and not archived; returns its code as the registry spells it. */
export async function resolveOpd(db: AnyDb, kode: string | null | undefined): Promise<{ kode: string | null; violation: FieldViolation | null }> {
  if (!kode) return { kode: null, violation: null };
  const opd = await findOpd(db, kode);
  if (!opd || opd.archivedAt) return { kode: null, violation: { field: 'opdKode', rule: 'scope.unknown_opd', params: { code: kode } } };
  return { kode: opd.kode, violation: null };
}

const COLUMNS = sql`kode, nama, opd_kode, jenis, url, status, kontak_nama, kontak_email, kontak_telepon, deskripsi, dataset_produksi, dataset_konsumsi, batas_per_menit`;

function values(input: NewAplikasi) {
  return sql`${input.kode}, ${input.nama}, ${input.opdKode ?? null}, ${input.jenis}, ${input.url ?? null}, ${input.status ?? 'aktif'},
    ${input.kontakNama ?? null}, ${input.kontakEmail ?? null}, ${input.kontakTelepon ?? null}, ${input.deskripsi ?? null},
    ${input.datasetProduksi ?? []}::text[], ${input.datasetKonsumsi ?? []}::text[], ${input.batasPerMenit ?? null}::int`;
}

/** The fields history and the `changed` lists compare. */
export const editableOf = (input: NewAplikasi | Aplikasi): Record<string, unknown> => ({
  kode: input.kode,
  nama: input.nama,
  opdKode: input.opdKode ?? null,
  jenis: input.jenis,
  url: input.url ?? null,
  status: input.status ?? 'aktif',
  kontakNama: input.kontakNama ?? null,
  kontakEmail: input.kontakEmail ?? null,
  kontakTelepon: input.kontakTelepon ?? null,
  deskripsi: input.deskripsi ?? null,
  datasetProduksi: input.datasetProduksi ?? [],
  datasetKonsumsi: input.datasetKonsumsi ?? [],
  batasPerMenit: input.batasPerMenit ?? null,
});

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** Checks one normalised app against every rule and resolves its OPD; throws 422/400 naming each field. */
async function validated(db: AnyDb, raw: NewAplikasi): Promise<NewAplikasi> {
  const input = normaliseAplikasi(raw);
  const violations = checkAplikasiFields(input);
  const opd = await resolveOpd(db, input.opdKode);
  if (opd.violation) violations.push(opd.violation);
  if (violations.length > 0) throw new AppError('integrasi.aplikasi_invalid', {}, violations);
  return { ...input, opdKode: opd.kode };
}

/**
 * Inserts one validated app with its history row, audit entry and `aplikasi.created` event, in the
 * caller's transaction. Returns null when the kode is taken.
 */
export async function insertAplikasi(trx: Transaction<DB>, kernel: Kernel, actor: Actor, input: NewAplikasi): Promise<AplikasiRow | null> {
  const id = uuidv7();
  const inserted = await sql<AplikasiRow>`
    INSERT INTO integrasi.aplikasi (id, ${COLUMNS}) VALUES (${id}, ${values(input)})
    ON CONFLICT (kode) DO NOTHING
    RETURNING *`.execute(trx);
  const app = inserted.rows[0];
  if (!app) return null;
  const snapshot = toAplikasi(app);
  await writeHistory(trx, 'integrasi', actor, { entityType: 'aplikasi', entityId: id, version: 1, action: 'created', changed: [], snapshot: { ...snapshot } });
  await recordAudit(trx, actor, { action: 'aplikasi.created', entityType: 'aplikasi', entityId: id, after: snapshot as unknown as Record<string, unknown> });
  await kernel.events.emit(trx, actor, {
    type: 'aplikasi.created',
    entityType: 'aplikasi',
    entityId: id,
    payload: { id, kode: app.kode, nama: app.nama, opdKode: app.opd_kode, jenis: app.jenis, status: app.status, version: 1 },
  });
  return app;
}

/**
 * Writes a changed app (already validated and locked), with history, audit and one
 * `aplikasi.updated` event naming the changed fields. Returns the row unchanged when nothing differs.
 */
export async function writeAplikasi(
  trx: Transaction<DB>, kernel: Kernel, actor: Actor, before: AplikasiRow, merged: NewAplikasi, extra: Record<string, unknown> = {},
): Promise<AplikasiRow> {
  const changed = changedFields(editableOf(toAplikasi(before)), editableOf(merged));
  if (changed.length === 0) return before;
  const version = before.versi + 1;
  const updated = await sql<AplikasiRow>`
    UPDATE integrasi.aplikasi SET (${COLUMNS}) = (${values(merged)}), versi = ${version}, updated_at = now()
    WHERE id = ${before.id} RETURNING *`.execute(trx);
  const after = updated.rows[0]!;
  const snapshot = toAplikasi(after);
  await writeHistory(trx, 'integrasi', actor, { entityType: 'aplikasi', entityId: after.id, version, action: changed.includes('status') ? `status:${after.status}` : 'updated', changed, snapshot: { ...snapshot } });
  await recordAudit(trx, actor, {
    action: 'aplikasi.updated', entityType: 'aplikasi', entityId: after.id,
    before: toAplikasi(before) as unknown as Record<string, unknown>, after: { ...snapshot, ...extra } as unknown as Record<string, unknown>,
  });
  await kernel.events.emit(trx, actor, {
    type: 'aplikasi.updated',
    entityType: 'aplikasi',
    entityId: after.id,
    payload: { id: after.id, kode: after.kode, opdKode: after.opd_kode, status: after.status, version, changed, ...extra },
  });
  return after;
}

export async function createAplikasi(kernel: Kernel, actor: Actor, access: Access, raw: NewAplikasi): Promise<AplikasiRow> {
  const input = await validated(kernel.db, raw);
  assertCanManage(access, { opd_kode: input.opdKode ?? null, kode: input.kode });
  try {
    return await kernel.db.transaction().execute(async (trx) => {
      const app = await insertAplikasi(trx, kernel, actor, input);
      if (!app) throw new AppError('integrasi.aplikasi_kode_dipakai', { kode: input.kode });
      return app;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('integrasi.aplikasi_kode_dipakai', { kode: input.kode });
    throw error;
  }
}

async function lockForWrite(trx: AnyDb, access: Access, ref: string, ifMatch: string | undefined): Promise<AplikasiRow> {
  const expected = expectedVersion(ifMatch);
  const before = await findAplikasi(trx, ref, true);
  if (!before) throw new AppError('integrasi.aplikasi_not_found', { ref });
  assertCanManage(access, before);
  assertCurrent(before.versi, expected);
  return before;
}

/** PATCH: changes the fields sent; moving an app to another OPD needs the right to manage both. */
export async function updateAplikasi(kernel: Kernel, actor: Actor, access: Access, ref: string, ifMatch: string | undefined, patch: AplikasiPatch): Promise<AplikasiRow> {
  try {
    return await kernel.db.transaction().execute(async (trx) => {
      const before = await lockForWrite(trx, access, ref, ifMatch);
      const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as AplikasiPatch;
      const merged = await validated(trx, { ...(editableOf(toAplikasi(before)) as unknown as NewAplikasi), ...given, status: before.status });
      assertCanManage(access, { opd_kode: merged.opdKode ?? null, kode: merged.kode });
      return await writeAplikasi(trx, kernel, actor, before, merged);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('integrasi.aplikasi_kode_dipakai', { kode: patch.kode ?? '' });
    throw error;
  }
}

/** Active, inactive or retired, with a reason; apps are never deleted (their history and flows stay). */
export async function changeStatusAplikasi(
  kernel: Kernel, actor: Actor, access: Access, ref: string, ifMatch: string | undefined, status: StatusAplikasi, alasan: string,
): Promise<AplikasiRow> {
  const why = alasan.trim();
  if (why.length < 3) throw invalid([{ field: 'alasan', rule: 'minLength', params: { limit: 3 } }]);
  return kernel.db.transaction().execute(async (trx) => {
    const before = await lockForWrite(trx, access, ref, ifMatch);
    if (before.status === status) return before;
    return writeAplikasi(trx, kernel, actor, before, { ...(editableOf(toAplikasi(before)) as unknown as NewAplikasi), status }, { alasan: why });
  });
}

export async function aplikasiHistory(db: AnyDb, ref: string): Promise<HistoryEntry[]> {
  const app = await getAplikasi(db, ref);
  return readHistory(db, 'integrasi', 'aplikasi', app.id);
}

export interface AplikasiFilter {
  q?: string;
  jenis?: string;
  status?: string;
  opd?: string;
  /** Only these OPDs (an operator's); null = all. */
  opds?: Set<string> | null;
}

/** Every app matching the filters, by name (the catalogue holds a few hundred: levels are computed over all of them). */
export async function selectAplikasi(db: AnyDb, filter: AplikasiFilter): Promise<AplikasiRow[]> {
  const where = [sql`true`];
  const q = filter.q?.trim().toLowerCase();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(lower(nama) LIKE ${like} OR kode LIKE ${like} OR lower(coalesce(deskripsi, '')) LIKE ${like})`);
  }
  if (filter.jenis) where.push(sql`jenis = ${filter.jenis}`);
  if (filter.status) where.push(sql`status = ${filter.status}`);
  if (filter.opd) where.push(sql`lower(opd_kode) = ${filter.opd.toLowerCase()}`);
  if (filter.opds) {
    if (filter.opds.size === 0) return [];
    where.push(sql`lower(opd_kode) IN (${sql.join([...filter.opds])})`);
  }
  const { rows } = await sql<AplikasiRow>`SELECT * FROM integrasi.aplikasi WHERE ${sql.join(where, sql` AND `)} ORDER BY lower(nama), id`.execute(db);
  return rows;
}
