import type { Selectable } from 'kysely';
import type { JabatanTable, OpdTable } from './tables.js';

/** Kinds of agency (OPD) in a kota government. */
export const OPD_JENIS = ['sekretariat', 'dinas', 'badan', 'inspektorat', 'satpol_pp', 'kantor', 'kecamatan', 'kelurahan', 'rsud', 'lainnya'] as const;
export type OpdJenis = (typeof OPD_JENIS)[number];

/** Kinds of unit inside an OPD, in the order an org chart lists siblings. */
export const UNIT_JENIS = ['sekretariat', 'bagian', 'bidang', 'sub_bagian', 'sub_bidang', 'seksi', 'upt', 'lainnya'] as const;
export type UnitJenis = (typeof UNIT_JENIS)[number];

export const JABATAN_JENIS = ['struktural', 'fungsional', 'pelaksana'] as const;
export type JabatanJenis = (typeof JABATAN_JENIS)[number];

/** Eselon of a structural position, highest first. */
export const ESELON = ['I.a', 'I.b', 'II.a', 'II.b', 'III.a', 'III.b', 'IV.a', 'IV.b', 'V.a'] as const;
export type Eselon = (typeof ESELON)[number];

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);

export interface Opd {
  id: string;
  kode: string;
  nama: string;
  singkatan: string | null;
  jenis: OpdJenis;
  kodeWilayah: string | null;
  alamat: string | null;
  latitude: number | null;
  longitude: number | null;
  version: number;
  archivedAt: string | null;
  archiveReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Fields a client edits; `changed` lists in history and events are drawn from these. */
export const OPD_EDITABLE = ['kode', 'nama', 'singkatan', 'jenis', 'kodeWilayah', 'alamat', 'latitude', 'longitude'] as const;
export type OpdEditable = (typeof OPD_EDITABLE)[number];

export interface Unit {
  id: string;
  opdId: string;
  opdKode: string;
  parentId: string | null;
  nama: string;
  jenis: UnitJenis;
  /** First day in force. */
  berlakuMulai: string;
  /** Last day in force (inclusive); null while open-ended. */
  berlakuSampai: string | null;
  /** Office of a unit housed apart from its OPD; null: at the OPD's office. */
  alamat: string | null;
  latitude: number | null;
  longitude: number | null;
  version: number;
  archivedAt: string | null;
  archiveReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export const UNIT_EDITABLE = ['nama', 'jenis', 'parentId', 'alamat', 'latitude', 'longitude'] as const;
export type UnitEditable = (typeof UNIT_EDITABLE)[number];

export interface Jabatan {
  id: string;
  unitId: string;
  nama: string;
  jenis: JabatanJenis;
  eselon: Eselon | null;
  version: number;
  archivedAt: string | null;
  archiveReason: string | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (value: Date | null): string | null => value?.toISOString() ?? null;
const num = (value: string | null): number | null => (value === null ? null : Number(value));

export const toOpd = (row: Selectable<OpdTable>): Opd => ({
  id: row.id,
  kode: row.kode,
  nama: row.nama,
  singkatan: row.singkatan,
  jenis: row.jenis as OpdJenis,
  kodeWilayah: row.kode_wilayah,
  alamat: row.alamat,
  latitude: num(row.latitude),
  longitude: num(row.longitude),
  version: row.version,
  archivedAt: iso(row.archived_at),
  archiveReason: row.archive_reason,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export interface UnitRow {
  id: string;
  opd_id: string;
  opd_kode: string;
  parent_id: string | null;
  nama: string;
  jenis: string;
  berlaku_mulai: string;
  berlaku_sampai: string | null;
  alamat: string | null;
  latitude: string | null;
  longitude: string | null;
  version: number;
  archived_at: Date | null;
  archive_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export const toUnit = (row: UnitRow): Unit => ({
  id: row.id,
  opdId: row.opd_id,
  opdKode: row.opd_kode,
  parentId: row.parent_id,
  nama: row.nama,
  jenis: row.jenis as UnitJenis,
  berlakuMulai: row.berlaku_mulai,
  berlakuSampai: row.berlaku_sampai,
  alamat: row.alamat,
  latitude: num(row.latitude),
  longitude: num(row.longitude),
  version: row.version,
  archivedAt: iso(row.archived_at),
  archiveReason: row.archive_reason,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

export const toJabatan = (row: Selectable<JabatanTable>): Jabatan => ({
  id: row.id,
  unitId: row.unit_id,
  nama: row.nama,
  jenis: row.jenis as JabatanJenis,
  eselon: row.eselon as Eselon | null,
  version: row.version,
  archivedAt: iso(row.archived_at),
  archiveReason: row.archive_reason,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** Fields a client edits on a jabatan; its unit never changes (a new unit gets new positions). */
export const JABATAN_EDITABLE = ['nama', 'jenis', 'eselon'] as const;

/** Jabatan in the order of an org chart: highest eselon first, then structural, functional, staff. */
export function compareJabatan(a: Jabatan, b: Jabatan): number {
  const rank = (j: Jabatan) => (j.eselon ? ESELON.indexOf(j.eselon) : ESELON.length + JABATAN_JENIS.indexOf(j.jenis));
  return rank(a) - rank(b) || a.nama.localeCompare(b.nama, 'id');
}

/** Trims free text; a blank optional value is stored as null. */
export const cleanOptional = (value: string | null | undefined): string | null | undefined =>
  value === undefined ? undefined : value === null ? null : value.trim() || null;
