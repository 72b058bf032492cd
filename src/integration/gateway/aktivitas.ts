import { sql } from 'kysely';
import { registerActivityProvider, type Activity } from '../aktivitas.js';
import type { AnyDb } from '../db.js';

/**
 * Gateway activity for the integration levels and map, from the meter: each caller `call`s the
 * provider (peer = provider) and each provider `provide`s to the caller (peer = caller).
 */
export async function gatewayActivity(db: AnyDb, since: Date): Promise<Activity[]> {
  const { rows } = await sql<{ klien: string; penyedia: string; jumlah: string; terakhir: Date }>`
    SELECT m.klien_aplikasi_id AS klien, l.aplikasi_id AS penyedia, sum(m.jumlah) AS jumlah, max(m.terakhir) AS terakhir
    FROM integrasi.gw_meter m JOIN integrasi.gw_layanan l ON l.id = m.layanan_id
    WHERE m.terakhir >= ${since}
    GROUP BY m.klien_aplikasi_id, l.aplikasi_id`.execute(db);
  return rows.flatMap((r) => [
    { aplikasiId: r.klien, kind: 'call' as const, dataset: null, peerAplikasiId: r.penyedia, count: Number(r.jumlah), lastAt: r.terakhir },
    { aplikasiId: r.penyedia, kind: 'provide' as const, dataset: null, peerAplikasiId: r.klien, count: Number(r.jumlah), lastAt: r.terakhir },
  ]);
}

registerActivityProvider('gateway', gatewayActivity);
