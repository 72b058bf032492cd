import { sql } from 'kysely';
import { maskValue } from '../../core/privacy/mask.js';
import { maskNik } from '../identity/index.js';
import type { Kewarganegaraan, PendudukDb, PendudukTrx, Status } from './tables.js';

/** A family's address as the API shows it. */
export interface Alamat {
  noKk: string;
  kodeKelurahan: string;
  alamat: string;
  rt: string;
  rw: string;
}

/** A resident, full. Only `lengkap` (with a reason, logged) and writes by staff return this shape unmasked. */
export interface Penduduk extends Alamat {
  id: string;
  /** The family card's opaque id (GET /api/v1/keluarga/{id}): links a resident to the family without the No. KK. */
  keluargaId: string;
  nik: string;
  nama: string;
  jenisKelamin: 'L' | 'P';
  tempatLahir: string;
  tanggalLahir: string | null;
  tahunLahir: number;
  agama: number;
  pendidikan: number;
  pekerjaan: number;
  statusKawin: number;
  shdk: number;
  status: Status;
  kewarganegaraan: Kewarganegaraan;
  /** True when nik, noKk, tanggalLahir and alamat are masked. */
  masked: boolean;
  version: number;
  archivedAt: string | null;
  archiveReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export const PENDUDUK_FIELDS = [
  'nik', 'noKk', 'keluargaId', 'nama', 'jenisKelamin', 'tempatLahir', 'tanggalLahir', 'tahunLahir', 'agama', 'pendidikan', 'pekerjaan',
  'statusKawin', 'shdk', 'status', 'kewarganegaraan', 'kodeKelurahan', 'alamat', 'rt', 'rw', 'masked', 'version',
  'archivedAt', 'archiveReason', 'createdAt', 'updatedAt',
] as const;
export type PendudukField = (typeof PENDUDUK_FIELDS)[number];

/** The fields of a resident that a PATCH may change (the NIK is permanent). */
export const EDITABLE = ['noKk', 'nama', 'jenisKelamin', 'tempatLahir', 'tanggalLahir', 'agama', 'pendidikan', 'pekerjaan', 'statusKawin', 'shdk', 'status', 'kewarganegaraan'] as const;

export function selectPenduduk(db: PendudukDb | PendudukTrx) {
  return db
    .selectFrom('penduduk.penduduk as p')
    .innerJoin('penduduk.keluarga as k', 'k.no_kk', 'p.no_kk')
    .select([
      'p.id', 'p.nik', 'p.no_kk', 'p.nama', 'p.jenis_kelamin', 'p.tempat_lahir', 'p.agama', 'p.pendidikan', 'p.pekerjaan',
      'p.status_kawin', 'p.shdk', 'p.status', 'p.kewarganegaraan', 'p.version', 'p.archived_at', 'p.archive_reason',
      'p.created_at', 'p.updated_at', 'k.id as keluarga_id', 'k.kode_kelurahan', 'k.alamat', 'k.rt', 'k.rw',
    ])
    .select(sql<string>`to_char(p.tanggal_lahir, 'YYYY-MM-DD')`.as('tanggal_lahir'));
}

export type PendudukRow = Awaited<ReturnType<ReturnType<typeof selectPenduduk>['execute']>>[number];

export function toPenduduk(row: PendudukRow): Penduduk {
  return {
    id: row.id,
    nik: row.nik,
    noKk: row.no_kk,
    keluargaId: row.keluarga_id,
    nama: row.nama,
    jenisKelamin: row.jenis_kelamin,
    tempatLahir: row.tempat_lahir,
    tanggalLahir: row.tanggal_lahir,
    tahunLahir: Number(row.tanggal_lahir.slice(0, 4)),
    agama: row.agama,
    pendidikan: row.pendidikan,
    pekerjaan: row.pekerjaan,
    statusKawin: row.status_kawin,
    shdk: row.shdk,
    status: row.status,
    kewarganegaraan: row.kewarganegaraan,
    kodeKelurahan: row.kode_kelurahan,
    alamat: row.alamat,
    rt: row.rt,
    rw: row.rw,
    masked: false,
    version: row.version,
    archivedAt: row.archived_at?.toISOString() ?? null,
    archiveReason: row.archive_reason,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * The default view: NIK and No. KK keep their first 6 and last 4 digits (`137105******0003`),
 * the birth date keeps only its year, the street address is masked; RT/RW and kelurahan stay,
 * since officers work by them.
 */
export function maskPenduduk(p: Penduduk): Penduduk {
  return { ...p, nik: maskNik(p.nik), noKk: maskValue(p.noKk), tanggalLahir: null, alamat: maskValue(p.alamat), masked: true };
}

/** A history snapshot as stored (full) or shown (masked). */
export function maskSnapshot(snapshot: Record<string, unknown>): Record<string, unknown> {
  const out = { ...snapshot };
  if (typeof out.nik === 'string') out.nik = maskNik(out.nik);
  if (typeof out.noKk === 'string') out.noKk = maskValue(out.noKk);
  if (typeof out.alamat === 'string') out.alamat = maskValue(out.alamat);
  if (typeof out.tanggalLahir === 'string') out.tanggalLahir = null;
  return out;
}

/** The snapshot kept in history: the resident's own fields, not the family's address. */
export function snapshotOf(p: Penduduk): Record<string, unknown> {
  const { masked: _m, keluargaId: _f, kodeKelurahan: _k, alamat: _a, rt: _rt, rw: _rw, createdAt: _c, updatedAt: _u, tahunLahir: _t, ...rest } = p;
  return rest;
}

export interface Keluarga extends Alamat {
  id: string;
  masked: boolean;
  version: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
  anggota: Penduduk[];
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
