import { sql } from 'kysely';
import type { Locale } from '../../core/i18n/locale.js';
import type { Kernel } from '../../core/kernel.js';
import { getAplikasi } from '../katalog/aplikasi.js';
import { datasetOf, pesanAturan, type Ringkasan } from './layanan.js';

/**
 * Data quality per dataset (the registry's records: completeness, probable duplicates; the
 * imports' invalid values; open conflicts) and per source app (its latest import per dataset).
 */
const persen = (n: number, total: number) => (total > 0 ? Math.round((n * 1000) / total) / 10 : 0);

async function konflikPerField(kernel: Kernel, where: { dataset?: string; aplikasiId?: string }) {
  const result = await sql<{ dataset: string; field: string; n: number }>`
    SELECT dataset, field, count(*)::int AS n FROM integrasi.konflik
    WHERE status = 'terbuka' ${where.dataset ? sql`AND dataset = ${where.dataset}` : sql``} ${where.aplikasiId ? sql`AND aplikasi_id = ${where.aplikasiId}` : sql``}
    GROUP BY dataset, field ORDER BY n DESC`.execute(kernel.db);
  return result.rows.map((r) => ({ dataset: r.dataset, field: r.field, jumlah: r.n }));
}

/** The latest dry-run of each app for a dataset (or of one app for each dataset). */
async function latestRuns(kernel: Kernel, where: { dataset?: string; aplikasiId?: string }) {
  const result = await sql<{ id: string; dataset: string; kode: string; nama: string; total: number; tidak_valid: number; ringkasan: Ringkasan; status: string; diperiksa_at: Date }>`
    SELECT DISTINCT ON (i.aplikasi_id, i.dataset) i.id, i.dataset, a.kode, a.nama, i.total, i.tidak_valid, i.ringkasan, i.status, i.diperiksa_at
    FROM integrasi.impor i JOIN integrasi.aplikasi a ON a.id = i.aplikasi_id
    WHERE i.ringkasan IS NOT NULL ${where.dataset ? sql`AND i.dataset = ${where.dataset}` : sql``} ${where.aplikasiId ? sql`AND i.aplikasi_id = ${where.aplikasiId}` : sql``}
    ORDER BY i.aplikasi_id, i.dataset, i.diperiksa_at DESC`.execute(kernel.db);
  return result.rows;
}

export async function kualitasDataset(kernel: Kernel, name: string, locale: Locale) {
  const dataset = datasetOf(name);
  const kelengkapan = await dataset.kelengkapan(kernel.db);
  const runs = await latestRuns(kernel, { dataset: dataset.nama });
  const invalid = new Map<string, { aturan: string; field: string; jumlah: number }>();
  for (const run of runs) for (const a of run.ringkasan.aturan) {
    const key = `${a.aturan}|${a.field}`;
    const entry = invalid.get(key) ?? { ...a, jumlah: 0 };
    entry.jumlah += a.jumlah;
    invalid.set(key, entry);
  }
  return {
    dataset: dataset.nama,
    total: kelengkapan.total,
    kelengkapan: Object.entries(kelengkapan.terisi).map(([field, terisi]) => ({
      field, label: dataset.labels[field]?.[locale] ?? field, terisi, persen: persen(terisi, kelengkapan.total),
    })),
    nilaiTidakValid: [...invalid.values()].sort((a, b) => b.jumlah - a.jumlah).map((a) => ({ ...a, pesan: pesanAturan(a.aturan, {}, locale) })),
    duplikat: dataset.duplikat ? await dataset.duplikat(kernel.db) : { total: 0, contoh: [] },
    kunciGandaDalamBerkas: runs.reduce((sum, run) => sum + (run.ringkasan.kunciGanda ?? 0), 0),
    konflikTerbuka: await konflikPerField(kernel, { dataset: dataset.nama }),
    sumber: runs.map((run) => ({ kode: run.kode, nama: run.nama, imporId: run.id, baris: run.total, tidakValid: run.tidak_valid, status: run.status })),
  };
}

export async function kualitasAplikasi(kernel: Kernel, ref: string, locale: Locale) {
  const app = await getAplikasi(kernel.db, ref);
  const runs = await latestRuns(kernel, { aplikasiId: app.id });
  const counts = await sql<{ dataset: string; n: number; selesai: number }>`
    SELECT dataset, count(*)::int AS n, count(*) FILTER (WHERE status = 'selesai')::int AS selesai FROM integrasi.impor WHERE aplikasi_id = ${app.id} GROUP BY dataset`.execute(kernel.db);
  return {
    aplikasi: { id: app.id, kode: app.kode, nama: app.nama },
    dataset: runs.map((run) => {
      const dataset = datasetOf(run.dataset);
      return {
        dataset: run.dataset,
        imporId: run.id,
        baris: run.total,
        tidakValid: run.tidak_valid,
        kelengkapan: Object.entries(run.ringkasan.terisi).map(([field, terisi]) => ({ field, label: dataset.labels[field]?.[locale] ?? field, terisi, persen: persen(terisi, run.total) })),
        nilaiTidakValid: run.ringkasan.aturan.map((a) => ({ ...a, pesan: pesanAturan(a.aturan, {}, locale) })),
        kunciGanda: run.ringkasan.kunciGanda ?? 0,
        kolomTidakDikenal: run.ringkasan.tidakDikenal ?? [],
        impor: counts.rows.find((c) => c.dataset === run.dataset) ?? { n: 0, selesai: 0 },
      };
    }),
    konflikTerbuka: await konflikPerField(kernel, { aplikasiId: app.id }),
  };
}
