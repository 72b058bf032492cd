import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.js';

/** Kysely's view of the `pegawai` schema (migrations/0001_pegawai.sql). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns: always selected as text (`::text`) so no time zone can shift the day. */
type DateText = ColumnType<string, string, string>;
type NullableDateText = ColumnType<string | null, string | null | undefined, string | null>;

export interface PegawaiTable {
  id: string;
  nip: string | null;
  nama: string;
  gelar_depan: string | null;
  gelar_belakang: string | null;
  jenis_kelamin: string;
  tanggal_lahir: DateText;
  jenis: string;
  golongan: string | null;
  opd_id: string;
  unit_id: string;
  status: ColumnType<string, string | undefined, string>;
  email: string | null;
  telepon: string | null;
  version: ColumnType<number, number | undefined, number>;
  archived_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  archive_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RiwayatJabatanTable {
  id: string;
  pegawai_id: string;
  opd_id: string;
  unit_id: string;
  jabatan_id: string | null;
  nama_jabatan: string;
  tmt: DateText;
  selesai: NullableDateText;
  created_at: Timestamp;
}

export type PegawaiTables = {
  'pegawai.pegawai': PegawaiTable;
  'pegawai.riwayat_jabatan': RiwayatJabatanTable;
};

export type PegDb = Kysely<DB & PegawaiTables>;
export type PegTrx = Transaction<DB & PegawaiTables>;
export type AnyDb = Kysely<DB> | Transaction<DB> | PegDb | PegTrx;

export const HISTORY_SCHEMA = 'pegawai';

/** The same connection (or transaction), typed with this module's tables. */
export function peg(db: Transaction<DB> | PegTrx): PegTrx;
export function peg(db: AnyDb): PegDb;
export function peg(db: AnyDb): PegDb {
  return (db as unknown as Kysely<DB>).withTables<PegawaiTables>();
}

/** The kernel's view of the same handle, for the kernel's and organisasi's functions. */
export function core(db: PegTrx | Transaction<DB>): Transaction<DB>;
export function core(db: AnyDb): Kysely<DB>;
export function core(db: AnyDb): Kysely<DB> {
  return db as unknown as Kysely<DB>;
}
