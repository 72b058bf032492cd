-- Residents sign in with their NIK, their phone number or their e-mail as well as a username.
-- The phone number is stored in one canonical form (+62 and the national number without its
-- leading 0: 0812…, 62812… and +62812… are the same number), so it can be unique and looked up.
ALTER TABLE core.app_user
  ADD COLUMN phone text COLLATE "C" UNIQUE CHECK (phone ~ '^\+628[0-9]{8,11}$');
-- Sign-in by e-mail looks accounts up case-insensitively (not unique: staff accounts may share one;
-- an address held by more than one account does not sign anybody in).
CREATE INDEX app_user_email_idx ON core.app_user (lower(email));
