-- The national code lists (Dukcapil: agama, pendidikan, pekerjaan, status kawin, SHDK) are fixed
-- and change only through a migration. A foreign key to each cost one index probe per resident
-- written — five per row, which was most of a city-scale bulk load (46 s of 78 s for 900,000
-- residents). A CHECK on the code range guards the same values for nothing; the code tables stay
-- the source of the names, and penduduk.test.ts asserts that every range equals its table.

-- The pekerjaan list was partial (1–23, 88, 89); these are the remaining Dukcapil codes.
INSERT INTO penduduk.pekerjaan (kode, nama) VALUES
  (24, 'Tukang Cukur'), (25, 'Tukang Listrik'), (26, 'Tukang Batu'), (27, 'Tukang Kayu'), (28, 'Tukang Sol Sepatu'),
  (29, 'Tukang Las/Pandai Besi'), (30, 'Tukang Jahit'), (31, 'Tukang Gigi'), (32, 'Penata Rias'), (33, 'Penata Busana'),
  (34, 'Penata Rambut'), (35, 'Mekanik'), (36, 'Seniman'), (37, 'Tabib'), (38, 'Paraji'), (39, 'Perancang Busana'),
  (40, 'Penterjemah'), (41, 'Imam Masjid'), (42, 'Pendeta'), (43, 'Pastor'), (44, 'Wartawan'), (45, 'Ustadz/Mubaligh'),
  (46, 'Juru Masak'), (47, 'Promotor Acara'), (48, 'Anggota DPR-RI'), (49, 'Anggota DPD'), (50, 'Anggota BPK'),
  (51, 'Presiden'), (52, 'Wakil Presiden'), (53, 'Anggota Mahkamah Konstitusi'), (54, 'Anggota Kabinet/Kementerian'),
  (55, 'Duta Besar'), (56, 'Gubernur'), (57, 'Wakil Gubernur'), (58, 'Bupati'), (59, 'Wakil Bupati'), (60, 'Walikota'),
  (61, 'Wakil Walikota'), (62, 'Anggota DPRD Provinsi'), (63, 'Anggota DPRD Kabupaten/Kota'), (64, 'Dosen'), (65, 'Guru'),
  (66, 'Pilot'), (67, 'Pengacara'), (68, 'Notaris'), (69, 'Arsitek'), (70, 'Akuntan'), (71, 'Konsultan'), (72, 'Dokter'),
  (73, 'Bidan'), (74, 'Perawat'), (75, 'Apoteker'), (76, 'Psikiater/Psikolog'), (77, 'Penyiar Televisi'),
  (78, 'Penyiar Radio'), (79, 'Pelaut'), (80, 'Peneliti'), (81, 'Sopir'), (82, 'Pialang'), (83, 'Paranormal'),
  (84, 'Pedagang'), (85, 'Perangkat Desa'), (86, 'Kepala Desa'), (87, 'Biarawati');

ALTER TABLE penduduk.penduduk
  DROP CONSTRAINT penduduk_agama_fkey,
  DROP CONSTRAINT penduduk_pendidikan_fkey,
  DROP CONSTRAINT penduduk_pekerjaan_fkey,
  DROP CONSTRAINT penduduk_status_kawin_fkey,
  DROP CONSTRAINT penduduk_shdk_fkey,
  ADD CONSTRAINT penduduk_agama_kode CHECK (agama BETWEEN 1 AND 7),
  ADD CONSTRAINT penduduk_pendidikan_kode CHECK (pendidikan BETWEEN 1 AND 10),
  ADD CONSTRAINT penduduk_pekerjaan_kode CHECK (pekerjaan BETWEEN 1 AND 89),
  ADD CONSTRAINT penduduk_status_kawin_kode CHECK (status_kawin BETWEEN 1 AND 4),
  ADD CONSTRAINT penduduk_shdk_kode CHECK (shdk BETWEEN 1 AND 11);

-- Bulk loads (the demo seed now, imports from legacy apps later): one row per loaded batch, and each
-- loaded record points to its batch. Such records get no history row when loaded — that row would
-- be a second copy of the record, a third of a city-scale load's work — so version 1 of a loaded
-- record is the record itself, with the batch's actor and time; it is written to history just
-- before the record's first change (registry kernel, history.ts).
CREATE TABLE penduduk.muatan (
  id uuid PRIMARY KEY,
  source text NOT NULL CHECK (length(source) BETWEEN 1 AND 100),
  at timestamptz NOT NULL DEFAULT now(),
  actor_type text NOT NULL,
  actor_id text,
  actor_name text,
  request_id text,
  penduduk integer NOT NULL CHECK (penduduk >= 0),
  keluarga integer NOT NULL CHECK (keluarga >= 0)
);
-- No foreign key: muatan rows are never deleted, and a per-row probe would cost what skipping the
-- history rows saves.
ALTER TABLE penduduk.penduduk ADD COLUMN muatan_id uuid;
ALTER TABLE penduduk.keluarga ADD COLUMN muatan_id uuid;
