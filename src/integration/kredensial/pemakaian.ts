import { sql } from 'kysely';
import type { Kernel } from '../../core/kernel.js';
import { getAplikasi } from '../katalog/aplikasi.js';

/** Per-endpoint use of one app over the last `days` days, from the metering table; every catalogue reader may see it. */
export async function readPemakaian(kernel: Kernel, ref: string, days: number) {
  const app = await getAplikasi(kernel.db, ref);
  const rows = await sql<{ metode: string; rute: string; scope: string; jumlah: string; gagal: string; ditolak: string; total_ms: number; terakhir: Date }>`
    SELECT metode, rute, scope, sum(jumlah) AS jumlah, sum(gagal) AS gagal, sum(ditolak) AS ditolak, sum(total_ms) AS total_ms, max(terakhir) AS terakhir
    FROM integrasi.pemakaian
    WHERE aplikasi_id = ${app.id} AND jam >= now() - make_interval(days => ${days})
    GROUP BY metode, rute, scope
    ORDER BY sum(jumlah) DESC, rute`.execute(kernel.db);
  const items = rows.rows.map((row) => ({
    metode: row.metode,
    rute: row.rute,
    scope: row.scope,
    jumlah: Number(row.jumlah),
    gagal: Number(row.gagal),
    ditolak: Number(row.ditolak),
    rataMs: Number(row.jumlah) > 0 ? Math.round((row.total_ms / Number(row.jumlah)) * 10) / 10 : 0,
    terakhir: row.terakhir,
  }));
  const total = items.reduce((sum, item) => ({ jumlah: sum.jumlah + item.jumlah, gagal: sum.gagal + item.gagal, ditolak: sum.ditolak + item.ditolak }), { jumlah: 0, gagal: 0, ditolak: 0 });
  return { items, total };
}
