-- Penduduk & Keluarga: the registry's residents (NIK) and families (No. KK). Personal data
-- (UU PDP): lists and default views are masked in the application; full views and exports are
-- written to penduduk.akses_log, which the resident may read.
CREATE SCHEMA penduduk;

-- Code lists as Dukcapil / OpenSID number them (OpenSID app/Enums; domain-indonesia.md §3.1).
CREATE TABLE penduduk.agama (kode smallint PRIMARY KEY CHECK (kode BETWEEN 1 AND 999), nama text NOT NULL);
INSERT INTO penduduk.agama (kode, nama) VALUES (1, 'Islam'), (2, 'Kristen'), (3, 'Katholik'), (4, 'Hindu'), (5, 'Budha'), (6, 'Khonghucu'), (7, 'Kepercayaan Terhadap Tuhan YME / Lainnya');
CREATE TABLE penduduk.pendidikan (kode smallint PRIMARY KEY CHECK (kode BETWEEN 1 AND 999), nama text NOT NULL);
INSERT INTO penduduk.pendidikan (kode, nama) VALUES (1, 'Tidak / Belum Sekolah'), (2, 'Belum Tamat SD/Sederajat'), (3, 'Tamat SD / Sederajat'), (4, 'SLTP/Sederajat'), (5, 'SLTA / Sederajat'), (6, 'Diploma I / II'), (7, 'Akademi / Diploma III / S. Muda'), (8, 'Diploma IV / Strata I'), (9, 'Strata II'), (10, 'Strata III');
-- Pekerjaan: the first 23 codes and the two catch-alls of the Dukcapil list; the remaining
-- trades (tukang, dokter, guru, …) join in a later migration when the full list is imported.
CREATE TABLE penduduk.pekerjaan (kode smallint PRIMARY KEY CHECK (kode BETWEEN 1 AND 999), nama text NOT NULL);
INSERT INTO penduduk.pekerjaan (kode, nama) VALUES (1, 'Belum/Tidak Bekerja'), (2, 'Mengurus Rumah Tangga'), (3, 'Pelajar/Mahasiswa'), (4, 'Pensiunan'), (5, 'Pegawai Negeri Sipil (PNS)'), (6, 'Tentara Nasional Indonesia (TNI)'), (7, 'Kepolisian RI (POLRI)'), (8, 'Perdagangan'), (9, 'Petani/Pekebun'), (10, 'Peternak'), (11, 'Nelayan/Perikanan'), (12, 'Industri'), (13, 'Konstruksi'), (14, 'Transportasi'), (15, 'Karyawan Swasta'), (16, 'Karyawan BUMN'), (17, 'Karyawan BUMD'), (18, 'Karyawan Honorer'), (19, 'Buruh Harian Lepas'), (20, 'Buruh Tani/Perkebunan'), (21, 'Buruh Nelayan/Perikanan'), (22, 'Buruh Peternakan'), (23, 'Pembantu Rumah Tangga'), (88, 'Wiraswasta'), (89, 'Lainnya');
CREATE TABLE penduduk.status_kawin (kode smallint PRIMARY KEY CHECK (kode BETWEEN 1 AND 999), nama text NOT NULL);
INSERT INTO penduduk.status_kawin (kode, nama) VALUES (1, 'Belum Kawin'), (2, 'Kawin'), (3, 'Cerai Hidup'), (4, 'Cerai Mati');
CREATE TABLE penduduk.shdk (kode smallint PRIMARY KEY CHECK (kode BETWEEN 1 AND 999), nama text NOT NULL);
INSERT INTO penduduk.shdk (kode, nama) VALUES (1, 'Kepala Keluarga'), (2, 'Suami'), (3, 'Istri'), (4, 'Anak'), (5, 'Menantu'), (6, 'Cucu'), (7, 'Orangtua'), (8, 'Mertua'), (9, 'Famili Lain'), (10, 'Pembantu'), (11, 'Lainnya');

