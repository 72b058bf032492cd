-- Kernel tables: people who sign in, their roles, sessions, login throttling,
-- the hash-chained audit trail and the event outbox.
CREATE SCHEMA core;

CREATE TABLE core.app_user (
  id uuid PRIMARY KEY,
  username text NOT NULL,
  display_name text NOT NULL,
  email text,
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_username_key ON core.app_user (lower(username));

-- One row per grant. scope_code is '' for city and self scopes so the key stays simple.
CREATE TABLE core.user_role (
  user_id uuid NOT NULL REFERENCES core.app_user (id),
  role text NOT NULL,
  scope_type text NOT NULL CHECK (scope_type IN ('city', 'opd', 'kelurahan', 'self')),
  scope_code text NOT NULL DEFAULT '',
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, role, scope_code)
);

-- The cookie holds a random token; only its SHA-256 is stored, so a database leak yields no sessions.
CREATE TABLE core.session (
  token_hash bytea PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES core.app_user (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX session_user_idx ON core.session (user_id);
CREATE INDEX session_expires_idx ON core.session (expires_at);

-- Failed sign-ins per account ('account:<username>') and per address ('address:<ip>').
CREATE TABLE core.login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until timestamptz
);

-- Append-only, hash-chained. seq is gapless (assigned under the head row's lock), so a deleted
-- row shows as a gap, an edited row as a hash mismatch, and a cut-off tail against audit_head.
CREATE TABLE core.audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('user', 'app', 'system')),
  actor_id text,
  actor_name text,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  request_id text,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_entity_idx ON core.audit_log (entity_type, entity_id, seq);
CREATE INDEX audit_log_actor_idx ON core.audit_log (actor_id, seq);
CREATE INDEX audit_log_action_idx ON core.audit_log (action, seq);
CREATE INDEX audit_log_at_idx ON core.audit_log (at);

CREATE TABLE core.audit_head (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  last_seq bigint NOT NULL,
  last_hash text NOT NULL
);
INSERT INTO core.audit_head (singleton, last_seq, last_hash)
VALUES (true, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE FUNCTION core.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'core.audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON core.audit_log
  FOR EACH ROW EXECUTE FUNCTION core.audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON core.audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION core.audit_log_append_only();

CREATE TABLE core.outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE,
  type text NOT NULL,
  entity_type text,
  entity_id text,
  payload jsonb NOT NULL,
  actor_type text,
  actor_id text,
  request_id text,
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_type_idx ON core.outbox (type, id);

-- One row per (event, in-process subscriber); workers claim pending rows with SKIP LOCKED.
-- available_at doubles as the lease: a claimed row is pushed into the future, so a crashed
-- worker's rows become claimable again when the lease runs out.
CREATE TABLE core.event_delivery (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  outbox_id bigint NOT NULL REFERENCES core.outbox (id),
  subscriber text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  available_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  delivered_at timestamptz,
  UNIQUE (outbox_id, subscriber)
);
CREATE INDEX event_delivery_pending_idx ON core.event_delivery (available_at, id) WHERE status = 'pending';
