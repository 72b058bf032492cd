import { sql, type Kysely, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { DB } from '../../core/db/schema.js';
import type { EventBus } from '../../core/events/bus.js';
import type { FieldViolation } from '../../core/http/errors.js';
import { todayWib } from '../organisasi/index.js';
import { parseJenisKelamin, parseTanggal } from '../penduduk/impor.js';
import { GOLONGAN_PNS, GOLONGAN_PPPK, JENIS_PEGAWAI, STATUS_PEGAWAI, type JenisPegawai } from './model.js';
import { resolvePlacement } from './pegawai-service.js';
import { checkGolongan, checkNip } from './rules.js';

/**
 * Bulk upsert of employees by NIP for the integration hub's imports, by the same rules as the
 * API (NIP by type, golongan by type, placement through organisasi's functions), written
 * set-based per batch with history rows, one audit entry and one event per changed employee.
 * A transfer (mutasi) stays its own process: an import places new employees only.
 */
export const PEGAWAI_IMPOR_FIELDS = [
  'nip', 'nama', 'gelarDepan', 'gelarBelakang', 'jenisKelamin', 'tanggalLahir', 'jenis', 'golongan', 'status', 'email', 'telepon',
  'opd', 'unitId', 'namaJabatan', 'tmtJabatan',
] as const;
export type PegawaiImporField = (typeof PEGAWAI_IMPOR_FIELDS)[number];
export const PEGAWAI_IMPOR_REQUIRED: PegawaiImporField[] = ['nip', 'nama', 'jenisKelamin', 'tanggalLahir'];
export const PEGAWAI_IMPOR_COMPARED = ['nama', 'gelarDepan', 'gelarBelakang', 'jenisKelamin', 'tanggalLahir', 'jenis', 'golongan', 'status', 'email', 'telepon'] as const;
type Compared = (typeof PEGAWAI_IMPOR_COMPARED)[number];

const COLUMN: Record<Compared, string> = {
  nama: 'nama', gelarDepan: 'gelar_depan', gelarBelakang: 'gelar_belakang', jenisKelamin: 'jenis_kelamin', tanggalLahir: 'tanggal_lahir',
  jenis: 'jenis', golongan: 'golongan', status: 'status', email: 'email', telepon: 'telepon',
};

export interface PegawaiImporRules {
  today: string;
  now: Date;
}

export async function pegawaiImporRules(_db: Kysely<DB>): Promise<PegawaiImporRules> {
  const now = new Date();
  return { now, today: todayWib(now) };
}

interface Violation {
  field: string;
  rule: string;
  params?: Record<string, string | number>;
}

export function checkPegawaiImpor(raw: Partial<Record<PegawaiImporField, string | null>>, rules: PegawaiImporRules): { values: Partial<Record<PegawaiImporField, string>>; violations: Violation[] } {
  const violations: Violation[] = [];
  const values: Partial<Record<PegawaiImporField, string>> = {};
  for (const field of PEGAWAI_IMPOR_REQUIRED) if (!raw[field]) violations.push({ field, rule: 'required' });
  const text = (field: PegawaiImporField, max: number) => {
    const value = raw[field]?.trim().replace(/\s+/g, ' ');
    if (!value) return;
    if (value.length > max) violations.push({ field, rule: 'maxLength', params: { limit: max } });
    else values[field] = value;
  };
  text('nama', 200);
  text('gelarDepan', 50);
  text('gelarBelakang', 50);
  text('telepon', 30);
  text('opd', 100);
  text('namaJabatan', 200);
  text('unitId', 36);
  if (raw.email) {
    const email = raw.email.trim().toLowerCase();
    if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) values.email = email;
    else violations.push({ field: 'email', rule: 'format', params: { format: 'email' } });
  }
  if (raw.jenisKelamin) {
    const sex = parseJenisKelamin(raw.jenisKelamin);
    if (sex) values.jenisKelamin = sex;
    else violations.push({ field: 'jenisKelamin', rule: 'enum', params: { allowed: 'L, P' } });
  }
  for (const field of ['tanggalLahir', 'tmtJabatan'] as const) {
    if (!raw[field]) continue;
    const tanggal = parseTanggal(raw[field]!);
    if (!tanggal) violations.push({ field, rule: 'format', params: { format: 'YYYY-MM-DD / DD-MM-YYYY' } });
    else values[field] = tanggal;
  }
  if (values.tanggalLahir && values.tanggalLahir >= rules.today) violations.push({ field: 'tanggalLahir', rule: 'pegawai.tanggal_lahir' });
  if (values.tmtJabatan && values.tmtJabatan > rules.today) violations.push({ field: 'tmtJabatan', rule: 'pegawai.tmt_future', params: { today: rules.today } });
  const jenis = (raw.jenis?.trim().toLowerCase().replace(/[\s-]+/g, '_') || 'pns') as JenisPegawai;
  if (!(JENIS_PEGAWAI as readonly string[]).includes(jenis)) violations.push({ field: 'jenis', rule: 'enum', params: { allowed: JENIS_PEGAWAI.join(', ') } });
  else values.jenis = jenis;
  if (raw.status) {
    const status = raw.status.trim().toLowerCase().replace(/[\s-]+/g, '_');
    if ((STATUS_PEGAWAI as readonly string[]).includes(status)) values.status = status;
    else violations.push({ field: 'status', rule: 'enum', params: { allowed: STATUS_PEGAWAI.join(', ') } });
  }
  const golongan = raw.golongan?.trim() || null;
  const canonical = golongan
    ? ([...GOLONGAN_PNS, ...GOLONGAN_PPPK] as string[]).find((g) => g.toLowerCase() === golongan.toLowerCase().replace(/\s+/g, '')) ?? golongan
    : null;
  if (canonical) values.golongan = canonical;
  if (values.jenis && values.tanggalLahir && values.jenisKelamin) {
    const found: FieldViolation[] = [];
    const identity = { nip: raw.nip ?? null, jenis: values.jenis as JenisPegawai, tanggalLahir: values.tanggalLahir, jenisKelamin: values.jenisKelamin as 'L' | 'P', golongan: canonical };
    const nip = checkNip(identity, rules.now, found);
    checkGolongan(identity, found);
    violations.push(...found.filter((v) => !(v.rule === 'pegawai.nip_required' && !raw.nip)));
    if (nip && !found.some((v) => v.field === 'nip')) values.nip = nip;
  } else if (raw.nip) {
    values.nip = raw.nip.replace(/[\s.-]/g, '');
  }
  return { values, violations };
}

