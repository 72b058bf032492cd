-- Program: the planning and budget nomenclature (Kepmendagri 050-5889/2021, `U.BB.PP.K.KK.SSSS`),
-- each OPD's budget (pagu) per sub-kegiatan and fiscal year, and its performance indicators.
-- Codes are stored normalised (src/registry/identity/kode-program.ts). OPDs live in organisasi:
-- opd_id is a reference by value, with no cross-schema foreign key.
CREATE SCHEMA program;

CREATE TABLE program.nomenklatur (
  kode text PRIMARY KEY CHECK (kode ~ '^([1-9]|X)(\.([0-9]{2}|XX)(\.[0-9]{2}(\.[1-9]\.[0-9]{2}(\.[0-9]{4})?)?)?)?$'),
  level text NOT NULL CHECK (level IN ('urusan', 'bidang_urusan', 'program', 'kegiatan', 'sub_kegiatan')),
  parent_kode text REFERENCES program.nomenklatur (kode),
  nama text NOT NULL CHECK (nama <> ''),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((level = 'urusan') = (parent_kode IS NULL))
);
CREATE INDEX nomenklatur_parent_idx ON program.nomenklatur (parent_kode, kode);
CREATE INDEX nomenklatur_level_idx ON program.nomenklatur (level, kode);

CREATE TABLE program.anggaran (
  id uuid PRIMARY KEY,
  tahun integer NOT NULL CHECK (tahun BETWEEN 2000 AND 2100),
  opd_id uuid NOT NULL,
  -- Always a sub-kegiatan (checked by the service: a CHECK cannot look at another row).
  kode text NOT NULL REFERENCES program.nomenklatur (kode),
  -- Whole Rupiah; bounded below 2^53 so it survives JSON as a number.
  pagu bigint NOT NULL CHECK (pagu >= 0 AND pagu <= 999999999999999),
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archive_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tahun, opd_id, kode),
  CHECK ((archived_at IS NULL) = (archive_reason IS NULL))
);
CREATE INDEX anggaran_opd_idx ON program.anggaran (opd_id, tahun);
CREATE INDEX anggaran_kode_idx ON program.anggaran (kode, id);
CREATE INDEX anggaran_pagu_idx ON program.anggaran (pagu, id);

-- Indicators of one anggaran, replaced as a list whenever they change.
CREATE TABLE program.indikator (
  id uuid PRIMARY KEY,
  anggaran_id uuid NOT NULL REFERENCES program.anggaran (id) ON DELETE CASCADE,
  urutan integer NOT NULL,
  nama text NOT NULL CHECK (nama <> ''),
  satuan text,
  target numeric(20, 4),
  UNIQUE (anggaran_id, urutan)
);

-- Written by src/registry/kernel/history.ts: one row per version of each record.
CREATE TABLE program.history (
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
