-- E-Kelurahan (layanan): the letter catalogue, the working-day calendar, residents' requests
-- (permohonan) with their status timeline and attachments, gapless letter numbers, issued
-- letters with their PDF and verification token, public lookups, and residents' notifications.
-- Residents (NIK), regions and employees belong to the registry: referenced by code, read only
-- through the registry's functions.
CREATE SCHEMA layanan;

-- Letter types (jenis surat), edited by admins as data. `fields`, `syarat` and `template` are
-- JSON checked by the service (src/modules/layanan/katalog.ts).
CREATE TABLE layanan.jenis_surat (
  id uuid PRIMARY KEY,
  kode text COLLATE "C" NOT NULL UNIQUE CHECK (kode ~ '^[a-z0-9][a-z0-9_-]{1,39}$'),
  -- The archive classification printed in the letter number, e.g. 470 or S-41.
  kode_surat text NOT NULL CHECK (length(kode_surat) BETWEEN 1 AND 20),
  nama text NOT NULL CHECK (length(nama) BETWEEN 1 AND 200),
  deskripsi text,
  fields jsonb NOT NULL DEFAULT '[]',
  syarat jsonb NOT NULL DEFAULT '[]',
  sla_hari integer NOT NULL CHECK (sla_hari BETWEEN 0 AND 60),
  penandatangan text NOT NULL CHECK (penandatangan IN ('lurah', 'sekretaris')),
  masa_berlaku_nilai integer CHECK (masa_berlaku_nilai BETWEEN 1 AND 3650),
  masa_berlaku_satuan text CHECK (masa_berlaku_satuan IN ('hari', 'bulan')),
  template jsonb NOT NULL,
  online boolean NOT NULL DEFAULT true,
  format_nomor text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  archive_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((masa_berlaku_nilai IS NULL) = (masa_berlaku_satuan IS NULL)),
  CHECK ((archived_at IS NULL) = (archive_reason IS NULL))
);

