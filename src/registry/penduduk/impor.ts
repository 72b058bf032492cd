import { sql, type Kysely, type Transaction } from 'kysely';
import type pg from 'pg';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { DB } from '../../core/db/schema.js';
import type { EventBus } from '../../core/events/bus.js';
import { stripSeparators } from '../identity/common.js';
import { validateNik, validateNoKk, type Sex } from '../identity/index.js';
import { isKnownKecamatan, listKelurahan } from '../wilayah/index.js';
import { copyRows, type CopyValue } from './copy-rows.js';
import { KEWARGANEGARAAN, STATUS } from './tables.js';

/**
 * Bulk upsert of residents by NIK for the integration hub's imports: the registry's own rules
 * for each row, the current values of many residents at once, and one set-based write per batch
 * (new records COPY'd into the tables, changes COPY'd into a staging table and applied with
 * UPDATE … FROM), with history, one audit entry per batch and one outbox event per created or
 * changed resident. The hub never touches these tables.
 */

/** The resident's own fields an import may set, as the API names them; nik is the natural key. */
export const PENDUDUK_IMPOR_FIELDS = [
  'nik', 'noKk', 'nama', 'jenisKelamin', 'tempatLahir', 'tanggalLahir', 'agama', 'pendidikan', 'pekerjaan', 'statusKawin', 'shdk',
  'status', 'kewarganegaraan', 'kodeKelurahan', 'alamat', 'rt', 'rw',
] as const;
export type PendudukImporField = (typeof PENDUDUK_IMPOR_FIELDS)[number];
/** Needed in every row: the NIK rules read the birth date and sex. */
export const PENDUDUK_IMPOR_REQUIRED: PendudukImporField[] = [
  'nik', 'noKk', 'nama', 'jenisKelamin', 'tempatLahir', 'tanggalLahir', 'agama', 'pendidikan', 'pekerjaan', 'statusKawin', 'shdk',
];
/** Fields of the resident compared with the stored record (the family's address is the family's). */
export const PENDUDUK_IMPOR_COMPARED = [
  'noKk', 'nama', 'jenisKelamin', 'tempatLahir', 'tanggalLahir', 'agama', 'pendidikan', 'pekerjaan', 'statusKawin', 'shdk', 'status', 'kewarganegaraan',
] as const;
export type PendudukCompared = (typeof PENDUDUK_IMPOR_COMPARED)[number];

const COLUMN: Record<PendudukCompared, string> = {
  noKk: 'no_kk', nama: 'nama', jenisKelamin: 'jenis_kelamin', tempatLahir: 'tempat_lahir', tanggalLahir: 'tanggal_lahir', agama: 'agama',
  pendidikan: 'pendidikan', pekerjaan: 'pekerjaan', statusKawin: 'status_kawin', shdk: 'shdk', status: 'status', kewarganegaraan: 'kewarganegaraan',
};

export interface ImporViolation {
  field: string;
  rule: string;
  params?: Record<string, string | number>;
}

const CODE_LISTS = { agama: 'agama', pendidikan: 'pendidikan', pekerjaan: 'pekerjaan', statusKawin: 'status_kawin', shdk: 'shdk' } as const;
type CodeField = keyof typeof CODE_LISTS;

export interface PendudukImporRules {
  /** Per code list: code → code, and lower-case name → code (legacy apps export either). */
  codes: Record<CodeField, Map<string, number>>;
  kelurahan: Set<string>;
  today: string;
  /**
   * Answers already worked out during this import, by input: a file repeats the same kecamatan
   * and birth dates thousands of times, and parsing each again was a tenth of the dry-run.
   */
  memo?: { kecamatan: Map<string, boolean>; tanggal: Map<string, string | null> };
}

