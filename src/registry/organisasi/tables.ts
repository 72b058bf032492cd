import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.js';

/** Kysely's view of the `organisasi` schema (migrations/0001_organisasi.sql). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** pg returns numeric as a string; callers convert. */
type Numeric = ColumnType<string | null, number | null | undefined, number | null>;
/** `date` columns: always selected as text (`::text`) so no time zone can shift the day. */
type DateText = ColumnType<string, string, string>;

export interface OpdTable {
  id: string;
  kode: string;
  nama: string;
  singkatan: string | null;
  jenis: string;
  kode_wilayah: string | null;
  alamat: string | null;
  latitude: Numeric;
  longitude: Numeric;
  version: ColumnType<number, number | undefined, number>;
  archived_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  archive_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UnitTable {
  id: string;
  opd_id: string;
  parent_id: string | null;
  nama: string;
  jenis: string;
  berlaku_mulai: DateText;
  berlaku_sampai: ColumnType<string | null, string | null | undefined, string | null>;
  /** Office location of a unit housed apart from its OPD (migration 0002). */
  alamat: ColumnType<string | null, string | null | undefined, string | null>;
  latitude: Numeric;
  longitude: Numeric;
  version: ColumnType<number, number | undefined, number>;
  archived_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  archive_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface JabatanTable {
  id: string;
  unit_id: string;
  nama: string;
  jenis: string;
  eselon: string | null;
  version: ColumnType<number, number | undefined, number>;
  archived_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  archive_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type OrganisasiTables = {
  'organisasi.opd': OpdTable;
  'organisasi.unit': UnitTable;
  'organisasi.jabatan': JabatanTable;
};

export type OrgDb = Kysely<DB & OrganisasiTables>;
export type OrgTrx = Transaction<DB & OrganisasiTables>;
/** Any handle on the database: the kernel's, a transaction, or one already typed with these tables. */
export type AnyDb = Kysely<DB> | Transaction<DB> | OrgDb;

export const HISTORY_SCHEMA = 'organisasi';

/** The same connection (or transaction), typed with this module's tables. */
export function org(db: Transaction<DB>): OrgTrx;
export function org(db: Kysely<DB>): OrgDb;
export function org(db: AnyDb): OrgDb;
export function org(db: AnyDb): OrgDb {
  return (db as unknown as Kysely<DB>).withTables<OrganisasiTables>();
}
