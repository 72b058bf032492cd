import { sql } from 'kysely';
import { dayWib } from './kalender.js';
import { isEmpty, scopeSql, type WilayahScope } from './permission.js';
import type { AnyDb } from './tables.js';

export interface StatistikQuery {
  tahun: number;
  kelurahan?: string;
  kecamatan?: string;
}

export interface Statistik {
  tahun: number;
  ringkasan: {
    diajukan: number;
    selesai: number;
    ditolak: number;
    dibatalkan: number;
    berjalan: number;
    terlambat: number;
    /** Median of submission → issue for finished requests, in days (null with none finished). */
    medianHariSelesai: number | null;
    /** Share of finished requests issued on or before their SLA due date, 0–100 (null with none finished). */
    persenTepatWaktu: number | null;
  };
  perBulan: { bulan: string; kodeKelurahan: string; jenis: string; diajukan: number; selesai: number; tepatWaktu: number }[];
}

/**
 * Figures for leaders over the requests submitted in a year, within the reader's places:
 * counts per kelurahan, letter type and month (WIB), the median time to completion and the
 * share finished within the SLA.
 */
export async function statistik(db: AnyDb, scope: WilayahScope, query: StatistikQuery): Promise<Statistik> {
  const empty: Statistik = {
    tahun: query.tahun,
    ringkasan: { diajukan: 0, selesai: 0, ditolak: 0, dibatalkan: 0, berjalan: 0, terlambat: 0, medianHariSelesai: null, persenTepatWaktu: null },
    perBulan: [],
  };
  if (isEmpty(scope)) return empty;
  const today = dayWib();
  const where = sql.join(
    [
      scopeSql(scope),
      sql<boolean>`p.diajukan_at >= make_timestamptz(${query.tahun}, 1, 1, 0, 0, 0, 'Asia/Jakarta')`,
      sql<boolean>`p.diajukan_at < make_timestamptz(${query.tahun + 1}, 1, 1, 0, 0, 0, 'Asia/Jakarta')`,
      ...(query.kelurahan ? [sql<boolean>`p.kode_kelurahan = ${query.kelurahan}`] : []),
      ...(query.kecamatan ? [sql<boolean>`p.kode_kecamatan = ${query.kecamatan}`] : []),
    ],
    sql` AND `,
  );
  const ontime = sql`(p.status = 'selesai' AND (p.selesai_at AT TIME ZONE 'Asia/Jakarta')::date <= p.jatuh_tempo)`;
  const { rows: summary } = await sql<{
    diajukan: number; selesai: number; ditolak: number; dibatalkan: number; berjalan: number; terlambat: number; median: number | null; tepat: number;
  }>`
    SELECT count(*)::int AS diajukan,
      count(*) FILTER (WHERE p.status = 'selesai')::int AS selesai,
      count(*) FILTER (WHERE p.status = 'ditolak')::int AS ditolak,
      count(*) FILTER (WHERE p.status = 'dibatalkan')::int AS dibatalkan,
      count(*) FILTER (WHERE p.status NOT IN ('selesai', 'ditolak', 'dibatalkan'))::int AS berjalan,
      count(*) FILTER (WHERE p.status NOT IN ('selesai', 'ditolak', 'dibatalkan') AND p.jatuh_tempo < ${today}::date)::int AS terlambat,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.selesai_at - p.diajukan_at) / 86400.0)
        FILTER (WHERE p.status = 'selesai'))::float8 AS median,
      count(*) FILTER (WHERE ${ontime})::int AS tepat
    FROM layanan.permohonan p WHERE ${where}`.execute(db);
  const s = summary[0]!;
  const { rows: months } = await sql<{ bulan: string; kode_kelurahan: string; jenis: string; diajukan: number; selesai: number; tepat: number }>`
    SELECT to_char(p.diajukan_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') AS bulan, p.kode_kelurahan, p.jenis->>'kode' AS jenis,
      count(*)::int AS diajukan, count(*) FILTER (WHERE p.status = 'selesai')::int AS selesai, count(*) FILTER (WHERE ${ontime})::int AS tepat
    FROM layanan.permohonan p WHERE ${where}
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`.execute(db);
  return {
    tahun: query.tahun,
    ringkasan: {
      diajukan: s.diajukan,
      selesai: s.selesai,
      ditolak: s.ditolak,
      dibatalkan: s.dibatalkan,
      berjalan: s.berjalan,
      terlambat: s.terlambat,
      medianHariSelesai: s.median === null ? null : Math.round(s.median * 100) / 100,
      persenTepatWaktu: s.selesai === 0 ? null : Math.round((s.tepat / s.selesai) * 1000) / 10,
    },
    perBulan: months.map((m) => ({ bulan: m.bulan, kodeKelurahan: m.kode_kelurahan, jenis: m.jenis, diajukan: m.diajukan, selesai: m.selesai, tepatWaktu: m.tepat })),
  };
}
