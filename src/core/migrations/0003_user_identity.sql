-- An account may be linked to the person it belongs to: a resident (NIK) for the `warga` role, an
-- employee (NIP) for the `pegawai` role. Self-scoped permissions read only the linked record.
-- Whether the NIK or NIP exists is the registry's business; here only its shape and uniqueness.
ALTER TABLE core.app_user
  ADD COLUMN nik text COLLATE "C" UNIQUE CHECK (nik ~ '^[0-9]{16}$'),
  ADD COLUMN nip text COLLATE "C" UNIQUE CHECK (nip ~ '^[0-9]{18}$');
