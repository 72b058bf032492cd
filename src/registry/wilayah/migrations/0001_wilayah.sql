-- Wilayah: Indonesia's administrative regions as published in the npm package idn-area-data
-- (never typed in by hand), and the boundaries an admin attaches to them as GeoJSON.
CREATE SCHEMA wilayah;

-- One row per region. kode is the Kemendagri code in its dotted form (13, 13.71, 13.71.01,
-- 13.71.01.1001); parent_kode points one level up. Provinces, kab/kota and kecamatan cover
-- the whole country (NIK checks need every kecamatan); kelurahan/desa only the pemda's own.
CREATE TABLE wilayah.region (
  id uuid PRIMARY KEY,
  -- Collation "C": codes sort and compare byte by byte, so 13.71.01 < 13.71.01.1001 < 13.71.02.
  kode text COLLATE "C" NOT NULL UNIQUE,
  nama text NOT NULL CHECK (length(nama) BETWEEN 1 AND 200),
  level text NOT NULL CHECK (level IN ('provinsi', 'kabkota', 'kecamatan', 'kelurahan', 'desa')),
  parent_kode text COLLATE "C" REFERENCES wilayah.region (kode),
  -- Package name and version the row came from, e.g. idn-area-data@3.1.2.
  source text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (CASE level
    WHEN 'provinsi' THEN kode ~ '^[1-9][0-9]$' AND parent_kode IS NULL
    WHEN 'kabkota' THEN kode ~ '^[1-9][0-9]\.[0-9]{2}$' AND parent_kode = left(kode, 2)
    WHEN 'kecamatan' THEN kode ~ '^[1-9][0-9]\.[0-9]{2}\.[0-9]{2}$' AND parent_kode = left(kode, 5)
    ELSE kode ~ '^[1-9][0-9]\.[0-9]{2}\.[0-9]{2}\.[1-9][0-9]{3}$' AND parent_kode = left(kode, 8)
  END)
);
-- Children of a region in kode order, and lists by level in kode order (keyset pages).
CREATE INDEX region_parent_idx ON wilayah.region (parent_kode, kode);
CREATE INDEX region_level_idx ON wilayah.region (level, kode);

-- What the last load brought in: the start hook loads again only when this differs.
CREATE TABLE wilayah.load_state (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  source text NOT NULL,
  pemda_code text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

-- At most one boundary per region, kept as a GeoJSON geometry (Polygon or MultiPolygon, lon/lat
-- WGS 84) checked in the application: the embedded PostgreSQL has no PostGIS. The bounding box
-- sits in plain columns so map views can find regions in view without reading the geometry.
CREATE TABLE wilayah.boundary (
  kode text COLLATE "C" PRIMARY KEY REFERENCES wilayah.region (kode),
  geometry jsonb NOT NULL CHECK (geometry ->> 'type' IN ('Polygon', 'MultiPolygon')),
  min_lon double precision NOT NULL CHECK (min_lon BETWEEN -180 AND 180),
  min_lat double precision NOT NULL CHECK (min_lat BETWEEN -90 AND 90),
  max_lon double precision NOT NULL CHECK (max_lon BETWEEN -180 AND 180),
  max_lat double precision NOT NULL CHECK (max_lat BETWEEN -90 AND 90),
  -- SHA-256 of the stored geometry's JSON, also written to the audit trail.
  geometry_sha256 text NOT NULL,
  import_id uuid NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  imported_by text,
  CHECK (min_lon <= max_lon AND min_lat <= max_lat)
);
CREATE INDEX boundary_bbox_idx ON wilayah.boundary (min_lon, max_lon, min_lat, max_lat);
