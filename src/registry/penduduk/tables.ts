import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.js';

/** Kysely's view of the penduduk schema (migrations/0001_penduduk.sql). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns are read as `YYYY-MM-DD` text (see the casts in the queries), written as text. */
type DateText = ColumnType<string, string, string>;

export interface KeluargaTable {
  id: string;
  no_kk: string;
  kode_kelurahan: string;
  alamat: string;
  rt: string;
  rw: string;
  version: ColumnType<number, number | undefined, number>;
  archived_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  archive_reason: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PendudukTable {
  id: string;
  nik: string;
  no_kk: string;
  nama: string;
  jenis_kelamin: 'L' | 'P';
  tempat_lahir: string;
  tanggal_lahir: DateText;
  agama: number;
  pendidikan: number;
  pekerjaan: number;
  status_kawin: number;
  shdk: number;
  /** Filled from the family by a trigger; bulk loads may pass it. */
  kode_kelurahan: ColumnType<string, string | undefined, string>;
  status: ColumnType<Status, Status | undefined, Status>;
  kewarganegaraan: ColumnType<Kewarganegaraan, Kewarganegaraan | undefined, Kewarganegaraan>;
  version: ColumnType<number, number | undefined, number>;
  archived_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  archive_reason: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AksesLogTable {
  id: Generated<string>;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  app_id: string | null;
  penduduk_id: string;
  nik: string;
  action: 'view_full' | 'export';
  reason: string;
  at: Timestamp;
  request_id: string | null;
}

export interface KodeTable {
  kode: number;
  nama: string;
}

export const STATUS = ['hidup', 'mati', 'pindah', 'hilang', 'pergi'] as const;
export type Status = (typeof STATUS)[number];
export const KEWARGANEGARAAN = ['WNI', 'WNA', 'DUA'] as const;
export type Kewarganegaraan = (typeof KEWARGANEGARAAN)[number];
export const KODE_LISTS = ['agama', 'pendidikan', 'pekerjaan', 'status_kawin', 'shdk'] as const;
export type KodeList = (typeof KODE_LISTS)[number];

export type PendudukTables = {
  'penduduk.keluarga': KeluargaTable;
  'penduduk.penduduk': PendudukTable;
  'penduduk.akses_log': AksesLogTable;
  'penduduk.agama': KodeTable;
  'penduduk.pendidikan': KodeTable;
  'penduduk.pekerjaan': KodeTable;
  'penduduk.status_kawin': KodeTable;
  'penduduk.shdk': KodeTable;
};

export type PendudukDb = Kysely<DB & PendudukTables>;
export type PendudukTrx = Transaction<DB & PendudukTables>;

export function pendudukDb(db: Transaction<DB>): PendudukTrx;
export function pendudukDb(db: Kysely<DB>): PendudukDb;
export function pendudukDb(db: Kysely<DB> | Transaction<DB>): PendudukDb | PendudukTrx {
  return db.withTables<PendudukTables>();
}
