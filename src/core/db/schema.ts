import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the kernel tables (src/core/migrations). Modules declare their own. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;
/** pg returns int8 as a string; callers convert. */
type Int8 = ColumnType<string, number | string | bigint, number | string | bigint>;

export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_login_at: Date | null;
  password_changed_at: Timestamp;
  nik: string | null;
  nip: string | null;
  /** Canonical +62… mobile number (migration 0004), for sign-in and notifications. */
  phone: string | null;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
  scope_type: 'city' | 'opd' | 'kelurahan' | 'self';
  scope_code: Generated<string>;
  granted_at: Timestamp;
}

export interface SessionTable {
  token_hash: Buffer;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: Date;
  locked_until: Date | null;
}

export interface AuditLogTable {
  seq: Int8;
  at: Date;
  actor_type: 'user' | 'app' | 'system';
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json;
  after: Json;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  singleton: boolean;
  last_seq: Int8;
  last_hash: string;
}

export interface OutboxTable {
  id: Generated<string>;
  event_id: string;
  type: string;
  entity_type: string | null;
  entity_id: string | null;
  payload: Json;
  actor_type: string | null;
  actor_id: string | null;
  request_id: string | null;
  occurred_at: Timestamp;
}

export interface EventDeliveryTable {
  id: Generated<string>;
  outbox_id: string;
  subscriber: string;
  status: Generated<'pending' | 'done' | 'dead'>;
  attempts: Generated<number>;
  available_at: Timestamp;
  last_error: string | null;
  delivered_at: Date | null;
}

export interface CoreTables {
  'core.app_user': AppUserTable;
  'core.user_role': UserRoleTable;
  'core.session': SessionTable;
  'core.login_throttle': LoginThrottleTable;
  'core.audit_log': AuditLogTable;
  'core.audit_head': AuditHeadTable;
  'core.outbox': OutboxTable;
  'core.event_delivery': EventDeliveryTable;
}

/** The whole database as Kysely sees it; modules extend this interface with their tables. */
export type DB = CoreTables;
