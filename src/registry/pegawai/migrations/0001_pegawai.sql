-- Pegawai: the city's employees (ASN: PNS and PPPK, and non-ASN staff), their positions over
-- time (riwayat jabatan) and every version of each record. OPD, unit and jabatan are records
-- of the organisasi module, referenced by id without a foreign key: a module's schema is its
-- own, and organisasi's functions are the only way in (module boundary).
-- Master data is archived, never deleted.
CREATE SCHEMA pegawai;

CREATE TABLE pegawai.pegawai (
  id uuid PRIMARY KEY,
  -- 18 digits without separators; NULL for non-ASN staff, who have none.
  nip text CHECK (nip ~ '^[0-9]{18}$'),
  nama text NOT NULL CHECK (length(nama) BETWEEN 1 AND 200),
  gelar_depan text,
  gelar_belakang text,
  jenis_kelamin text NOT NULL CHECK (jenis_kelamin IN ('L', 'P')),
  tanggal_lahir date NOT NULL,
  jenis text NOT NULL CHECK (jenis IN ('pns', 'pppk', 'non_asn')),
  -- PNS: golongan ruang I/a–IV/e (I/e, II/e and III/e do not exist). PPPK: golongan I–XVII
  -- (Perpres 98/2020; not in reference/domain-indonesia.md, so optional). Non-ASN: none.
  golongan text,
  opd_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'aktif' CHECK (status IN ('aktif', 'cuti', 'pensiun', 'mutasi_keluar', 'meninggal')),
  email text,
  telepon text,
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archive_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((jenis = 'non_asn') = (nip IS NULL)),
  CHECK (
    (jenis = 'pns' AND golongan IN ('I/a', 'I/b', 'I/c', 'I/d', 'II/a', 'II/b', 'II/c', 'II/d',
                                    'III/a', 'III/b', 'III/c', 'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'))
    OR (jenis = 'pppk' AND (golongan IS NULL OR golongan IN ('I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X',
                                                            'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII')))
    OR (jenis = 'non_asn' AND golongan IS NULL)
  ),
  CHECK ((archived_at IS NULL) = (archive_reason IS NULL))
);
-- A NIP names one person forever, archived records included.
CREATE UNIQUE INDEX pegawai_nip_key ON pegawai.pegawai (nip);
CREATE INDEX pegawai_nama_idx ON pegawai.pegawai (nama, id);
CREATE INDEX pegawai_nama_prefix_idx ON pegawai.pegawai (lower(nama) text_pattern_ops);
CREATE INDEX pegawai_opd_idx ON pegawai.pegawai (opd_id, nama, id);
CREATE INDEX pegawai_unit_idx ON pegawai.pegawai (unit_id);

-- Positions over time. `selesai` is the TMT of the next position (exclusive); NULL = current.
CREATE TABLE pegawai.riwayat_jabatan (
  id uuid PRIMARY KEY,
  pegawai_id uuid NOT NULL REFERENCES pegawai.pegawai (id),
  opd_id uuid NOT NULL,
  unit_id uuid NOT NULL,
  jabatan_id uuid,
  nama_jabatan text NOT NULL CHECK (length(nama_jabatan) BETWEEN 1 AND 200),
  tmt date NOT NULL,
  selesai date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (selesai IS NULL OR selesai >= tmt)
);
-- At most one current position per employee; also the index the current-position join uses.
CREATE UNIQUE INDEX riwayat_jabatan_current_key ON pegawai.riwayat_jabatan (pegawai_id) WHERE selesai IS NULL;
CREATE INDEX riwayat_jabatan_pegawai_idx ON pegawai.riwayat_jabatan (pegawai_id, tmt);

-- Written by src/registry/kernel/history.ts: one row per version of each record.
CREATE TABLE pegawai.history (
  entity_type text,
  entity_id uuid,
  version int,
  action text,
  changed text[] NOT NULL DEFAULT '{}',
  snapshot jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_type text NOT NULL,
  actor_id text,
  actor_name text,
  request_id text,
  PRIMARY KEY (entity_type, entity_id, version)
);