-- Holidays: national, cuti bersama and regional, one row per date. `perkiraan` marks a date
-- that may still move (lunar-calendar holidays before the government confirms them).
CREATE TABLE layanan.hari_libur (
  id uuid PRIMARY KEY,
  tanggal date NOT NULL UNIQUE,
  nama text NOT NULL CHECK (length(nama) BETWEEN 1 AND 200),
  jenis text NOT NULL CHECK (jenis IN ('nasional', 'cuti_bersama', 'daerah')),
  perkiraan boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A resident's request for a letter. The holder is named by NIK; `pemohon` is the registry data
-- as it was at submission (what the letter prints), `data` the extra form fields.
CREATE TABLE layanan.permohonan (
  id uuid PRIMARY KEY,
  kode_lacak text COLLATE "C" NOT NULL UNIQUE CHECK (kode_lacak ~ '^[A-Z0-9]{10}$'),
  jenis_id uuid NOT NULL REFERENCES layanan.jenis_surat (id),
  -- The letter type as it was at submission: later catalogue edits do not change a request.
  jenis jsonb NOT NULL,
  nik text COLLATE "C" NOT NULL CHECK (nik ~ '^[0-9]{16}$'),
  nama_pemohon text NOT NULL,
  pemohon jsonb NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  kode_kelurahan text COLLATE "C" NOT NULL,
  kode_kecamatan text COLLATE "C" NOT NULL,
  kanal text NOT NULL CHECK (kanal IN ('online', 'loket')),
  status text NOT NULL CHECK (status IN ('baru', 'verifikasi', 'perlu_perbaikan', 'menunggu_ttd', 'selesai', 'ditolak', 'dibatalkan')),
  -- Contact for notifications, given by the resident (consent) or the counter.
  email text,
  telepon text,
  petugas_id uuid,
  petugas_nama text,
  catatan text,
  diajukan_at timestamptz NOT NULL,
  jatuh_tempo date NOT NULL,
  selesai_at timestamptz,
  dibuat_oleh uuid NOT NULL,
  idempotency_key text,
  request_hash text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (dibuat_oleh, idempotency_key)
);
CREATE INDEX permohonan_queue ON layanan.permohonan (kode_kelurahan, status, jatuh_tempo);
CREATE INDEX permohonan_kecamatan ON layanan.permohonan (kode_kecamatan, status, jatuh_tempo);
CREATE INDEX permohonan_nik ON layanan.permohonan (nik, created_at DESC);

-- Every transition, who and when, with the comment.
CREATE TABLE layanan.permohonan_riwayat (
  id bigserial PRIMARY KEY,
  permohonan_id uuid NOT NULL REFERENCES layanan.permohonan (id),
  dari text,
  ke text NOT NULL,
  catatan text,
  actor_type text NOT NULL,
  actor_id text,
  actor_name text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX permohonan_riwayat_of ON layanan.permohonan_riwayat (permohonan_id, id);

-- Attachments, checked by content; bytes kept in the database with their SHA-256.
CREATE TABLE layanan.lampiran (
  id uuid PRIMARY KEY,
  permohonan_id uuid NOT NULL REFERENCES layanan.permohonan (id),
  syarat text NOT NULL,
  nama_berkas text NOT NULL,
  media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  ukuran integer NOT NULL CHECK (ukuran > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  isi bytea NOT NULL,
  diverifikasi text NOT NULL DEFAULT 'belum' CHECK (diverifikasi IN ('belum', 'sah', 'tidak_sah')),
  catatan_verifikasi text,
  diverifikasi_oleh text,
  diverifikasi_at timestamptz,
  diunggah_oleh text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lampiran_of ON layanan.lampiran (permohonan_id);

-- One gapless sequence per letter type, kelurahan and year: the counter row is incremented in
-- the approval's transaction, so a rolled-back approval gives its number back.
CREATE TABLE layanan.nomor_urut (
  jenis_id uuid NOT NULL REFERENCES layanan.jenis_surat (id),
  kode_kelurahan text COLLATE "C" NOT NULL,
  tahun integer NOT NULL,
  terakhir integer NOT NULL CHECK (terakhir > 0),
  PRIMARY KEY (jenis_id, kode_kelurahan, tahun)
);

-- Issued letters: the PDF exactly as issued (never re-rendered), its hash and the token of the
-- public verification page.
CREATE TABLE layanan.surat (
  id uuid PRIMARY KEY,
  permohonan_id uuid NOT NULL UNIQUE REFERENCES layanan.permohonan (id),
  jenis_id uuid NOT NULL REFERENCES layanan.jenis_surat (id),
  jenis_nama text NOT NULL,
  kode_kelurahan text COLLATE "C" NOT NULL,
  nama_kelurahan text NOT NULL,
  tahun integer NOT NULL,
  urut integer NOT NULL,
  nomor text NOT NULL,
  tanggal date NOT NULL,
  berlaku_sampai date,
  pemegang text NOT NULL,
  penandatangan jsonb NOT NULL,
  token text COLLATE "C" NOT NULL UNIQUE,
  pdf bytea NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  dicabut_at timestamptz,
  alasan_cabut text,
  dicabut_oleh text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (jenis_id, kode_kelurahan, tahun, urut),
  CHECK ((dicabut_at IS NULL) = (alasan_cabut IS NULL))
);
CREATE INDEX surat_sha256 ON layanan.surat (sha256);

-- Every visit of the public verification page and every public tracking lookup.
CREATE TABLE layanan.kunjungan_publik (
  id bigserial PRIMARY KEY,
  jenis text NOT NULL CHECK (jenis IN ('verifikasi', 'berkas', 'lacak')),
  surat_id uuid,
  permohonan_id uuid,
  hasil text NOT NULL,
  alamat text,
  user_agent text,
  at timestamptz NOT NULL DEFAULT now()
);

-- In-app notifications for residents, by NIK (a walk-in resident who signs up later sees them).
-- One per event: the outbox may deliver an event again after a crash.
CREATE TABLE layanan.notifikasi (
  id uuid PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE,
  nik text COLLATE "C" NOT NULL,
  permohonan_id uuid NOT NULL REFERENCES layanan.permohonan (id),
  judul text NOT NULL,
  pesan text NOT NULL,
  dibaca_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifikasi_nik ON layanan.notifikasi (nik, created_at DESC);

-- Messages handed to the SMTP server or the SMS/WhatsApp gateway, one per event and channel.
CREATE TABLE layanan.kiriman (
  event_id uuid NOT NULL,
  saluran text NOT NULL CHECK (saluran IN ('email', 'sms')),
  tujuan text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, saluran)
);

-- Written by src/registry/kernel/history.ts: one row per version of each catalogue record.
CREATE TABLE layanan.history (
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
