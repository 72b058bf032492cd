import { sql } from 'kysely';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import { AppError } from '../../core/http/errors.js';
import type { Locale } from '../../core/i18n/locale.js';
import type { Kernel } from '../../core/kernel.js';
import type { AnyDb } from '../db.js';
import { maskNik } from '../../registry/identity/index.js';
import { datasets, isDataset } from './dataset.js';
import { pesanAturan } from './layanan.js';
import { inClientTransaction, simpanProvenans } from './pekerja.js';
import { sidikNilai } from './sidik.js';

/**
 * The reconciliation queue: conflicts between sources, decided by a walidata (keep the current
 * value, take the incoming one, or enter a corrected one) with a reason. A decision writes the
 * registry through its own functions, is audited, and is emitted as `rekonsiliasi.diputuskan`
 * so the apps can correct their copies.
 */
export interface KonflikRow {
  id: string;
  dataset: string;
  kunci: string;
  field: string;
  nilai_sekarang: string | null;
  sumber_sekarang: { jenis: 'aplikasi' | 'registri'; aplikasiId?: string; kode?: string };
  nilai_masuk: string | null;
  aplikasi_id: string;
  aplikasi_kode: string;
  aplikasi_nama: string;
  impor_id: string;
  status: 'terbuka' | 'diputuskan';
  keputusan: string | null;
  nilai_akhir: string | null;
  alasan: string | null;
  diputuskan_oleh: string | null;
  diputuskan_at: Date | null;
  created_at: Date;
}

/** A resident's NIK is masked like in every list (137105******0003); an employee's NIP is not personal data. */
export const viewKonflik = (row: KonflikRow, locale: Locale) => ({
  id: row.id,
  dataset: row.dataset,
  kunci: row.dataset === 'penduduk' ? maskNik(row.kunci) : row.kunci,
  field: row.field,
  fieldLabel: isDataset(row.dataset) ? (datasets[row.dataset].labels[row.field]?.[locale] ?? row.field) : row.field,
  nilaiSekarang: row.nilai_sekarang,
  sumberSekarang: row.sumber_sekarang,
  nilaiMasuk: row.nilai_masuk,
  aplikasi: { id: row.aplikasi_id, kode: row.aplikasi_kode, nama: row.aplikasi_nama },
  imporId: row.impor_id,
  status: row.status,
  keputusan: row.keputusan,
  nilaiAkhir: row.nilai_akhir,
  alasan: row.alasan,
  diputuskanOleh: row.diputuskan_oleh,
  diputuskanAt: row.diputuskan_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
});

const SELECT = sql`
  SELECT k.*, a.kode AS aplikasi_kode, a.nama AS aplikasi_nama
  FROM integrasi.konflik k JOIN integrasi.aplikasi a ON a.id = k.aplikasi_id`;

export interface KonflikQuery {
  status?: 'terbuka' | 'diputuskan';
  dataset?: string;
  aplikasi?: string;
  field?: string;
  kunci?: string;
  cursor?: string;
  limit: number;
}