/** The stored values of many employees at once, as the canonical text an import compares. */
export async function pegawaiSaatIni(db: Kysely<DB> | Transaction<DB>, nips: readonly string[]): Promise<Map<string, { id: string; values: Record<string, string | null>; archived: boolean }>> {
  const found = new Map<string, { id: string; values: Record<string, string | null>; archived: boolean }>();
  if (nips.length === 0) return found;
  const result = await sql<Record<string, string | null> & { id: string; nip: string; archived: boolean }>`
    SELECT id, nip, nama, gelar_depan AS "gelarDepan", gelar_belakang AS "gelarBelakang", jenis_kelamin AS "jenisKelamin",
           tanggal_lahir::text AS "tanggalLahir", jenis, golongan, status, email, telepon, archived_at IS NOT NULL AS archived
    FROM pegawai.pegawai WHERE nip = ANY(${nips as string[]}::text[])`.execute(db);
  for (const row of result.rows) {
    const { id, nip, archived, ...values } = row;
    found.set(nip, { id, values, archived });
  }
  return found;
}

/** Where new employees go: OPD by code, unit of that OPD, in force on the TMT (organisasi's functions). */
export async function checkPenempatanImpor(db: Kysely<DB>, rows: { opd: string; unitId: string; namaJabatan: string; tmt: string }[]): Promise<Map<number, Violation[]>> {
  const out = new Map<number, Violation[]>();
  const cache = new Map<string, Violation[]>();
  for (const [index, row] of rows.entries()) {
    const key = `${row.opd}|${row.unitId}|${row.tmt}`;
    let found = cache.get(key);
    if (!found) {
      const violations: FieldViolation[] = [];
      await resolvePlacement(db, { opdRef: row.opd, unitId: row.unitId, namaJabatan: row.namaJabatan, tmt: row.tmt },
        { opd: 'opd', unit: 'unitId', jabatan: 'jabatanId', namaJabatan: 'namaJabatan' }, violations);
      found = violations;
      cache.set(key, found);
    }
    if (found.length > 0) out.set(index, found);
  }
  return out;
}

