-- Service gateway (src/integration/gateway): apps publish their own APIs as services that other
-- apps call through Padu at /gw/<app>/<service>/…, with grants per caller (optionally per method
-- and path), a message log of every call and metering per service.

-- A published API. Publishing grants nobody: callers need a row in gw_izin.
CREATE TABLE integrasi.gw_layanan (
  id uuid PRIMARY KEY,
  aplikasi_id uuid NOT NULL REFERENCES integrasi.aplikasi (id),
  kode text NOT NULL CHECK (kode ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  nama text NOT NULL,
  deskripsi text,
  base_url text NOT NULL CHECK (base_url ~ '^https?://'),
  -- The uploaded OpenAPI document, served back to readers and to the apps granted the service.
  openapi jsonb,
  timeout_ms integer NOT NULL DEFAULT 10000 CHECK (timeout_ms BETWEEN 100 AND 300000),
  maks_request_bytes integer NOT NULL DEFAULT 10485760 CHECK (maks_request_bytes BETWEEN 0 AND 1073741824),
  maks_response_bytes integer NOT NULL DEFAULT 10485760 CHECK (maks_response_bytes BETWEEN 0 AND 1073741824),
  -- Bodies go into the message log (truncated) only when this is on.
  log_isi boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'aktif' CHECK (status IN ('aktif', 'jeda')),
  versi integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (aplikasi_id, kode)
);

-- Which caller app may call a service. aturan lists rules 'METHODS PATTERN' (e.g. 'GET /pegawai/*',
-- 'GET,POST /cuti', '* /publik/*'); an empty list allows every method and path of the service.
CREATE TABLE integrasi.gw_izin (
  id uuid PRIMARY KEY,
  layanan_id uuid NOT NULL REFERENCES integrasi.gw_layanan (id),
  klien_aplikasi_id uuid NOT NULL REFERENCES integrasi.aplikasi (id),
  aturan text[] NOT NULL DEFAULT '{}',
  catatan text,
  versi integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (layanan_id, klien_aplikasi_id)
);
CREATE INDEX gw_izin_klien_idx ON integrasi.gw_izin (klien_aplikasi_id);

-- Every version of a service and of a grant (the shape of <schema>.history elsewhere).
CREATE TABLE integrasi.gw_riwayat (
  entity_type text NOT NULL,
  entity_id uuid NOT NULL,
  version int NOT NULL,
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

-- One row per gateway call, written in batches. Bodies only when the service logs them.
-- No foreign keys: the ids come from rows the gateway just read (services and apps are never
-- deleted), and checking three keys per logged call would cost the hot path's database time.
CREATE TABLE integrasi.gw_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  request_id text NOT NULL,
  layanan_id uuid NOT NULL,
  klien_aplikasi_id uuid NOT NULL,
  penyedia_aplikasi_id uuid NOT NULL,
  metode text NOT NULL,
  path text NOT NULL,
  status integer NOT NULL,
  durasi_ms double precision NOT NULL,
  ukuran_request bigint NOT NULL DEFAULT 0,
  ukuran_response bigint NOT NULL DEFAULT 0,
  -- The gateway's own error code when Padu answered instead of the backend (timeout, no grant…).
  galat text,
  isi_request text,
  isi_response text
);
CREATE INDEX gw_log_layanan_idx ON integrasi.gw_log (layanan_id, at);
CREATE INDEX gw_log_klien_idx ON integrasi.gw_log (klien_aplikasi_id, at);
CREATE INDEX gw_log_at_idx ON integrasi.gw_log (at);

-- Metering per service, caller and hour (kept after the log is pruned).
CREATE TABLE integrasi.gw_meter (
  layanan_id uuid NOT NULL REFERENCES integrasi.gw_layanan (id),
  klien_aplikasi_id uuid NOT NULL REFERENCES integrasi.aplikasi (id),
  jam timestamptz NOT NULL,
  jumlah bigint NOT NULL DEFAULT 0,
  gagal bigint NOT NULL DEFAULT 0,
  total_ms double precision NOT NULL DEFAULT 0,
  bytes_request bigint NOT NULL DEFAULT 0,
  bytes_response bigint NOT NULL DEFAULT 0,
  terakhir timestamptz NOT NULL,
  PRIMARY KEY (layanan_id, klien_aplikasi_id, jam)
);
CREATE INDEX gw_meter_jam_idx ON integrasi.gw_meter (jam);