export async function daftarKonflik(db: AnyDb, query: KonflikQuery): Promise<{ items: KonflikRow[]; total: number; nextCursor: string | null }> {
  const filters = sql.join(
    [
      sql`k.status = ${query.status ?? 'terbuka'}`,
      query.dataset ? sql`k.dataset = ${query.dataset}` : sql`true`,
      query.aplikasi ? sql`(a.kode = ${query.aplikasi} OR a.id::text = ${query.aplikasi})` : sql`true`,
      query.field ? sql`k.field = ${query.field}` : sql`true`,
      query.kunci ? sql`k.kunci LIKE ${`${query.kunci.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : sql`true`,
    ],
    sql` AND `,
  );
  const after = query.cursor && /^[0-9a-f-]{36}$/i.test(query.cursor) ? sql`AND k.id > ${query.cursor}` : sql``;
  const rows = await sql<KonflikRow>`${SELECT} WHERE ${filters} ${after} ORDER BY k.id LIMIT ${query.limit + 1}`.execute(db);
  const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM integrasi.konflik k JOIN integrasi.aplikasi a ON a.id = k.aplikasi_id WHERE ${filters}`.execute(db);
  const more = rows.rows.length > query.limit;
  const items = rows.rows.slice(0, query.limit);
  return { items, total: total.rows[0]!.n, nextCursor: more ? items.at(-1)!.id : null };
}

export interface KeputusanInput {
  keputusan: 'pertahankan' | 'ambil_masuk' | 'koreksi';
  nilai?: string;
  alasan: string;
}

export async function putuskanKonflik(kernel: Kernel, actor: Actor, id: string, input: KeputusanInput, locale: Locale): Promise<KonflikRow> {
  const alasan = input.alasan.trim();
  if (alasan.length < 5) throw new AppError('request.invalid', {}, [{ field: 'alasan', rule: 'minLength', params: { limit: 5 } }]);
  if (input.keputusan === 'koreksi' && !input.nilai?.trim()) throw new AppError('request.invalid', {}, [{ field: 'nilai', rule: 'required' }]);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('integrasi.konflik_not_found', { ref: id });
  const rules = await (async () => {
    const found = await sql<{ dataset: string }>`SELECT dataset FROM integrasi.konflik WHERE id = ${id}`.execute(kernel.db);
    const ds = found.rows[0]?.dataset;
    if (!ds || !isDataset(ds)) throw new AppError('integrasi.konflik_not_found', { ref: id });
    return datasets[ds].rules(kernel.db, kernel.config.pemdaCode);
  })();
  await inClientTransaction(kernel, async (trx, client) => {
    const locked = await sql<KonflikRow>`${SELECT} WHERE k.id = ${id} FOR UPDATE OF k`.execute(trx);
    const konflik = locked.rows[0];
    if (!konflik) throw new AppError('integrasi.konflik_not_found', { ref: id });
    if (konflik.status !== 'terbuka') throw new AppError('integrasi.konflik_diputuskan');
    const dataset = datasets[konflik.dataset as keyof typeof datasets];
    const stored = (await dataset.current(trx, [konflik.kunci])).get(konflik.kunci);
    if (!stored) throw new AppError('integrasi.konflik_not_found', { ref: id });
    let nilaiAkhir = stored.values[konflik.field] ?? null;
    let sumber = konflik.sumber_sekarang.jenis === 'aplikasi' ? `aplikasi:${konflik.sumber_sekarang.kode}` : 'registri';
    if (input.keputusan !== 'pertahankan') {
      const raw = { ...stored.values, [dataset.key]: konflik.kunci, [konflik.field]: input.keputusan === 'koreksi' ? input.nilai!.trim() : konflik.nilai_masuk };
      const checked = dataset.check(raw as Record<string, string | null>, rules);
      if (checked.violations.length > 0) {
        throw new AppError('integrasi.konflik_nilai', { field: konflik.field, rules: checked.violations.map((v) => `${v.field}: ${pesanAturan(v.rule, v.params, locale)}`).join('; ') });
      }
      nilaiAkhir = checked.values[konflik.field] ?? null;
      if (nilaiAkhir !== null && nilaiAkhir !== stored.values[konflik.field]) {
        await dataset.apply(trx, client, kernel.events, actor, `rekonsiliasi:${konflik.id}`, [{ values: { [dataset.key]: konflik.kunci, [konflik.field]: nilaiAkhir }, tulis: [konflik.field], baru: false }]);
      }
      if (input.keputusan === 'ambil_masuk' && nilaiAkhir !== null) {
        // The stored value now came from the incoming app: its later imports of it are "same source".
        await simpanProvenans(trx, konflik.dataset, konflik.aplikasi_id, konflik.impor_id, [{ kunci: konflik.kunci, nilai: { [konflik.field]: sidikNilai(nilaiAkhir) } }]);
        sumber = `aplikasi:${konflik.aplikasi_kode}`;
      } else sumber = 'koreksi';
    }
    await sql`
      UPDATE integrasi.konflik SET status = 'diputuskan', keputusan = ${input.keputusan}, nilai_akhir = ${nilaiAkhir}, alasan = ${alasan},
             diputuskan_oleh = ${actor.name ?? actor.id}, diputuskan_at = now(), updated_at = now()
      WHERE id = ${id}`.execute(trx);
    await recordAudit(trx, actor, {
      action: 'integrasi.konflik_diputuskan', entityType: 'integrasi.konflik', entityId: id,
      before: { dataset: konflik.dataset, kunci: konflik.dataset === 'penduduk' ? `${konflik.kunci.slice(0, 6)}******${konflik.kunci.slice(12)}` : konflik.kunci, field: konflik.field, nilai: konflik.nilai_sekarang, sumber: konflik.sumber_sekarang },
      after: { keputusan: input.keputusan, nilai: nilaiAkhir, sumber, alasan, aplikasiMasuk: konflik.aplikasi_kode },
    });
    // The record by its opaque id (and NIP for employees, as pegawai's own events do): never a resident's values.
    await kernel.events.emit(trx, actor, {
      type: 'rekonsiliasi.diputuskan', entityType: konflik.dataset, entityId: stored.id,
      payload: {
        konflikId: id, dataset: konflik.dataset, id: stored.id, ...(konflik.dataset === 'pegawai' ? { nip: konflik.kunci } : {}),
        field: konflik.field, keputusan: input.keputusan, sumber, aplikasiMasuk: konflik.aplikasi_kode,
        sumberSebelumnya: konflik.sumber_sekarang.jenis === 'aplikasi' ? `aplikasi:${konflik.sumber_sekarang.kode}` : 'registri',
      },
    });
  });
  const after = await sql<KonflikRow>`${SELECT} WHERE k.id = ${id}`.execute(kernel.db);
  return after.rows[0]!;
}
