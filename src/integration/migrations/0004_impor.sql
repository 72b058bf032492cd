-- Imports from legacy apps (src/integration/impor): the uploaded files, the import jobs with
-- their dry-run report, lease and per-batch checkpoint, the column mappings saved per app and
-- dataset, the provenance of every imported value, and the conflicts a walidata reconciles.

-- The uploaded file itself, kept so a job can be re-read by any process after a crash; emptied
-- once the import is applied (personal data is not kept longer than needed; the hash stays).
CREATE TABLE integrasi.impor_berkas (
  id uuid PRIMARY KEY,
  nama text NOT NULL,
  format text NOT NULL CHECK (format IN ('csv', 'xlsx', 'json')),
  ukuran integer NOT NULL CHECK (ukuran >= 0),
  sha256 text NOT NULL,
  isi bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One import: upload → mapping → dry-run → apply. Apply runs in batches; `batch_selesai` is the
-- checkpoint (batches done, committed with the batch), `lease_*` who works on it until when.
CREATE TABLE integrasi.impor (
  id uuid PRIMARY KEY,
  aplikasi_id uuid NOT NULL REFERENCES integrasi.aplikasi (id),
  dataset text NOT NULL CHECK (dataset IN ('organisasi', 'pegawai', 'penduduk')),
  berkas_id uuid NOT NULL REFERENCES integrasi.impor_berkas (id),
  status text NOT NULL DEFAULT 'diunggah'
    CHECK (status IN ('diunggah', 'diperiksa', 'antre', 'berjalan', 'selesai', 'gagal')),
  kolom text[] NOT NULL,
  pemetaan jsonb NOT NULL DEFAULT '{}',
  total integer NOT NULL DEFAULT 0,
  valid integer,
  tidak_valid integer,
  -- Dry-run summary: broken rules with their counts, completeness per field, duplicate keys.
  ringkasan jsonb,
  ukuran_batch integer NOT NULL DEFAULT 1000 CHECK (ukuran_batch > 0),
  batch_total integer NOT NULL DEFAULT 0,
  batch_selesai integer NOT NULL DEFAULT 0,
  baris_selesai integer NOT NULL DEFAULT 0,
  dibuat integer NOT NULL DEFAULT 0,
  diubah integer NOT NULL DEFAULT 0,
  sama integer NOT NULL DEFAULT 0,
  konflik integer NOT NULL DEFAULT 0,
  lease_owner text,
  lease_until timestamptz,
  percobaan integer NOT NULL DEFAULT 0,
  galat text,
  actor_type text NOT NULL,
  actor_id text,
  actor_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  diperiksa_at timestamptz,
  mulai_at timestamptz,
  selesai_at timestamptz
);
CREATE INDEX impor_aplikasi_idx ON integrasi.impor (aplikasi_id, created_at DESC);
CREATE INDEX impor_kerja_idx ON integrasi.impor (status, lease_until) WHERE status IN ('antre', 'berjalan');
CREATE INDEX impor_selesai_idx ON integrasi.impor (selesai_at) WHERE status = 'selesai';

-- The dry-run's per-row report: one row per broken rule of a row (paged by baris).
CREATE TABLE integrasi.impor_masalah (
  impor_id uuid NOT NULL REFERENCES integrasi.impor (id) ON DELETE CASCADE,
  baris integer NOT NULL,
  urut smallint NOT NULL,
  kolom text,
  field text NOT NULL,
  aturan text NOT NULL,
  nilai text,
  PRIMARY KEY (impor_id, baris, urut)
);
CREATE INDEX impor_masalah_aturan_idx ON integrasi.impor_masalah (impor_id, aturan, baris);

-- The column mapping last used for an app and dataset: suggested again on its next upload.
CREATE TABLE integrasi.impor_pemetaan (
  aplikasi_id uuid NOT NULL REFERENCES integrasi.aplikasi (id),
  dataset text NOT NULL,
  pemetaan jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (aplikasi_id, dataset)
);

-- Where each stored value came from: one row per record and source app, `nilai` mapping each
-- field the app supplied to the md5 of the value it supplied (as text). A stored value whose md5
-- equals an app's hash came from that app; one no app's hash matches came from elsewhere (an
-- edit through the API or UI, or the registry's own data).
CREATE TABLE integrasi.provenans (
  dataset text NOT NULL,
  kunci text COLLATE "C" NOT NULL,
  aplikasi_id uuid NOT NULL,
  impor_id uuid NOT NULL,
  at timestamptz NOT NULL,
  nilai jsonb NOT NULL,
  PRIMARY KEY (dataset, kunci, aplikasi_id)
);
CREATE INDEX provenans_impor_idx ON integrasi.provenans (impor_id);

-- Two sources disagree about a field of a record: held for a walidata's decision.
CREATE TABLE integrasi.konflik (
  id uuid PRIMARY KEY,
  dataset text NOT NULL,
  kunci text COLLATE "C" NOT NULL,
  field text NOT NULL,
  nilai_sekarang text,
  -- {"jenis": "aplikasi", "aplikasiId", "kode"} or {"jenis": "registri"} (edited through the API/UI)
  sumber_sekarang jsonb NOT NULL,
  nilai_masuk text,
  aplikasi_id uuid NOT NULL REFERENCES integrasi.aplikasi (id),
  impor_id uuid NOT NULL REFERENCES integrasi.impor (id),
  status text NOT NULL DEFAULT 'terbuka' CHECK (status IN ('terbuka', 'diputuskan')),
  keputusan text CHECK (keputusan IN ('pertahankan', 'ambil_masuk', 'koreksi')),
  nilai_akhir text,
  alasan text,
  diputuskan_oleh text,
  diputuskan_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'diputuskan') = (keputusan IS NOT NULL))
);
-- One open conflict per record, field and source app: re-applying an import updates it.
CREATE UNIQUE INDEX konflik_terbuka_key ON integrasi.konflik (dataset, kunci, field, aplikasi_id) WHERE status = 'terbuka';
CREATE INDEX konflik_antrean_idx ON integrasi.konflik (status, created_at, id);
