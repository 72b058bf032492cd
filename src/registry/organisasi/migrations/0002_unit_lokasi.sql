-- Office location of a unit housed apart from its OPD (a UPT, a branch office, a puskesmas):
-- the same rules as the OPD's own location. Null means "at the OPD's office".
ALTER TABLE organisasi.unit
  ADD COLUMN alamat text,
  ADD COLUMN latitude numeric(9, 6) CHECK (latitude BETWEEN -11 AND 6),
  ADD COLUMN longitude numeric(9, 6) CHECK (longitude BETWEEN 95 AND 141),
  ADD CONSTRAINT unit_lokasi_pair CHECK ((latitude IS NULL) = (longitude IS NULL));