export interface PegawaiImporRow {
  values: Partial<Record<PegawaiImporField, string>>;
  tulis: string[];
  baru: boolean;
}

const SNAPSHOT = sql.raw(`jsonb_build_object(
  'id', p.id, 'nip', p.nip, 'nama', p.nama, 'gelarDepan', p.gelar_depan, 'gelarBelakang', p.gelar_belakang, 'jenisKelamin', p.jenis_kelamin,
  'tanggalLahir', p.tanggal_lahir::text, 'jenis', p.jenis, 'golongan', p.golongan, 'opdId', p.opd_id, 'unitId', p.unit_id, 'status', p.status,
  'email', p.email, 'telepon', p.telepon, 'version', p.version, 'archivedAt', p.archived_at, 'archiveReason', p.archive_reason)`);

/** One batch in the caller's transaction: new employees with their first position, changed fields of existing ones. */
export async function terapkanImporPegawai(trx: Transaction<DB>, events: EventBus, actor: Actor, sumber: string, rows: readonly PegawaiImporRow[]): Promise<{ dibuat: number; diubah: number }> {
  if (rows.length === 0) return { dibuat: 0, diubah: 0 };
  const today = todayWib(new Date());
  const opdIds = new Map<string, string>();
  const placements = new Map<number, FieldViolation[]>();
  const records = [] as Record<string, unknown>[];
  for (const [index, row] of rows.entries()) {
    const v = row.values;
    const record: Record<string, unknown> = { id: uuidv7(), riwayatId: uuidv7(), baru: row.baru, tulis: row.tulis, ...v, tmtJabatan: v.tmtJabatan ?? today };
    if (row.baru) {
      const violations: FieldViolation[] = [];
      const placement = await resolvePlacement(trx, { opdRef: v.opd ?? '', unitId: v.unitId ?? '', namaJabatan: v.namaJabatan, tmt: v.tmtJabatan ?? today },
        { opd: 'opd', unit: 'unitId', jabatan: 'jabatanId', namaJabatan: 'namaJabatan' }, violations);
      if (!placement || violations.length > 0) {
        placements.set(index, violations);
        continue;
      }
      opdIds.set(placement.opd.kode, placement.opd.id);
      record.opdId = placement.opd.id;
      record.unitId = placement.unit.id;
      record.namaJabatan = placement.namaJabatan;
    }
    records.push(record);
  }
  const json = JSON.stringify(records);
  const recordset = sql`jsonb_to_recordset(${json}::jsonb) AS s(id uuid, baru boolean, tulis text[], nip text, nama text, "gelarDepan" text, "gelarBelakang" text,
    "jenisKelamin" text, "tanggalLahir" date, jenis text, golongan text, status text, email text, telepon text, "opdId" uuid, "unitId" uuid, "namaJabatan" text, "tmtJabatan" date, "riwayatId" uuid)`;
  const created = await sql<{ id: string; nip: string; opd_id: string; unit_id: string; jenis: string; status: string }>`
    WITH added AS (
      INSERT INTO pegawai.pegawai (id, nip, nama, gelar_depan, gelar_belakang, jenis_kelamin, tanggal_lahir, jenis, golongan, opd_id, unit_id, status, email, telepon)
      SELECT s.id, s.nip, s.nama, s."gelarDepan", s."gelarBelakang", s."jenisKelamin", s."tanggalLahir", s.jenis, s.golongan, s."opdId", s."unitId",
             coalesce(s.status, 'aktif'), s.email, s.telepon
      FROM ${recordset} WHERE s.baru
      ON CONFLICT (nip) DO NOTHING
      RETURNING *
    ), riwayat AS (
      INSERT INTO pegawai.riwayat_jabatan (id, pegawai_id, opd_id, unit_id, nama_jabatan, tmt)
      SELECT s."riwayatId", p.id, p.opd_id, p.unit_id, s."namaJabatan", s."tmtJabatan" FROM added p JOIN ${recordset} ON s.id = p.id
    ), history AS (
      INSERT INTO pegawai.history (entity_type, entity_id, version, action, changed, snapshot, actor_type, actor_id, actor_name, request_id)
      SELECT 'pegawai', p.id, 1, 'created', '{}', ${SNAPSHOT}, ${actor.type}, ${actor.id}, ${actor.name}, ${actor.requestId} FROM added p
    )
    SELECT id, nip, opd_id, unit_id, jenis, status FROM added`.execute(trx);
  const set = (field: Compared) => sql.raw(`${COLUMN[field]} = CASE WHEN '${field}' = ANY(s.tulis) AND s."${field}" IS NOT NULL THEN s."${field}" ELSE p.${COLUMN[field]} END`);
  const differs = sql.join(PEGAWAI_IMPOR_COMPARED.map((f) => sql.raw(`('${f}' = ANY(s.tulis) AND s."${f}" IS NOT NULL AND s."${f}" IS DISTINCT FROM p.${COLUMN[f]})`)), sql` OR `);
  const updated = await sql<{ id: string; nip: string; opd_id: string; version: number; changed: string[] }>`
    WITH before AS (
      SELECT p.id, ${sql.join(PEGAWAI_IMPOR_COMPARED.map((f) => sql.raw(`p.${COLUMN[f]} AS "old_${f}"`)))}
      FROM ${recordset} JOIN pegawai.pegawai p ON p.nip = s.nip
      WHERE NOT s.baru AND p.archived_at IS NULL AND (${differs})
    ), changed AS (
      UPDATE pegawai.pegawai p SET ${sql.join(PEGAWAI_IMPOR_COMPARED.map(set))}, version = p.version + 1, updated_at = now()
      FROM ${recordset}, before b
      WHERE p.nip = s.nip AND b.id = p.id
      RETURNING p.*, ${sql.join(PEGAWAI_IMPOR_COMPARED.map((f) => sql.raw(`b."old_${f}"`)))}
    ), history AS (
      INSERT INTO pegawai.history (entity_type, entity_id, version, action, changed, snapshot, actor_type, actor_id, actor_name, request_id)
      SELECT 'pegawai', p.id, p.version, 'updated',
             array_remove(ARRAY[${sql.join(PEGAWAI_IMPOR_COMPARED.map((f) => sql.raw(`CASE WHEN p.${COLUMN[f]} IS DISTINCT FROM p."old_${f}" THEN '${f}' END`)))}], NULL),
             ${SNAPSHOT}, ${actor.type}, ${actor.id}, ${actor.name}, ${actor.requestId}
      FROM changed p
      RETURNING entity_id, changed
    )
    SELECT c.id, c.nip, c.opd_id, c.version, h.changed FROM changed c JOIN history h ON h.entity_id = c.id`.execute(trx);
  if (created.rows.length + updated.rows.length > 0) {
    await recordAudit(trx, actor, { action: 'pegawai.diimpor', entityType: 'pegawai', entityId: null, after: { sumber, dibuat: created.rows.length, diubah: updated.rows.length } });
    await events.emitMany(trx, actor, [
      ...created.rows.map((p) => ({
        type: 'pegawai.created', entityType: 'pegawai', entityId: p.id,
        payload: { id: p.id, nip: p.nip, jenis: p.jenis, opdId: p.opd_id, unitId: p.unit_id, status: p.status, version: 1, sumber },
      })),
      ...updated.rows.map((p) => ({ type: 'pegawai.updated', entityType: 'pegawai', entityId: p.id, payload: { id: p.id, nip: p.nip, opdId: p.opd_id, version: p.version, changed: p.changed, sumber } })),
    ]);
  }
  return { dibuat: created.rows.length, diubah: updated.rows.length };
}

/** Completeness of the stored employees: filled values per field. */
export async function kelengkapanPegawai(db: Kysely<DB>): Promise<{ total: number; terisi: Record<string, number> }> {
  const result = await sql<Record<string, string>>`
    SELECT count(*) AS total, count(nip) AS nip, count(nama) AS nama, count(gelar_depan) AS "gelarDepan", count(gelar_belakang) AS "gelarBelakang",
           count(tanggal_lahir) AS "tanggalLahir", count(golongan) AS golongan, count(email) AS email, count(telepon) AS telepon
    FROM pegawai.pegawai WHERE archived_at IS NULL`.execute(db);
  const { total, ...rest } = result.rows[0]!;
  return { total: Number(total), terisi: Object.fromEntries(Object.entries(rest).map(([k, n]) => [k, Number(n)])) };
}
