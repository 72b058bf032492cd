import { sql, type Kysely, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { DB } from '../../core/db/schema.js';
import type { EventBus } from '../../core/events/bus.js';
import { validateKodeWilayah } from '../identity/index.js';
import { isUuid, OPD_JENIS } from './model.js';

/**
 * Bulk upsert of OPDs by kode (case-insensitive, like the registry's unique index) for the
 * integration hub's imports: the same rules as the API, a set-based write per batch with
 * history rows, one audit entry and one event per changed OPD. Units and positions stay the
 * registry's own forms (their structure is effective-dated).
 */
export const OPD_IMPOR_FIELDS = ['kode', 'nama', 'singkatan', 'jenis', 'kodeWilayah', 'alamat', 'latitude', 'longitude'] as const;
export type OpdImporField = (typeof OPD_IMPOR_FIELDS)[number];
export const OPD_IMPOR_REQUIRED: OpdImporField[] = ['kode', 'nama', 'jenis'];
export const OPD_IMPOR_COMPARED = ['nama', 'singkatan', 'jenis', 'kodeWilayah', 'alamat', 'latitude', 'longitude'] as const;
type Compared = (typeof OPD_IMPOR_COMPARED)[number];

const COLUMN: Record<Compared, string> = {
  nama: 'nama', singkatan: 'singkatan', jenis: 'jenis', kodeWilayah: 'kode_wilayah', alamat: 'alamat', latitude: 'latitude', longitude: 'longitude',
};
const TYPE: Record<Compared, string> = { nama: 'text', singkatan: 'text', jenis: 'text', kodeWilayah: 'text', alamat: 'text', latitude: 'numeric', longitude: 'numeric' };

interface Violation {
  field: string;
  rule: string;
  params?: Record<string, string | number>;
}

export interface OpdImporRules {
  pemda: string;
}

export const opdImporRules = (pemda: string): OpdImporRules => ({ pemda });

export function checkOpdImpor(raw: Partial<Record<OpdImporField, string | null>>, rules: OpdImporRules): { values: Partial<Record<OpdImporField, string>>; violations: Violation[] } {
  const violations: Violation[] = [];
  const values: Partial<Record<OpdImporField, string>> = {};
  for (const field of OPD_IMPOR_REQUIRED) if (!raw[field]) violations.push({ field, rule: 'required' });
  if (raw.kode) {
    const kode = raw.kode.trim();
    if (!/^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$/.test(kode) || isUuid(kode)) violations.push({ field: 'kode', rule: 'pattern' });
    else values.kode = kode;
  }
  for (const [field, max] of [['nama', 200], ['singkatan', 50], ['alamat', 300]] as const) {
    const value = raw[field]?.trim().replace(/\s+/g, ' ');
    if (!value) continue;
    if (value.length > max) violations.push({ field, rule: 'maxLength', params: { limit: max } });
    else values[field] = value;
  }
  if (raw.jenis) {
    const jenis = raw.jenis.trim().toLowerCase().replace(/[\s-]+/g, '_');
    if ((OPD_JENIS as readonly string[]).includes(jenis)) values.jenis = jenis;
    else violations.push({ field: 'jenis', rule: 'enum', params: { allowed: OPD_JENIS.join(', ') } });
  }
  if (raw.kodeWilayah) {
    const level = values.jenis === 'kecamatan' ? 'kecamatan' : values.jenis === 'kelurahan' ? 'kelurahan_desa' : null;
    if (!level) violations.push({ field: 'kodeWilayah', rule: 'opd.kode_wilayah_jenis' });
    else {
      const checked = validateKodeWilayah(raw.kodeWilayah.trim(), { level });
      if (!checked.ok) violations.push(...checked.violations.map((v) => ({ field: 'kodeWilayah', ...v })));
      else if (!checked.value.startsWith(`${rules.pemda}.`)) violations.push({ field: 'kodeWilayah', rule: 'opd.kode_wilayah_pemda', params: { pemda: rules.pemda } });
      else values.kodeWilayah = checked.value;
    }
  }
  for (const [field, min, max] of [['latitude', -11, 6], ['longitude', 95, 141]] as const) {
    if (!raw[field]) continue;
    const n = Number(raw[field]!.trim().replace(',', '.'));
    if (!Number.isFinite(n)) violations.push({ field, rule: 'type', params: { type: 'number' } });
    else if (n < min) violations.push({ field, rule: 'minimum', params: { limit: min } });
    else if (n > max) violations.push({ field, rule: 'maximum', params: { limit: max } });
    // As numeric(9, 6) prints it, so the stored and the incoming text compare.
    else values[field] = n.toFixed(6);
  }
  if ((values.latitude === undefined) !== (values.longitude === undefined) && !violations.some((v) => v.field === 'latitude' || v.field === 'longitude')) {
    violations.push({ field: values.latitude === undefined ? 'latitude' : 'longitude', rule: 'required' });
  }
  return { values, violations };
}

/** The stored values of many OPDs at once, keyed by each requested kode (matched without regard to case). */
export async function opdSaatIni(db: Kysely<DB> | Transaction<DB>, kodes: readonly string[]): Promise<Map<string, { id: string; values: Record<string, string | null>; archived: boolean }>> {
  const found = new Map<string, { id: string; values: Record<string, string | null>; archived: boolean }>();
  if (kodes.length === 0) return found;
  const result = await sql<Record<string, string | null> & { id: string; kode: string; archived: boolean }>`
    SELECT id, kode, nama, singkatan, jenis, kode_wilayah AS "kodeWilayah", alamat, latitude::text AS latitude, longitude::text AS longitude,
           archived_at IS NOT NULL AS archived
    FROM organisasi.opd WHERE lower(kode) = ANY(${kodes.map((k) => k.toLowerCase())}::text[])`.execute(db);
  const byLower = new Map(result.rows.map((row) => [row.kode.toLowerCase(), row]));
  for (const kode of kodes) {
    const row = byLower.get(kode.toLowerCase());
    if (!row) continue;
    const { id, kode: _kode, archived, ...values } = row;
    found.set(kode, { id, values, archived });
  }
  return found;
}

export interface OpdImporRow {
  values: Partial<Record<OpdImporField, string>>;
  tulis: string[];
  baru: boolean;
}

const SNAPSHOT = sql.raw(`jsonb_build_object(
  'id', o.id, 'kode', o.kode, 'nama', o.nama, 'singkatan', o.singkatan, 'jenis', o.jenis, 'kodeWilayah', o.kode_wilayah, 'alamat', o.alamat,
  'latitude', o.latitude, 'longitude', o.longitude, 'version', o.version, 'archivedAt', o.archived_at, 'archiveReason', o.archive_reason)`);

/** One batch in the caller's transaction: new OPDs and the changed fields of existing ones. */
export async function terapkanImporOpd(trx: Transaction<DB>, events: EventBus, actor: Actor, sumber: string, rows: readonly OpdImporRow[]): Promise<{ dibuat: number; diubah: number }> {
  if (rows.length === 0) return { dibuat: 0, diubah: 0 };
  const json = JSON.stringify(rows.map((row) => ({ id: uuidv7(), baru: row.baru, tulis: row.tulis, ...row.values })));
  const recordset = sql`jsonb_to_recordset(${json}::jsonb) AS s(id uuid, baru boolean, tulis text[], kode text, nama text, singkatan text, jenis text,
    "kodeWilayah" text, alamat text, latitude numeric, longitude numeric)`;
  const created = await sql<{ id: string; kode: string; nama: string; jenis: string }>`
    WITH added AS (
      INSERT INTO organisasi.opd (id, kode, nama, singkatan, jenis, kode_wilayah, alamat, latitude, longitude)
      SELECT s.id, s.kode, s.nama, s.singkatan, s.jenis, s."kodeWilayah", s.alamat, s.latitude, s.longitude FROM ${recordset} WHERE s.baru
      ON CONFLICT ((lower(kode))) DO NOTHING
      RETURNING *
    ), history AS (
      INSERT INTO organisasi.history (entity_type, entity_id, version, action, changed, snapshot, actor_type, actor_id, actor_name, request_id)
      SELECT 'opd', o.id, 1, 'created', '{}', ${SNAPSHOT}, ${actor.type}, ${actor.id}, ${actor.name}, ${actor.requestId} FROM added o
    )
    SELECT id, kode, nama, jenis FROM added`.execute(trx);
  const set = (f: Compared) => sql.raw(`${COLUMN[f]} = CASE WHEN '${f}' = ANY(s.tulis) AND s."${f}" IS NOT NULL THEN s."${f}"::${TYPE[f]} ELSE o.${COLUMN[f]} END`);
  const differs = sql.join(OPD_IMPOR_COMPARED.map((f) => sql.raw(`('${f}' = ANY(s.tulis) AND s."${f}" IS NOT NULL AND s."${f}"::${TYPE[f]} IS DISTINCT FROM o.${COLUMN[f]})`)), sql` OR `);
  const updated = await sql<{ id: string; kode: string; version: number; changed: string[] }>`
    WITH before AS (
      SELECT o.id, ${sql.join(OPD_IMPOR_COMPARED.map((f) => sql.raw(`o.${COLUMN[f]} AS "old_${f}"`)))}
      FROM ${recordset} JOIN organisasi.opd o ON lower(o.kode) = lower(s.kode)
      WHERE NOT s.baru AND o.archived_at IS NULL AND (${differs})
    ), changed AS (
      UPDATE organisasi.opd o SET ${sql.join(OPD_IMPOR_COMPARED.map(set))}, version = o.version + 1, updated_at = now()
      FROM ${recordset}, before b
      WHERE lower(o.kode) = lower(s.kode) AND b.id = o.id
      RETURNING o.*, ${sql.join(OPD_IMPOR_COMPARED.map((f) => sql.raw(`b."old_${f}"`)))}
    ), history AS (
      INSERT INTO organisasi.history (entity_type, entity_id, version, action, changed, snapshot, actor_type, actor_id, actor_name, request_id)
      SELECT 'opd', o.id, o.version, 'updated',
             array_remove(ARRAY[${sql.join(OPD_IMPOR_COMPARED.map((f) => sql.raw(`CASE WHEN o.${COLUMN[f]} IS DISTINCT FROM o."old_${f}" THEN '${f}' END`)))}], NULL),
             ${SNAPSHOT}, ${actor.type}, ${actor.id}, ${actor.name}, ${actor.requestId}
      FROM changed o
      RETURNING entity_id, changed
    )
    SELECT c.id, c.kode, c.version, h.changed FROM changed c JOIN history h ON h.entity_id = c.id`.execute(trx);
  if (created.rows.length + updated.rows.length > 0) {
    await recordAudit(trx, actor, { action: 'opd.diimpor', entityType: 'opd', entityId: null, after: { sumber, dibuat: created.rows.length, diubah: updated.rows.length } });
    await events.emitMany(trx, actor, [
      ...created.rows.map((o) => ({ type: 'opd.created', entityType: 'opd', entityId: o.id, payload: { id: o.id, kode: o.kode, nama: o.nama, jenis: o.jenis, version: 1, sumber } })),
      ...updated.rows.map((o) => ({ type: 'opd.updated', entityType: 'opd', entityId: o.id, payload: { id: o.id, kode: o.kode, version: o.version, changed: o.changed, sumber } })),
    ]);
  }
  return { dibuat: created.rows.length, diubah: updated.rows.length };
}

/** Completeness of the stored OPDs: filled values per field. */
export async function kelengkapanOpd(db: Kysely<DB>): Promise<{ total: number; terisi: Record<string, number> }> {
  const result = await sql<Record<string, string>>`
    SELECT count(*) AS total, count(nama) AS nama, count(singkatan) AS singkatan, count(kode_wilayah) AS "kodeWilayah", count(alamat) AS alamat,
           count(latitude) AS latitude
    FROM organisasi.opd WHERE archived_at IS NULL`.execute(db);
  const { total, ...rest } = result.rows[0]!;
  return { total: Number(total), terisi: Object.fromEntries(Object.entries(rest).map(([k, n]) => [k, Number(n)])) };
}
