-- Webhooks: an app's subscriptions to registry events, and one delivery row per (subscription,
-- event). Deliveries are fanned out from the sequenced change feed (core.outbox.position) and
-- sent by any number of worker processes (claimed with FOR UPDATE SKIP LOCKED).

CREATE TABLE integrasi.webhook_langganan (
  id uuid PRIMARY KEY,
  aplikasi_id uuid NOT NULL REFERENCES integrasi.aplikasi (id),
  nama text NOT NULL,
  url text NOT NULL CHECK (url ~ '^https?://'),
  -- Exact types (pegawai.updated) or family prefixes (pegawai.*).
  jenis_event text[] NOT NULL CHECK (cardinality(jenis_event) > 0),
  -- {"entityId": "…", "opdKode": "…", "kodeKelurahan": "…", "payload": {"field": value}}: all must match.
  filter jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'aktif' CHECK (status IN ('aktif', 'jeda', 'dihapus')),
  -- whsec_<base64>: sent to the app once, kept to sign. An old secret keeps signing (a second
  -- signature) until rahasia_lama_sampai, so receivers can rotate without losing deliveries.
  rahasia text NOT NULL,
  rahasia_lama text,
  rahasia_lama_sampai timestamptz,
  -- Events at or below this feed position were before the subscription existed.
  mulai_posisi bigint NOT NULL,
  versi integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_langganan_aplikasi_idx ON integrasi.webhook_langganan (aplikasi_id);

-- How far fan-out has read the feed (one row).
CREATE TABLE integrasi.webhook_kursor (
  id integer PRIMARY KEY CHECK (id = 1),
  posisi bigint NOT NULL
);
INSERT INTO integrasi.webhook_kursor (id, posisi) SELECT 1, coalesce(max(position), 0) FROM core.outbox;

-- status: menunggu (due, never tried or re-sent), gagal (failed, waiting for its next try),
-- terkirim (2xx received), mati (dead letter: the last attempt failed).
-- tersedia_pada doubles as the lease: a claimed row moves into the future, so a crashed worker's
-- rows are claimable again when the lease ends (at-least-once).
CREATE TABLE integrasi.webhook_kiriman (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  langganan_id uuid NOT NULL REFERENCES integrasi.webhook_langganan (id),
  aplikasi_id uuid NOT NULL REFERENCES integrasi.aplikasi (id),
  event_id uuid NOT NULL,
  posisi bigint NOT NULL,
  jenis_event text NOT NULL,
  -- entity_type:entity_id (or the event id): deliveries of one record go out in feed order.
  kunci_rekaman text NOT NULL,
  -- The exact JSON body signed and sent (fixed at fan-out, so every retry sends the same bytes).
  isi text NOT NULL,
  status text NOT NULL DEFAULT 'menunggu' CHECK (status IN ('menunggu', 'gagal', 'terkirim', 'mati')),
  percobaan integer NOT NULL DEFAULT 0,
  kirim_ulang integer NOT NULL DEFAULT 0,
  tersedia_pada timestamptz NOT NULL DEFAULT now(),
  kode_respons integer,
  latensi_ms integer,
  galat text,
  cuplikan_respons text,
  terakhir_dicoba timestamptz,
  terkirim_pada timestamptz,
  dibuat_pada timestamptz NOT NULL DEFAULT now(),
  UNIQUE (langganan_id, event_id)
);
-- What the workers claim, and the per-record ordering check.
CREATE INDEX webhook_kiriman_antre_idx ON integrasi.webhook_kiriman (tersedia_pada) WHERE status IN ('menunggu', 'gagal');
CREATE INDEX webhook_kiriman_urutan_idx ON integrasi.webhook_kiriman (langganan_id, kunci_rekaman, posisi) WHERE status IN ('menunggu', 'gagal');
-- The delivery log per subscription and per app, newest first.
CREATE INDEX webhook_kiriman_langganan_idx ON integrasi.webhook_kiriman (langganan_id, id DESC);
CREATE INDEX webhook_kiriman_aplikasi_idx ON integrasi.webhook_kiriman (aplikasi_id, id DESC);
-- What the catalogue counts as "receives Padu's events" (integration level 4).
CREATE INDEX webhook_kiriman_terkirim_idx ON integrasi.webhook_kiriman (terkirim_pada) WHERE status = 'terkirim';
