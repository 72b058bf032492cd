import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.js';

/** Kysely's view of the `program` schema (migrations/0001_program.sql). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** pg returns bigint and numeric as strings; callers convert. */
type BigintColumn = ColumnType<string, number | string, number | string>;

export interface NomenklaturTable {
  kode: string;
  level: string;
  parent_kode: string | null;
  nama: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AnggaranTable {
  id: string;
  tahun: number;
  opd_id: string;
  kode: string;
  pagu: BigintColumn;
  version: ColumnType<number, number | undefined, number>;
  archived_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  archive_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IndikatorTable {
  id: string;
  anggaran_id: string;
  urutan: number;
  nama: string;
  satuan: string | null;
  target: ColumnType<string | null, number | string | null | undefined, number | string | null>;
}

export type ProgramTables = {
  'program.nomenklatur': NomenklaturTable;
  'program.anggaran': AnggaranTable;
  'program.indikator': IndikatorTable;
};

export type ProgDb = Kysely<DB & ProgramTables>;
export type ProgTrx = Transaction<DB & ProgramTables>;
export type AnyDb = Kysely<DB> | Transaction<DB> | ProgDb | ProgTrx;

export const HISTORY_SCHEMA = 'program';

/** The same connection (or transaction), typed with this module's tables. */
export function prog(db: Transaction<DB> | ProgTrx): ProgTrx;
export function prog(db: AnyDb): ProgDb;
export function prog(db: AnyDb): ProgDb {
  return (db as unknown as Kysely<DB>).withTables<ProgramTables>();
}

/** The kernel's view of the same handle, for the kernel's and organisasi's functions. */
export function core(db: ProgTrx | Transaction<DB>): Transaction<DB>;
export function core(db: AnyDb): Kysely<DB>;
export function core(db: AnyDb): Kysely<DB> {
  return db as unknown as Kysely<DB>;
}
