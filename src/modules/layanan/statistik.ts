import { sql, type RawBuilder } from 'kysely';
import { getWilayah, listKelurahan } from '../../registry/wilayah/index.js';
import { dayWib } from './kalender.js';
import { listJenis } from './katalog.js';
import { kodeKecamatanOf, titleCase } from './pemohon.js';
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
  /** Per kelurahan, with its name and kecamatan; for a lurah's or camat's places also those without requests. */
  menurutKelurahan: (Angka & { kodeKelurahan: string; kelurahan: string; kodeKecamatan: string; kecamatan: string })[];
  /** Per letter type, named as the catalogue names it now. */
  menurutJenis: (Angka & { jenis: string; nama: string })[];
  /** Per month of submission (WIB), `YYYY-MM`. */
  menurutBulan: (Angka & { bulan: string })[];
}

/** The figures of one group: counts, the median time to completion and the share within SLA. */
export interface Angka {
  diajukan: number;
  selesai: number;
  tepatWaktu: number;
  medianHariSelesai: number | null;
  persenTepatWaktu: number | null;
}

interface AngkaRow {
  kode: string;
  diajukan: number;
  selesai: number;
  tepat: number;
  median: number | null;
}

const days = (median: number | null) => (median === null ? null : Math.round(median * 100) / 100);
const share = (tepat: number, selesai: number) => (selesai === 0 ? null : Math.round((tepat / selesai) * 1000) / 10);
const angka = (r: AngkaRow | undefined): Angka => ({
  diajukan: r?.diajukan ?? 0,
  selesai: r?.selesai ?? 0,
  tepatWaktu: r?.tepat ?? 0,
  medianHariSelesai: days(r?.median ?? null),
  persenTepatWaktu: share(r?.tepat ?? 0, r?.selesai ?? 0),
});

/** A place's name as the wilayah registry keeps it, in title case; the code when it is not there. */
async function namesOf(db: Parameters<typeof getWilayah>[0], kodes: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(kodes)];
  const found = await Promise.all(unique.map((kode) => getWilayah(db, kode)));
  return new Map(unique.map((kode, i) => [kode, found[i] ? titleCase(found[i]!.nama) : kode]));
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
    menurutKelurahan: [],
    menurutJenis: [],
    menurutBulan: [],
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
  const perGroup = async (key: RawBuilder<string>) =>
    (await sql<AngkaRow>`
      SELECT ${key} AS kode, count(*)::int AS diajukan, count(*) FILTER (WHERE p.status = 'selesai')::int AS selesai,
        count(*) FILTER (WHERE ${ontime})::int AS tepat,
        (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.selesai_at - p.diajukan_at) / 86400.0)
          FILTER (WHERE p.status = 'selesai'))::float8 AS median
      FROM layanan.permohonan p WHERE ${where}
      GROUP BY 1 ORDER BY 1`.execute(db)).rows;
  const [byKelurahan, byJenis, byBulan, katalog] = await Promise.all([
    perGroup(sql<string>`p.kode_kelurahan`),
    perGroup(sql<string>`p.jenis->>'kode'`),
    perGroup(sql<string>`to_char(p.diajukan_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM')`),
    listJenis(db, { includeArchived: true }),
  ]);

  // A lurah or camat also sees their kelurahan without requests; the city's list names only those with some.
  const kelurahanKodes = new Set(byKelurahan.map((r) => r.kode));
  if (!scope.city) {
    for (const kode of scope.kelurahan) kelurahanKodes.add(kode);
    for (const kec of scope.kecamatan) for (const kel of await listKelurahan(db, kec)) kelurahanKodes.add(kel.kode);
  }
  const wanted = [...kelurahanKodes]
    .filter((kode) => (!query.kelurahan || kode === query.kelurahan) && (!query.kecamatan || kodeKecamatanOf(kode) === query.kecamatan))
    .sort();
  const names = await namesOf(db, [...wanted, ...wanted.map(kodeKecamatanOf)]);
  const kelurahanRows = new Map(byKelurahan.map((r) => [r.kode, r]));
  const jenisNames = new Map(katalog.map((j) => [j.kode, j.nama]));

  return {
    tahun: query.tahun,
    ringkasan: {
      diajukan: s.diajukan,
      selesai: s.selesai,
      ditolak: s.ditolak,
      dibatalkan: s.dibatalkan,
      berjalan: s.berjalan,
      terlambat: s.terlambat,
      medianHariSelesai: days(s.median),
      persenTepatWaktu: share(s.tepat, s.selesai),
    },
    perBulan: months.map((m) => ({ bulan: m.bulan, kodeKelurahan: m.kode_kelurahan, jenis: m.jenis, diajukan: m.diajukan, selesai: m.selesai, tepatWaktu: m.tepat })),
    menurutKelurahan: wanted.map((kode) => ({
      kodeKelurahan: kode,
      kelurahan: names.get(kode) ?? kode,
      kodeKecamatan: kodeKecamatanOf(kode),
      kecamatan: names.get(kodeKecamatanOf(kode)) ?? kodeKecamatanOf(kode),
      ...angka(kelurahanRows.get(kode)),
    })),
    menurutJenis: byJenis.map((r) => ({ jenis: r.kode, nama: jenisNames.get(r.kode) ?? r.kode, ...angka(r) })),
    menurutBulan: byBulan.map((r) => ({ bulan: r.kode, ...angka(r) })),
  };
}
