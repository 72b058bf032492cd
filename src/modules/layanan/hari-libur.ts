import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import { AppError } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { assertCurrent, expectedVersion } from '../../registry/kernel/etag.js';
import { SEED_HARI_LIBUR_2026 } from './data.js';
import type { Holidays } from './kalender.js';
import type { AnyDb } from './tables.js';

export type JenisLibur = 'nasional' | 'cuti_bersama' | 'daerah';

export interface HariLibur {
  id: string;
  tanggal: string;
  nama: string;
  jenis: JenisLibur;
  perkiraan: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  tanggal: string;
  nama: string;
  jenis: JenisLibur;
  perkiraan: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const toHariLibur = (r: Row): HariLibur => ({
  id: r.id,
  tanggal: r.tanggal,
  nama: r.nama,
  jenis: r.jenis,
  perkiraan: r.perkiraan,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const SELECT = sql`SELECT id, tanggal::text AS tanggal, nama, jenis, perkiraan, version, created_at, updated_at FROM layanan.hari_libur`;

export async function listHariLibur(db: AnyDb, tahun?: number): Promise<HariLibur[]> {
  const where = tahun ? sql`WHERE tanggal >= make_date(${tahun}, 1, 1) AND tanggal < make_date(${tahun + 1}, 1, 1)` : sql``;
  const { rows } = await sql<Row>`${SELECT} ${where} ORDER BY tanggal`.execute(db);
  return rows.map(toHariLibur);
}

/** Every holiday as a set of days: a few dozen rows a year, read once per request that needs them. */
export async function loadHolidays(db: AnyDb): Promise<Holidays> {
  const { rows } = await sql<{ tanggal: string }>`SELECT tanggal::text AS tanggal FROM layanan.hari_libur`.execute(db);
  return new Set(rows.map((r) => r.tanggal));
}

async function find(db: AnyDb, id: string, forUpdate = false): Promise<HariLibur | null> {
  const { rows } = await sql<Row>`${SELECT} WHERE id = ${id}::uuid ${forUpdate ? sql`FOR UPDATE` : sql``}`.execute(db);
  return rows[0] ? toHariLibur(rows[0]) : null;
}

export interface HariLiburInput {
  tanggal: string;
  nama: string;
  jenis: JenisLibur;
  perkiraan?: boolean;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

export async function createHariLibur(kernel: Kernel, actor: Actor, input: HariLiburInput): Promise<HariLibur> {
  const id = uuidv7();
  try {
    return await kernel.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO layanan.hari_libur (id, tanggal, nama, jenis, perkiraan)
        VALUES (${id}, ${input.tanggal}::date, ${input.nama.trim()}, ${input.jenis}, ${input.perkiraan ?? false})`.execute(trx);
      const created = (await find(trx, id))!;
      await recordAudit(trx, actor, { action: 'hari_libur.created', entityType: 'hari_libur', entityId: id, after: created });
      await kernel.events.emit(trx, actor, { type: 'hari_libur.created', entityType: 'hari_libur', entityId: id, payload: { id, tanggal: created.tanggal, jenis: created.jenis } });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('layanan.hari_libur_taken', { tanggal: input.tanggal });
    throw error;
  }
}

export async function updateHariLibur(kernel: Kernel, actor: Actor, id: string, ifMatch: string | undefined, patch: Partial<HariLiburInput>): Promise<HariLibur> {
  try {
    return await kernel.db.transaction().execute(async (trx) => {
      const before = await find(trx, id, true);
      if (!before) throw new AppError('layanan.hari_libur_not_found', { id });
      assertCurrent(before.version, expectedVersion(ifMatch));
      const next = {
        tanggal: patch.tanggal ?? before.tanggal,
        nama: patch.nama?.trim() ?? before.nama,
        jenis: patch.jenis ?? before.jenis,
        perkiraan: patch.perkiraan ?? before.perkiraan,
      };
      if (next.tanggal === before.tanggal && next.nama === before.nama && next.jenis === before.jenis && next.perkiraan === before.perkiraan) return before;
      await sql`UPDATE layanan.hari_libur SET tanggal = ${next.tanggal}::date, nama = ${next.nama}, jenis = ${next.jenis}, perkiraan = ${next.perkiraan},
        version = version + 1, updated_at = now() WHERE id = ${id}::uuid`.execute(trx);
      const after = (await find(trx, id))!;
      await recordAudit(trx, actor, { action: 'hari_libur.updated', entityType: 'hari_libur', entityId: id, before, after });
      await kernel.events.emit(trx, actor, { type: 'hari_libur.updated', entityType: 'hari_libur', entityId: id, payload: { id, tanggal: after.tanggal, dari: before.tanggal } });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('layanan.hari_libur_taken', { tanggal: patch.tanggal ?? '' });
    throw error;
  }
}

export async function deleteHariLibur(kernel: Kernel, actor: Actor, id: string, ifMatch: string | undefined): Promise<void> {
  await kernel.db.transaction().execute(async (trx) => {
    const before = await find(trx, id, true);
    if (!before) throw new AppError('layanan.hari_libur_not_found', { id });
    assertCurrent(before.version, expectedVersion(ifMatch));
    await sql`DELETE FROM layanan.hari_libur WHERE id = ${id}::uuid`.execute(trx);
    await recordAudit(trx, actor, { action: 'hari_libur.deleted', entityType: 'hari_libur', entityId: id, before });
    await kernel.events.emit(trx, actor, { type: 'hari_libur.deleted', entityType: 'hari_libur', entityId: id, payload: { id, tanggal: before.tanggal } });
  });
}

/** The 2026 holidays, inserted once per date (an admin's corrections and deletions stay: a seeded date is never re-added once the table has that year). */
export async function seedHariLibur(db: AnyDb): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM layanan.hari_libur WHERE tanggal >= '2026-01-01' AND tanggal < '2027-01-01'`.execute(db);
  if (rows[0]!.n > 0) return 0;
  const values = SEED_HARI_LIBUR_2026.map((h) => sql`(${uuidv7()}, ${h.tanggal}::date, ${h.nama}, ${h.jenis}, ${h.perkiraan})`);
  const inserted = await sql`INSERT INTO layanan.hari_libur (id, tanggal, nama, jenis, perkiraan) VALUES ${sql.join(values)} ON CONFLICT (tanggal) DO NOTHING`.execute(db);
  return Number(inserted.numAffectedRows ?? 0);
}
