-- Organisasi: the city's agencies (OPD), the tree of units under each, positions (jabatan)
-- and every version of each record. Units are effective-dated: a reorganisation closes old
-- units (berlaku_sampai = the last day in force, inclusive) and opens new ones, so the
-- structure can be read as of any date. Master data is archived, never deleted.
CREATE SCHEMA organisasi;

CREATE TABLE organisasi.opd (
  id uuid PRIMARY KEY,
  kode text NOT NULL CHECK (kode ~ '^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$'),
  nama text NOT NULL,
  singkatan text,
  jenis text NOT NULL CHECK (jenis IN ('sekretariat', 'dinas', 'badan', 'inspektorat', 'satpol_pp', 'kantor',
                                       'kecamatan', 'kelurahan', 'rsud', 'lainnya')),
  kode_wilayah text,
  alamat text,
  latitude numeric(9, 6) CHECK (latitude BETWEEN -11 AND 6),
  longitude numeric(9, 6) CHECK (longitude BETWEEN 95 AND 141),
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archive_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((latitude IS NULL) = (longitude IS NULL)),
  CHECK ((archived_at IS NULL) = (archive_reason IS NULL))
);
-- The natural code is unique whatever its case, archived OPDs included: a code names one agency forever.
CREATE UNIQUE INDEX opd_kode_key ON organisasi.opd (lower(kode));
-- Keyset paging sorts on (kode, id) or (nama, id).
CREATE INDEX opd_kode_idx ON organisasi.opd (kode, id);
CREATE INDEX opd_nama_idx ON organisasi.opd (nama, id);
CREATE INDEX opd_jenis_idx ON organisasi.opd (jenis);

CREATE TABLE organisasi.unit (
  id uuid PRIMARY KEY,
  opd_id uuid NOT NULL REFERENCES organisasi.opd (id),
  parent_id uuid REFERENCES organisasi.unit (id),
  nama text NOT NULL,
  jenis text NOT NULL CHECK (jenis IN ('sekretariat', 'bidang', 'bagian', 'sub_bagian', 'seksi', 'sub_bidang', 'upt', 'lainnya')),
  berlaku_mulai date NOT NULL,
  berlaku_sampai date,
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archive_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (berlaku_sampai IS NULL OR berlaku_sampai >= berlaku_mulai),
  CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX unit_opd_idx ON organisasi.unit (opd_id, berlaku_mulai);
CREATE INDEX unit_parent_idx ON organisasi.unit (parent_id);

CREATE TABLE organisasi.jabatan (
  id uuid PRIMARY KEY,
  unit_id uuid NOT NULL REFERENCES organisasi.unit (id),
  nama text NOT NULL,
  jenis text NOT NULL CHECK (jenis IN ('struktural', 'fungsional', 'pelaksana')),
  eselon text CHECK (eselon IN ('I.a', 'I.b', 'II.a', 'II.b', 'III.a', 'III.b', 'IV.a', 'IV.b', 'V.a')),
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archive_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Only structural positions carry an eselon, and they always do.
  CHECK ((jenis = 'struktural') = (eselon IS NOT NULL))
);
CREATE INDEX jabatan_unit_idx ON organisasi.jabatan (unit_id);

-- Written by src/registry/kernel/history.ts: one row per version of each record.
CREATE TABLE organisasi.history (
  entity_type text NOT NULL,
  entity_id uuid NOT NULL,
  version integer NOT NULL,
  action text NOT NULL,
  changed text[] NOT NULL DEFAULT '{}',
  snapshot jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_type text NOT NULL,
  actor_id text,
  actor_name text,
  request_id text,
  PRIMARY KEY (entity_type, entity_id, version)
);
