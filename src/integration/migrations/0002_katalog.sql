-- App catalogue (src/integration/katalog): every version of each app record, for its history
-- page. Written by src/registry/kernel/history.ts like the registry's own history tables.
-- Integration levels are NOT stored: they are computed from what each app really did.
CREATE TABLE integrasi.history (
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

-- The catalogue lists and searches by name; OPD filters use aplikasi_opd_idx.
CREATE INDEX aplikasi_nama_idx ON integrasi.aplikasi (lower(nama), id);
