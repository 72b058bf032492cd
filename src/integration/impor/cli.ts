import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { systemActor } from '../../core/audit/actor.js';
import type { Kernel } from '../../core/kernel.js';
import { getImpor, masalah, periksa, terapkan, unggah, type Pemetaan } from './layanan.js';
import { jalankan, klaim } from './pekerja.js';

export interface ImporCliOptions {
  aplikasi?: string;
  dataset?: string;
  pemetaan?: string;
  uji?: boolean;
  id?: string;
}

const fmt = (n: number) => n.toLocaleString('id-ID');

/**
 * `padu impor <file> --aplikasi <kode> --dataset <penduduk|pegawai>`: upload, dry-run, apply with
 * a progress line. `--uji` stops after the dry-run; `--id <import>` resumes (or watches) an import.
 * Returns the exit code: 0 done, 1 invalid rows or a failed import.
 */
export async function imporCli(kernel: Kernel, berkas: string | undefined, options: ImporCliOptions, out: NodeJS.WriteStream = process.stdout): Promise<number> {
  const actor = systemActor('cli');
  let id = options.id;
  if (!id) {
    if (!berkas || !options.aplikasi || !options.dataset) {
      out.write('Pakai: padu impor <berkas> --aplikasi <kode> --dataset <penduduk|pegawai|organisasi>  (atau --id <impor> untuk melanjutkan)\n');
      return 2;
    }
    const isi = await readFile(berkas);
    const up = await unggah(kernel, actor, { aplikasi: options.aplikasi, dataset: options.dataset, nama: path.basename(berkas), isi });
    id = up.id;
    out.write(`Impor ${id}: ${fmt(up.total)} baris dari ${up.berkas_nama} (${up.format}) untuk ${up.dataset}, aplikasi ${up.aplikasi_kode}\n`);
    const pemetaan: Pemetaan | undefined = options.pemetaan ? JSON.parse(await readFile(options.pemetaan, 'utf8')) : undefined;
    const checked = await periksa(kernel, actor, id, pemetaan);
    const mapped = Object.entries(checked.pemetaan).map(([k, f]) => `${k}→${f ?? '-'}`).join(', ');
    out.write(`Pemetaan kolom: ${mapped}\n`);
    out.write(`Uji coba: ${fmt(checked.valid ?? 0)} baris valid, ${fmt(checked.tidak_valid ?? 0)} tidak valid\n`);
    if ((checked.tidak_valid ?? 0) > 0) {
      for (const rule of checked.ringkasan?.aturan.slice(0, 10) ?? []) out.write(`  ${rule.field}: ${rule.aturan} × ${fmt(rule.jumlah)}\n`);
      const first = await masalah(kernel.db, id, { limit: 10 }, 'id');
      for (const item of first.items) out.write(`  baris ${item.baris} ${item.kolom ?? item.field}: ${item.pesan}\n`);
      out.write('Tidak ada yang diterapkan (nothing applied).\n');
      return 1;
    }
    if (options.uji) return 0;
    await terapkan(kernel, actor, id);
  }
  const owner = `cli-${process.pid}`;
  const progress = (done: number, total: number) => out.write(`\rDiterapkan ${fmt(done)} / ${fmt(total)} baris (${total ? Math.floor((done * 100) / total) : 100}%)`);
  for (;;) {
    const job = await klaim(kernel, owner, id);
    if (job) {
      progress(job.baris_selesai, job.valid ?? job.total);
      await jalankan(kernel, owner, job, progress);
    }
    const now = await getImpor(kernel.db, id);
    if (now.status === 'selesai') {
      out.write(`\nSelesai: ${fmt(now.dibuat)} dibuat, ${fmt(now.diubah)} diubah, ${fmt(now.sama)} sama, ${fmt(now.konflik)} konflik ke antrean rekonsiliasi\n`);
      return 0;
    }
    if (now.status === 'gagal') {
      out.write(`\nGagal: ${now.galat}\n`);
      return 1;
    }
    if (now.status !== 'antre' && now.status !== 'berjalan') {
      out.write(`Impor berstatus ${now.status}.\n`);
      return 1;
    }
    // Another process holds it: show its progress until it ends (or its lease runs out and we take over).
    progress(now.baris_selesai, now.valid ?? now.total);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
