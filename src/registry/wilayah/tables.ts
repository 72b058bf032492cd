import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { DB } from '../../core/db/schema.js';

/** Kysely's view of the wilayah schema (migrations/0001_wilayah.sql). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type Level = 'provinsi' | 'kabkota' | 'kecamatan' | 'kelurahan' | 'desa';

export interface RegionTable {
  id: string;
  kode: string;
  nama: string;
  level: Level;
  parent_kode: string | null;
  source: string;
  loaded_at: Timestamp;
}

export interface LoadStateTable {
  singleton: ColumnType<boolean, boolean | undefined, boolean>;
  source: string;
  pemda_code: string;
  loaded_at: Timestamp;
}

export interface BoundaryTable {
  kode: string;
  geometry: ColumnType<unknown, string, string>;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
  geometry_sha256: string;
  import_id: string;
  imported_at: Timestamp;
  imported_by: string | null;
}

// A type alias, not an interface: withTables() wants an index-signature-compatible record.
export type WilayahTables = {
  'wilayah.region': RegionTable;
  'wilayah.load_state': LoadStateTable;
  'wilayah.boundary': BoundaryTable;
};

export type WilayahDb = Kysely<DB & WilayahTables>;
export type WilayahTrx = Transaction<DB & WilayahTables>;

/** The kernel's database handle (or a transaction of it), seeing the wilayah tables too. */
export function wilayahDb(db: Kysely<DB>): WilayahDb;
export function wilayahDb(db: Transaction<DB>): WilayahTrx;
export function wilayahDb(db: Kysely<DB> | Transaction<DB>): WilayahDb | WilayahTrx {
  return db.withTables<WilayahTables>();
}