-- A family card. kode_kelurahan is the domicile (checked against the wilayah registry by the
-- application: modules do not reference each other's tables). No. KK is never read for domicile.
CREATE TABLE penduduk.keluarga (
  id uuid PRIMARY KEY,
  no_kk text COLLATE "C" NOT NULL UNIQUE CHECK (no_kk ~ '^[0-9]{16}$'),
  kode_kelurahan text COLLATE "C" NOT NULL CHECK (kode_kelurahan ~ '^[1-9][0-9]\.[0-9]{2}\.[0-9]{2}\.[1-9][0-9]{3}$'),
  alamat text NOT NULL CHECK (length(alamat) BETWEEN 1 AND 300),
  rt text COLLATE "C" NOT NULL CHECK (rt ~ '^[0-9]{3}$'),
  rw text COLLATE "C" NOT NULL CHECK (rw ~ '^[0-9]{3}$'),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  archived_at timestamptz,
  archive_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((archived_at IS NULL) = (archive_reason IS NULL))
);
CREATE INDEX keluarga_kelurahan_idx ON penduduk.keluarga (kode_kelurahan, rw, rt);

CREATE TABLE penduduk.penduduk (
  id uuid PRIMARY KEY,
  nik text COLLATE "C" NOT NULL UNIQUE CHECK (nik ~ '^[0-9]{16}$'),
  no_kk text COLLATE "C" NOT NULL REFERENCES penduduk.keluarga (no_kk) ON UPDATE CASCADE,
  nama text NOT NULL CHECK (length(nama) BETWEEN 1 AND 150),
  jenis_kelamin text NOT NULL CHECK (jenis_kelamin IN ('L', 'P')),
  tempat_lahir text NOT NULL CHECK (length(tempat_lahir) BETWEEN 1 AND 100),
  tanggal_lahir date NOT NULL,
  agama smallint NOT NULL REFERENCES penduduk.agama (kode),
  pendidikan smallint NOT NULL REFERENCES penduduk.pendidikan (kode),
  pekerjaan smallint NOT NULL REFERENCES penduduk.pekerjaan (kode),
  status_kawin smallint NOT NULL REFERENCES penduduk.status_kawin (kode),
  shdk smallint NOT NULL REFERENCES penduduk.shdk (kode),
  -- The family's kelurahan, kept here by triggers (below) so lists by kelurahan — the everyday
  -- query of a kelurahan office — read one index instead of joining a city's worth of families.
  kode_kelurahan text COLLATE "C" NOT NULL,
  -- status dasar (OpenSID 1 hidup, 2 mati, 3 pindah, 4 hilang, 6 pergi)
  status text NOT NULL DEFAULT 'hidup' CHECK (status IN ('hidup', 'mati', 'pindah', 'hilang', 'pergi')),
  kewarganegaraan text NOT NULL DEFAULT 'WNI' CHECK (kewarganegaraan IN ('WNI', 'WNA', 'DUA')),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  archived_at timestamptz,
  archive_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((archived_at IS NULL) = (archive_reason IS NULL))
);
-- Members of a family; name search by prefix and name order (no pg_trgm on the embedded
-- server): one btree on lower(nama) in byte order serves both `LIKE 'abc%'` and keyset pages.
CREATE INDEX penduduk_no_kk_idx ON penduduk.penduduk (no_kk);
CREATE INDEX penduduk_nama_idx ON penduduk.penduduk ((lower(nama) COLLATE "C"), id);
CREATE INDEX penduduk_created_idx ON penduduk.penduduk (created_at, id);
CREATE INDEX penduduk_kelurahan_nama_idx ON penduduk.penduduk (kode_kelurahan, (lower(nama) COLLATE "C"), id);
CREATE INDEX penduduk_kelurahan_created_idx ON penduduk.penduduk (kode_kelurahan, created_at, id);

CREATE FUNCTION penduduk.kelurahan_of_family() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW.kode_kelurahan IS NOT NULL THEN
    RETURN NEW; -- bulk loads pass it along
  END IF;
  SELECT k.kode_kelurahan INTO NEW.kode_kelurahan FROM penduduk.keluarga k WHERE k.no_kk = NEW.no_kk;
  RETURN NEW;
END;
$$;
CREATE TRIGGER penduduk_kelurahan BEFORE INSERT OR UPDATE OF no_kk ON penduduk.penduduk
  FOR EACH ROW EXECUTE FUNCTION penduduk.kelurahan_of_family();

CREATE FUNCTION penduduk.family_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE penduduk.penduduk SET kode_kelurahan = NEW.kode_kelurahan WHERE no_kk = NEW.no_kk;
  RETURN NULL;
END;
$$;
CREATE TRIGGER keluarga_moved AFTER UPDATE OF kode_kelurahan ON penduduk.keluarga
  FOR EACH ROW WHEN (OLD.kode_kelurahan IS DISTINCT FROM NEW.kode_kelurahan) EXECUTE FUNCTION penduduk.family_moved();

-- Every version of every record (registry kernel, src/registry/kernel/history.ts).
CREATE TABLE penduduk.history (
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

-- Who saw whose full record, or exported it, and why (UU PDP: the resident may read this).
-- Append-only: the application never updates or deletes rows.
CREATE TABLE penduduk.akses_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor_type text NOT NULL,
  actor_id text,
  actor_name text,
  -- The app a request came through, once apps call with tokens.
  app_id text,
  penduduk_id uuid NOT NULL REFERENCES penduduk.penduduk (id),
  nik text COLLATE "C" NOT NULL,
  action text NOT NULL CHECK (action IN ('view_full', 'export')),
  reason text NOT NULL CHECK (length(btrim(reason)) >= 10),
  at timestamptz NOT NULL DEFAULT now(),
  request_id text
);
CREATE INDEX akses_log_penduduk_idx ON penduduk.akses_log (penduduk_id, at DESC);
CREATE INDEX akses_log_actor_idx ON penduduk.akses_log (actor_type, actor_id, at DESC);