export async function pendudukImporRules(db: Kysely<DB>): Promise<PendudukImporRules> {
  const result = await sql<{ list: CodeField; kode: number; nama: string }>`
    SELECT 'agama' AS list, kode, nama FROM penduduk.agama
    UNION ALL SELECT 'pendidikan', kode, nama FROM penduduk.pendidikan
    UNION ALL SELECT 'pekerjaan', kode, nama FROM penduduk.pekerjaan
    UNION ALL SELECT 'statusKawin', kode, nama FROM penduduk.status_kawin
    UNION ALL SELECT 'shdk', kode, nama FROM penduduk.shdk`.execute(db);
  const codes = { agama: new Map(), pendidikan: new Map(), pekerjaan: new Map(), statusKawin: new Map(), shdk: new Map() } as PendudukImporRules['codes'];
  for (const row of result.rows) {
    codes[row.list].set(String(row.kode), row.kode);
    codes[row.list].set(row.nama.toLowerCase().replace(/\s+/g, ' '), row.kode);
  }
  const kelurahan = new Set((await listKelurahan(db)).map((k) => k.kode));
  return { codes, kelurahan, today: new Date().toISOString().slice(0, 10), memo: { kecamatan: new Map(), tanggal: new Map() } };
}

const DATE_DMY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
const DATE_YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY (an XLSX date arrives as YYYY-MM-DD); null when not a calendar date. */
export function parseTanggal(text: string): string | null {
  let y: number, m: number, d: number;
  const ymd = DATE_YMD.exec(text.slice(0, 10));
  const dmy = DATE_DMY.exec(text);
  if (ymd && (text.length === 10 || /^\d{4}-\d{2}-\d{2}T/.test(text))) [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  else if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

export function parseJenisKelamin(text: string): 'L' | 'P' | null {
  const t = text.trim().toLowerCase();
  if (['l', 'lk', 'laki-laki', 'laki laki', 'laki', 'pria', 'm', 'male', '1'].includes(t)) return 'L';
  if (['p', 'pr', 'perempuan', 'wanita', 'f', 'female', '2'].includes(t)) return 'P';
  return null;
}

const kecamatanLookups = new WeakMap<PendudukImporRules, (code: string) => boolean>();
/** The registry's kecamatan check, remembered per import. */
function knownKecamatan(rules: PendudukImporRules): (code: string) => boolean {
  let lookup = kecamatanLookups.get(rules);
  if (!lookup) {
    const cache = rules.memo?.kecamatan;
    lookup = (code: string) => remembered(cache, code, isKnownKecamatan);
    kecamatanLookups.set(rules, lookup);
  }
  return lookup;
}

/** Collapses whitespace of a free-text field and checks its length. */
function cleanText(raw: Partial<Record<PendudukImporField, string | null>>, values: Partial<Record<PendudukImporField, string>>, violations: ImporViolation[], field: PendudukImporField, max: number): void {
  const given = raw[field];
  if (!given) return;
  const value = /\s\s|[\t\n\r]/.test(given) ? given.trim().replace(/\s+/g, ' ') : given.trim();
  if (!value) return;
  if (value.length > max) violations.push({ field, rule: 'maxLength', params: { limit: max } });
  else values[field] = value;
}

function remembered<T>(cache: Map<string, T> | undefined, key: string, work: (key: string) => T): T {
  if (!cache) return work(key);
  let value = cache.get(key);
  if (value === undefined && !cache.has(key)) {
    value = work(key);
    if (cache.size < 100_000) cache.set(key, value);
  }
  return value as T;
}

/** One row of an import by the registry's own rules. `values` holds the canonical text of each given field. */
export function checkPendudukImpor(raw: Partial<Record<PendudukImporField, string | null>>, rules: PendudukImporRules): { values: Partial<Record<PendudukImporField, string>>; violations: ImporViolation[] } {
  const violations: ImporViolation[] = [];
  const values: Partial<Record<PendudukImporField, string>> = {};
  for (const field of PENDUDUK_IMPOR_REQUIRED) if (!raw[field]) violations.push({ field, rule: 'required' });
  cleanText(raw, values, violations, 'nama', 150);
  cleanText(raw, values, violations, 'tempatLahir', 100);
  cleanText(raw, values, violations, 'alamat', 300);
  if (raw.jenisKelamin) {
    const sex = parseJenisKelamin(raw.jenisKelamin);
    if (sex) values.jenisKelamin = sex;
    else violations.push({ field: 'jenisKelamin', rule: 'enum', params: { allowed: 'L, P' } });
  }
  if (raw.tanggalLahir) {
    const tanggal = remembered(rules.memo?.tanggal, raw.tanggalLahir, parseTanggal);
    if (!tanggal) violations.push({ field: 'tanggalLahir', rule: 'format', params: { format: 'YYYY-MM-DD / DD-MM-YYYY' } });
    else if (tanggal > rules.today) violations.push({ field: 'tanggalLahir', rule: 'pegawai.tanggal_lahir' });
    else values.tanggalLahir = tanggal;
  }
  for (const field of Object.keys(CODE_LISTS) as CodeField[]) {
    const given = raw[field];
    if (!given) continue;
    const kode = rules.codes[field].get(String(Number(given)) === given.trim() ? String(Number(given)) : given.trim().toLowerCase().replace(/\s+/g, ' '));
    if (kode === undefined) violations.push({ field, rule: 'penduduk.kode_unknown', params: { kode: given, list: CODE_LISTS[field] } });
    else values[field] = String(kode);
  }
  if (raw.status) {
    const status = raw.status.trim().toLowerCase();
    if ((STATUS as readonly string[]).includes(status)) values.status = status;
    else violations.push({ field: 'status', rule: 'enum', params: { allowed: STATUS.join(', ') } });
  }
  if (raw.kewarganegaraan) {
    const kw = raw.kewarganegaraan.trim().toUpperCase();
    if ((KEWARGANEGARAAN as readonly string[]).includes(kw)) values.kewarganegaraan = kw;
    else violations.push({ field: 'kewarganegaraan', rule: 'enum', params: { allowed: KEWARGANEGARAAN.join(', ') } });
  }
  if (raw.nik) {
    const nik = validateNik(raw.nik, { isKnownKecamatan: knownKecamatan(rules), birthDate: values.tanggalLahir, sex: values.jenisKelamin as Sex | undefined, today: new Date(`${rules.today}T00:00:00Z`) });
    if (nik.ok) values.nik = nik.value;
    else for (const v of nik.violations) violations.push({ field: 'nik', ...v });
  }
  if (raw.noKk) {
    const noKk = validateNoKk(raw.noKk, { isKnownKecamatan: knownKecamatan(rules) });
    if (noKk.ok) values.noKk = noKk.value;
    else for (const v of noKk.violations) violations.push({ field: 'noKk', ...v });
  }
  if (raw.kodeKelurahan) {
    const kode = raw.kodeKelurahan.trim();
    if (rules.kelurahan.has(kode)) values.kodeKelurahan = kode;
    else violations.push({ field: 'kodeKelurahan', rule: 'penduduk.kelurahan_unknown', params: { kode } });
  }
  for (const field of ['rt', 'rw'] as const) {
    const given = raw[field] ? stripSeparators(raw[field]!) : '';
    if (!given) continue;
    if (/^[0-9]{1,3}$/.test(given)) values[field] = given.padStart(3, '0');
    else violations.push({ field, rule: 'format', params: { format: '000' } });
  }
  return { values, violations };
}

export interface PendudukSaatIni {
  id: string;
  values: Record<PendudukCompared, string>;
  archived: boolean;
  /** The bulk load (penduduk.muatan) that created the record, if one did. */
  muatanId: string | null;
  /** Fields (the API's names) changed since the record was created; empty while it is version 1. */
  berubah: string[];
}

const FIELD_OF_COLUMN = new Map<string, string>(Object.entries(COLUMN).map(([field, column]) => [column, field]));

/** The stored values of many residents at once (one query), as the canonical text an import compares. */
export async function pendudukSaatIni(db: Kysely<DB> | Transaction<DB>, niks: readonly string[]): Promise<Map<string, PendudukSaatIni>> {
  const found = new Map<string, PendudukSaatIni>();
  if (niks.length === 0) return found;
  const result = await sql<Record<string, string> & { id: string; nik: string; archived: boolean; muatan_id: string | null; berubah: string[] | null }>`
    SELECT id, nik, no_kk AS "noKk", nama, jenis_kelamin AS "jenisKelamin", tempat_lahir AS "tempatLahir", tanggal_lahir::text AS "tanggalLahir",
           agama::text AS agama, pendidikan::text AS pendidikan, pekerjaan::text AS pekerjaan, status_kawin::text AS "statusKawin",
           shdk::text AS shdk, status, kewarganegaraan, archived_at IS NOT NULL AS archived, muatan_id,
           CASE WHEN p.version > 1 THEN (
             SELECT array_agg(DISTINCT c) FROM penduduk.history h, unnest(h.changed) AS c
             WHERE h.entity_type = 'penduduk' AND h.entity_id = p.id AND h.version > 1
           ) END AS berubah
    FROM penduduk.penduduk p WHERE nik = ANY(${niks as string[]}::text[])`.execute(db);
  for (const row of result.rows) {
    const { id, nik, archived, muatan_id, berubah, ...values } = row;
    // History names changed fields as the API does; older rows may use column names.
    const changed = (berubah ?? []).map((c) => FIELD_OF_COLUMN.get(c) ?? c);
    found.set(nik, { id, values: values as unknown as Record<PendudukCompared, string>, archived, muatanId: muatan_id, berubah: changed });
  }
  return found;
}

/** Which of these family card numbers are registered (and not archived). */
export async function keluargaTerdaftar(db: Kysely<DB> | Transaction<DB>, noKks: readonly string[]): Promise<Set<string>> {
  if (noKks.length === 0) return new Set();
  const result = await sql<{ no_kk: string }>`
    SELECT no_kk FROM penduduk.keluarga WHERE no_kk = ANY(${noKks as string[]}::text[]) AND archived_at IS NULL`.execute(db);
  return new Set(result.rows.map((r) => r.no_kk));
}

export interface PendudukImporRow {
  /** Canonical values (checkPendudukImpor); for an existing resident only the fields in `tulis` are written. */
  values: Partial<Record<PendudukImporField, string>>;
  /** Fields to write; ignored for a new resident (all given fields are written). */
  tulis: PendudukCompared[];
  baru: boolean;
}

export interface PendudukImporResult {
  /** How many residents were created. */
  dibuat: number;
  /** The bulk load (penduduk.muatan) the created residents belong to; null when none was created. */
  muatan: string | null;
  diubah: { nik: string; id: string; changed: string[] }[];
}

const SNAPSHOT = (alias: string) => sql.raw(`jsonb_build_object(
  'id', ${alias}.id, 'nik', ${alias}.nik, 'noKk', ${alias}.no_kk, 'nama', ${alias}.nama, 'jenisKelamin', ${alias}.jenis_kelamin,
  'tempatLahir', ${alias}.tempat_lahir, 'tanggalLahir', to_char(${alias}.tanggal_lahir, 'YYYY-MM-DD'), 'agama', ${alias}.agama,
  'pendidikan', ${alias}.pendidikan, 'pekerjaan', ${alias}.pekerjaan, 'statusKawin', ${alias}.status_kawin, 'shdk', ${alias}.shdk,
  'status', ${alias}.status, 'kewarganegaraan', ${alias}.kewarganegaraan, 'version', ${alias}.version,
  'archivedAt', ${alias}.archived_at, 'archiveReason', ${alias}.archive_reason)`);

/**
 * Writes one batch of an import in the caller's transaction (`trx` and `client` are the same
 * connection: COPY needs the raw client). New families and residents are loaded like the demo
 * seed (a muatan row; version 1 is the record itself), changed residents get their loaded
 * version 1 kept, then a history row each. One audit entry for the batch, one event per resident.
 * `baru` must be true only for NIKs absent in this transaction (one that exists fails the batch with
 * a unique violation); a changed resident written twice changes nothing the second time.
 */
export async function terapkanImporPenduduk(
  trx: Transaction<DB>, client: pg.PoolClient, events: EventBus, actor: Actor, sumber: string, rows: readonly PendudukImporRow[],
): Promise<PendudukImporResult> {
  const result: PendudukImporResult = { dibuat: 0, muatan: null, diubah: [] };
  if (rows.length === 0) return result;
  const muatan = uuidv7();
  const v = (row: PendudukImporRow, field: PendudukImporField) => row.values[field] ?? null;
  let keluargaBaru = 0;

  // New residents go straight into the registry's tables with COPY, as the seed loads them: the
  // caller found their NIKs absent in this transaction (one inserted meanwhile by someone else
  // fails the batch with a unique violation, and the import tries it again).
  const baru = rows.filter((row) => row.baru);
  if (baru.length > 0) {
    const noKks = [...new Set(baru.map((row) => row.values.noKk!))];
    const known = await sql<{ no_kk: string; kode_kelurahan: string }>`
      SELECT no_kk, kode_kelurahan FROM penduduk.keluarga WHERE no_kk = ANY(${noKks}::text[])`.execute(trx);
    const kelurahanOf = new Map(known.rows.map((r) => [r.no_kk, r.kode_kelurahan]));
    // Families not registered yet: the first row that gives the whole address creates one.
    const families: CopyValue[][] = [];
    for (const row of baru) {
      const { noKk, kodeKelurahan, alamat, rt, rw } = row.values;
      if (kelurahanOf.has(noKk!) || !kodeKelurahan || !alamat || !rt || !rw) continue;
      kelurahanOf.set(noKk!, kodeKelurahan);
      families.push([uuidv7(), noKk!, kodeKelurahan, alamat, rt, rw, muatan]);
    }
    if (families.length > 0) await copyRows(client, 'penduduk.keluarga', ['id', 'no_kk', 'kode_kelurahan', 'alamat', 'rt', 'rw', 'muatan_id'], families);
    keluargaBaru = families.length;
    const ids: string[] = [];
    const residents: CopyValue[][] = [];
    for (const row of baru) {
      const kelurahan = kelurahanOf.get(row.values.noKk!);
      if (!kelurahan) continue; // no family to join (the dry-run reports these)
      const id = uuidv7();
      ids.push(id);
      residents.push([
        id, v(row, 'nik'), v(row, 'noKk'), v(row, 'nama'), v(row, 'jenisKelamin'), v(row, 'tempatLahir'), v(row, 'tanggalLahir'), v(row, 'agama'),
        v(row, 'pendidikan'), v(row, 'pekerjaan'), v(row, 'statusKawin'), v(row, 'shdk'), v(row, 'status') ?? 'hidup', v(row, 'kewarganegaraan') ?? 'WNI',
        kelurahan, muatan,
      ]);
    }
    await copyRows(client, 'penduduk.penduduk',
      ['id', 'nik', 'no_kk', 'nama', 'jenis_kelamin', 'tempat_lahir', 'tanggal_lahir', 'agama', 'pendidikan', 'pekerjaan', 'status_kawin', 'shdk', 'status', 'kewarganegaraan', 'kode_kelurahan', 'muatan_id'],
      residents);
    // Only opaque ids go into the events: never a resident's values.
    result.dibuat = await events.emitSelect(trx, actor, {
      select: sql`SELECT 'penduduk.created', 'penduduk', id::text, jsonb_build_object('id', id, 'sumber', ${sumber}::text) FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS x(id, n) ORDER BY n`,
    });
  }

  // Changed residents, set-based from a staging table: keep the loaded version 1 first (registry
  // kernel, keepLoadedVersion), then update.
  const changed = rows.filter((row) => !row.baru && row.tulis.length > 0);
  if (changed.length > 0) {
    await sql`
      CREATE TEMP TABLE IF NOT EXISTS impor_penduduk_staging (
        id uuid, baru boolean, tulis text[], nik text COLLATE "C", no_kk text COLLATE "C", nama text, jenis_kelamin text, tempat_lahir text,
        tanggal_lahir date, agama smallint, pendidikan smallint, pekerjaan smallint, status_kawin smallint, shdk smallint, status text,
        kewarganegaraan text, kode_kelurahan text COLLATE "C", alamat text, rt text COLLATE "C", rw text COLLATE "C"
      ) ON COMMIT DELETE ROWS`.execute(trx);
    await copyRows(client, 'impor_penduduk_staging',
      ['id', 'baru', 'tulis', 'nik', 'no_kk', 'nama', 'jenis_kelamin', 'tempat_lahir', 'tanggal_lahir', 'agama', 'pendidikan', 'pekerjaan', 'status_kawin', 'shdk', 'status', 'kewarganegaraan', 'kode_kelurahan', 'alamat', 'rt', 'rw'],
      changed.map((row) => [
        uuidv7(), 'f', `{${row.tulis.join(',')}}`, v(row, 'nik'), v(row, 'noKk'), v(row, 'nama'), v(row, 'jenisKelamin'), v(row, 'tempatLahir'),
        v(row, 'tanggalLahir'), v(row, 'agama'), v(row, 'pendidikan'), v(row, 'pekerjaan'), v(row, 'statusKawin'), v(row, 'shdk'), v(row, 'status'),
        v(row, 'kewarganegaraan'), v(row, 'kodeKelurahan'), v(row, 'alamat'), v(row, 'rt'), v(row, 'rw'),
      ]));
    // A temp table has no statistics until analysed: without them the joins by NIK would scan the registry.
    await sql`ANALYZE impor_penduduk_staging`.execute(trx);
    result.diubah = await updateFromStaging(trx, actor);
  }
  if (result.dibuat > 0 || keluargaBaru > 0) {
    result.muatan = muatan;
    await sql`
      INSERT INTO penduduk.muatan (id, source, actor_type, actor_id, actor_name, request_id, penduduk, keluarga)
      VALUES (${muatan}, ${sumber.slice(0, 100)}, ${actor.type}, ${actor.id}, ${actor.name}, ${actor.requestId}, ${result.dibuat}, ${keluargaBaru})`.execute(trx);
  }
  if (result.dibuat + result.diubah.length > 0) {
    // Only opaque ids and field names go into the trail and the events: never a resident's values.
    await recordAudit(trx, actor, {
      action: 'penduduk.diimpor', entityType: 'penduduk', entityId: null,
      after: { sumber, muatan, dibuat: result.dibuat, diubah: result.diubah.length, keluarga: keluargaBaru },
    });
    await events.emitMany(trx, actor,
      result.diubah.map((r) => ({ type: 'penduduk.updated', entityType: 'penduduk', entityId: r.id, payload: { id: r.id, changed: r.changed, sumber } })));
  }
  return result;
}

/** Existing residents changed from the staging table, set-based, with their history rows. */
async function updateFromStaging(trx: Transaction<DB>, actor: Actor): Promise<PendudukImporResult['diubah']> {
  const set = (field: PendudukCompared) => sql.raw(`${COLUMN[field]} = CASE WHEN '${field}' = ANY(s.tulis) AND s.${COLUMN[field]} IS NOT NULL THEN s.${COLUMN[field]} ELSE p.${COLUMN[field]} END`);
  const differs = sql.join(
    PENDUDUK_IMPOR_COMPARED.map((field) => sql.raw(`('${field}' = ANY(s.tulis) AND s.${COLUMN[field]} IS NOT NULL AND s.${COLUMN[field]} IS DISTINCT FROM p.${COLUMN[field]})`)),
    sql` OR `,
  );
  await sql`
    INSERT INTO penduduk.history (entity_type, entity_id, version, action, changed, snapshot, at, actor_type, actor_id, actor_name, request_id)
    SELECT 'penduduk', p.id, 1, 'created', '{}', ${SNAPSHOT('p')}, m.at, m.actor_type, m.actor_id, m.actor_name, m.request_id
    FROM impor_penduduk_staging s JOIN penduduk.penduduk p ON p.nik = s.nik JOIN penduduk.muatan m ON m.id = p.muatan_id
    WHERE NOT s.baru AND p.version = 1 AND p.archived_at IS NULL AND (${differs})
    ON CONFLICT DO NOTHING`.execute(trx);
  const updated = await sql<{ id: string; nik: string; changed: string[] }>`
    WITH before AS (
      SELECT p.id, s.tulis, ${sql.join(PENDUDUK_IMPOR_COMPARED.map((f) => sql.raw(`p.${COLUMN[f]} AS old_${COLUMN[f]}`)))}
      FROM impor_penduduk_staging s JOIN penduduk.penduduk p ON p.nik = s.nik
      WHERE NOT s.baru AND p.archived_at IS NULL AND (${differs})
    ), changed AS (
      UPDATE penduduk.penduduk p SET ${sql.join(PENDUDUK_IMPOR_COMPARED.map(set))}, version = p.version + 1, updated_at = now()
      FROM impor_penduduk_staging s, before b
      WHERE p.nik = s.nik AND b.id = p.id
      RETURNING p.*, ${sql.join(PENDUDUK_IMPOR_COMPARED.map((f) => sql.raw(`b.old_${COLUMN[f]}`)))}
    ), history AS (
      INSERT INTO penduduk.history (entity_type, entity_id, version, action, changed, snapshot, actor_type, actor_id, actor_name, request_id)
      SELECT 'penduduk', c.id, c.version, 'updated',
             array_remove(ARRAY[${sql.join(PENDUDUK_IMPOR_COMPARED.map((f) => sql.raw(`CASE WHEN c.${COLUMN[f]} IS DISTINCT FROM c.old_${COLUMN[f]} THEN '${f}' END`)))}], NULL),
             ${SNAPSHOT('c')}, ${actor.type}, ${actor.id}, ${actor.name}, ${actor.requestId}
      FROM changed c
      RETURNING entity_id, changed
    )
    SELECT c.id, c.nik, h.changed FROM changed c JOIN history h ON h.entity_id = c.id`.execute(trx);
  return updated.rows;
}

/** Completeness of the stored residents: filled values per field (the API's names). */
export async function kelengkapanPenduduk(db: Kysely<DB>): Promise<{ total: number; terisi: Record<string, number> }> {
  const result = await sql<Record<string, string>>`
    SELECT count(*) AS total, count(nullif(btrim(nama), '')) AS nama, count(nullif(btrim(tempat_lahir), '')) AS "tempatLahir",
           count(tanggal_lahir) AS "tanggalLahir", count(no_kk) AS "noKk", count(agama) AS agama, count(pendidikan) AS pendidikan,
           count(nullif(pekerjaan, 89)) AS pekerjaan, count(status_kawin) AS "statusKawin", count(shdk) AS shdk
    FROM penduduk.penduduk WHERE archived_at IS NULL`.execute(db);
  const { total, ...rest } = result.rows[0]!;
  return { total: Number(total), terisi: Object.fromEntries(Object.entries(rest).map(([k, n]) => [k, Number(n)])) };
}

/** Probable duplicates: the same name and birth date under more than one NIK (masked NIKs). */
export async function duplikatPenduduk(db: Kysely<DB>, limit = 50): Promise<{ total: number; contoh: { nama: string; tahunLahir: number; jumlah: number; nik: string[] }[] }> {
  const result = await sql<{ nama: string; tahun: number; jumlah: number; niks: string[]; total: number }>`
    SELECT min(nama) AS nama, extract(year FROM tanggal_lahir)::int AS tahun, count(*)::int AS jumlah,
           array_agg(overlay(nik placing '******' from 7 for 6) ORDER BY nik) AS niks, count(*) OVER ()::int AS total
    FROM penduduk.penduduk WHERE archived_at IS NULL
    GROUP BY lower(nama), tanggal_lahir HAVING count(*) > 1
    ORDER BY count(*) DESC, min(nama) LIMIT ${limit}`.execute(db);
  return { total: result.rows[0]?.total ?? 0, contoh: result.rows.map((r) => ({ nama: r.nama, tahunLahir: r.tahun, jumlah: r.jumlah, nik: r.niks })) };
}
