-- Batches of an import are applied in parallel, so "the first k batches are done" no longer
-- describes the progress: each batch commits its own row here, in its own transaction, and a
-- resumed import applies the batches that have none. The counts of the import are their sums.
CREATE TABLE integrasi.impor_batch (
  impor_id uuid NOT NULL REFERENCES integrasi.impor (id) ON DELETE CASCADE,
  nomor integer NOT NULL CHECK (nomor >= 0),
  baris integer NOT NULL,
  dibuat integer NOT NULL,
  diubah integer NOT NULL,
  sama integer NOT NULL,
  konflik integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (impor_id, nomor)
);

-- Provenance of the records an import created in bulk: one row per registry load (muatan)
-- instead of one per record. A record created by load M has, for every field in `fields` it has
-- not changed since (the registry tells), the value the app of M sent. Values written into
-- records that existed already keep their row per record in integrasi.provenans.
CREATE TABLE integrasi.provenans_muatan (
  muatan_id uuid PRIMARY KEY,
  dataset text NOT NULL,
  aplikasi_id uuid NOT NULL REFERENCES integrasi.aplikasi (id),
  impor_id uuid NOT NULL REFERENCES integrasi.impor (id),
  at timestamptz NOT NULL DEFAULT now(),
  fields text[] NOT NULL
);
CREATE INDEX provenans_muatan_impor_idx ON integrasi.provenans_muatan (impor_id);
