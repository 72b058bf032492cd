import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { lockedFor, recordFailure } from '../../core/auth/throttle.js';
import { AppError } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { normaliseKode } from './pemohon.js';
import type { Status } from './permohonan.js';

/**
 * What anyone may ask without signing in: is this letter genuine (by the token in its QR code,
 * or by uploading the PDF), and where is my request (by its tracking code). Answers carry no
 * personal data beyond the holder's partly masked name. Every visit is logged; an address that
 * keeps asking for tokens or codes that do not exist is locked out for a while (429).
 */
export interface Visit {
  ip: string;
  userAgent: string | null;
}

/** `Rahmat Hidayat` → `Ra**** Hi*****`: each word keeps its first letters. */
export function maskNama(nama: string): string {
  return nama
    .trim()
    .split(/\s+/)
    .map((word) => {
      const letters = [...word];
      const keep = letters.length <= 2 ? 1 : 2;
      return letters.slice(0, keep).join('') + '*'.repeat(Math.max(letters.length - keep, 1));
    })
    .join(' ');
}

const throttleKey = (ip: string) => `layanan.publik:${ip}`;

async function guard(kernel: Kernel, visit: Visit): Promise<void> {
  const seconds = await lockedFor(kernel.db, [throttleKey(visit.ip)]);
  if (seconds > 0) {
    throw new AppError('layanan.terlalu_banyak_percobaan', { minutes: Math.ceil(seconds / 60) }, [], { 'retry-after': String(seconds) });
  }
}

async function miss(kernel: Kernel, visit: Visit): Promise<void> {
  await recordFailure(kernel.db, throttleKey(visit.ip), {
    maxFailures: kernel.config.layananPublicMaxMisses,
    lockMinutes: kernel.config.layananPublicLockMinutes,
  });
}

async function log(kernel: Kernel, visit: Visit, jenis: 'verifikasi' | 'berkas' | 'lacak', hasil: string, ids: { surat?: string; permohonan?: string } = {}): Promise<void> {
  await sql`INSERT INTO layanan.kunjungan_publik (jenis, surat_id, permohonan_id, hasil, alamat, user_agent)
    VALUES (${jenis}, ${ids.surat ?? null}, ${ids.permohonan ?? null}, ${hasil}, ${visit.ip}, ${visit.userAgent?.slice(0, 300) ?? null})`.execute(kernel.db);
}

interface SuratPublik {
  id: string;
  jenis_nama: string;
  nomor: string;
  tanggal: string;
  pemegang: string;
  nama_kelurahan: string;
  sha256: string;
  dicabut_at: Date | null;
  alasan_cabut: string | null;
}

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

async function byToken(kernel: Kernel, token: string): Promise<SuratPublik | null> {
  if (!TOKEN.test(token)) return null;
  const { rows } = await sql<SuratPublik>`
    SELECT id, jenis_nama, nomor, tanggal::text AS tanggal, pemegang, nama_kelurahan, sha256, dicabut_at, alasan_cabut
    FROM layanan.surat WHERE token = ${token}`.execute(kernel.db);
  return rows[0] ?? null;
}

export interface Verifikasi {
  status: 'valid' | 'dicabut';
  jenis: string;
  nomor: string;
  tanggal: string;
  pemegang: string;
  kelurahan: string;
  dicabutPada: string | null;
  alasanCabut: string | null;
}

export async function verifikasi(kernel: Kernel, token: string, visit: Visit): Promise<Verifikasi> {
  await guard(kernel, visit);
  const surat = await byToken(kernel, token);
  if (!surat) {
    await miss(kernel, visit);
    await log(kernel, visit, 'verifikasi', 'tidak_dikenal');
    throw new AppError('layanan.surat_tidak_dikenal');
  }
  const status = surat.dicabut_at ? 'dicabut' : 'valid';
  await log(kernel, visit, 'verifikasi', status, { surat: surat.id });
  return {
    status,
    jenis: surat.jenis_nama,
    nomor: surat.nomor,
    tanggal: surat.tanggal,
    pemegang: maskNama(surat.pemegang),
    kelurahan: surat.nama_kelurahan,
    dicabutPada: surat.dicabut_at?.toISOString() ?? null,
    alasanCabut: surat.alasan_cabut,
  };
}

/** Is the uploaded PDF exactly the issued one? Compares SHA-256 with the stored hash. */
export async function cocokkanBerkas(kernel: Kernel, token: string, bytes: Buffer, visit: Visit): Promise<{ cocok: boolean }> {
  await guard(kernel, visit);
  const surat = await byToken(kernel, token);
  if (!surat) {
    await miss(kernel, visit);
    await log(kernel, visit, 'berkas', 'tidak_dikenal');
    throw new AppError('layanan.surat_tidak_dikenal');
  }
  const cocok = createHash('sha256').update(bytes).digest('hex') === surat.sha256;
  await log(kernel, visit, 'berkas', cocok ? 'cocok' : 'tidak_cocok', { surat: surat.id });
  return { cocok };
}

export interface Lacak {
  kodeLacak: string;
  jenis: string;
  status: Status;
  diajukanPada: string;
  jatuhTempo: string;
  selesaiPada: string | null;
  riwayat: { status: Status; pada: string }[];
}

/** Public tracking by code: the status and its dates only. */
export async function lacak(kernel: Kernel, kode: string, visit: Visit): Promise<Lacak> {
  await guard(kernel, visit);
  const normalised = normaliseKode(kode);
  const { rows } = normalised
    ? await sql<{ id: string; kode_lacak: string; nama: string; status: Status; diajukan_at: Date; jatuh_tempo: string; selesai_at: Date | null }>`
        SELECT id, kode_lacak, jenis->>'nama' AS nama, status, diajukan_at, jatuh_tempo::text AS jatuh_tempo, selesai_at
        FROM layanan.permohonan WHERE kode_lacak = ${normalised}`.execute(kernel.db)
    : { rows: [] };
  const row = rows[0];
  if (!row) {
    await miss(kernel, visit);
    await log(kernel, visit, 'lacak', 'tidak_dikenal');
    throw new AppError('layanan.lacak_tidak_dikenal');
  }
  await log(kernel, visit, 'lacak', row.status, { permohonan: row.id });
  const steps = await sql<{ ke: Status; at: Date }>`SELECT ke, at FROM layanan.permohonan_riwayat WHERE permohonan_id = ${row.id}::uuid ORDER BY id`.execute(kernel.db);
  return {
    kodeLacak: row.kode_lacak,
    jenis: row.nama,
    status: row.status,
    diajukanPada: row.diajukan_at.toISOString(),
    jatuhTempo: row.jatuh_tempo,
    selesaiPada: row.selesai_at?.toISOString() ?? null,
    riwayat: steps.rows.map((s) => ({ status: s.ke, pada: s.at.toISOString() })),
  };
}
