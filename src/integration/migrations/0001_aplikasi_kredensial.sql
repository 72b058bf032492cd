-- Integration hub (src/integration): the city's app catalogue, the apps' OAuth clients, their
-- secrets and scope grants, the token signing keys, and metered use per app and endpoint.
CREATE SCHEMA integrasi;

-- Every app of the city, integrated or not. kode is a stable slug used in URLs (/gw/<kode>/…).
CREATE TABLE integrasi.aplikasi (
  id uuid PRIMARY KEY,
  kode text NOT NULL UNIQUE CHECK (kode ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  nama text NOT NULL,
  opd_kode text,
  jenis text NOT NULL CHECK (jenis IN ('website', 'aplikasi_opd', 'e_kelurahan', 'e_spm', 'kepegawaian', 'absensi', 'e_audit', 'geospasial', 'pemetaan', 'lainnya')),
  url text,
  status text NOT NULL DEFAULT 'aktif' CHECK (status IN ('aktif', 'nonaktif', 'pensiun')),
  kontak_nama text,
  kontak_email text,
  kontak_telepon text,
  deskripsi text,
  -- Registry datasets (wilayah, organisasi, pegawai, penduduk, program) the app produces and consumes.
  dataset_produksi text[] NOT NULL DEFAULT '{}',
  dataset_konsumsi text[] NOT NULL DEFAULT '{}',
  -- Requests per minute for each of its clients; null = the configured default.
  batas_per_menit integer CHECK (batas_per_menit IS NULL OR batas_per_menit > 0),
  versi integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX aplikasi_opd_idx ON integrasi.aplikasi (opd_kode);

-- What an app may do: one row per scope (e.g. pegawai:read) and where it holds
-- (city-wide, one OPD, one kelurahan). scope_code is '' for city.
CREATE TABLE integrasi.izin (
  aplikasi_id uuid NOT NULL REFERENCES integrasi.aplikasi (id),
  scope text NOT NULL,
  scope_type text NOT NULL DEFAULT 'city' CHECK (scope_type IN ('city', 'opd', 'kelurahan')),
  scope_code text NOT NULL DEFAULT '',
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (aplikasi_id, scope, scope_code)
);

-- OAuth 2.0 clients (client credentials grant). An app may have several (production, staging).
CREATE TABLE integrasi.klien (
  id uuid PRIMARY KEY,
  aplikasi_id uuid NOT NULL REFERENCES integrasi.aplikasi (id),
  client_id text NOT NULL UNIQUE,
  nama text NOT NULL,
  status text NOT NULL DEFAULT 'aktif' CHECK (status IN ('aktif', 'dicabut')),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_token_at timestamptz
);
CREATE INDEX klien_aplikasi_idx ON integrasi.klien (aplikasi_id);

-- Secrets are 32 random bytes, so a SHA-256 of them is safe to store (no password stretching
-- needed). Rotation adds a new secret and gives the old one an expiry: both work until then.
CREATE TABLE integrasi.klien_rahasia (
  id uuid PRIMARY KEY,
  klien_id uuid NOT NULL REFERENCES integrasi.klien (id),
  secret_hash bytea NOT NULL UNIQUE,
  petunjuk text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz
);
CREATE INDEX klien_rahasia_klien_idx ON integrasi.klien_rahasia (klien_id);

-- Token signing keys (ES256). The newest unretired key signs; every key not yet past
-- retired_at + the longest token lifetime is published in /.well-known/jwks.json.
CREATE TABLE integrasi.kunci (
  kid text PRIMARY KEY,
  alg text NOT NULL,
  public_jwk jsonb NOT NULL,
  private_jwk jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);

-- Metered use per app, hour, endpoint and outcome; flushed from memory every few seconds.
CREATE TABLE integrasi.pemakaian (
  aplikasi_id uuid NOT NULL REFERENCES integrasi.aplikasi (id),
  jam timestamptz NOT NULL,
  metode text NOT NULL,
  rute text NOT NULL,
  -- The app scope the endpoint needs (e.g. pegawai:read), '' for the token endpoint and the gateway.
  scope text NOT NULL DEFAULT '',
  jumlah bigint NOT NULL DEFAULT 0,
  gagal bigint NOT NULL DEFAULT 0,
  ditolak bigint NOT NULL DEFAULT 0,
  total_ms double precision NOT NULL DEFAULT 0,
  terakhir timestamptz NOT NULL,
  PRIMARY KEY (aplikasi_id, jam, metode, rute, scope)
);
CREATE INDEX pemakaian_jam_idx ON integrasi.pemakaian (jam);
