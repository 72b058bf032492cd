-- The resident portal: residents open their own account by proving who they are against the
-- registry (NIK + name + birth date). Every sign-up attempt is logged here, whatever its outcome,
-- with the NIK masked (first 6 and last 4 digits); the account itself lives in core.app_user.
CREATE SCHEMA portal;

CREATE TABLE portal.daftar_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  hasil text NOT NULL CHECK (hasil IN ('berhasil', 'tidak_cocok', 'sudah_terdaftar', 'kontak_dipakai', 'tidak_valid', 'dibatasi')),
  nik_samaran text,
  user_id uuid REFERENCES core.app_user (id),
  alamat text,
  user_agent text
);
CREATE INDEX daftar_log_at_idx ON portal.daftar_log (at);
