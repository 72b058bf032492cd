import { sql } from 'kysely';
import { Access } from '../../core/authz/access.js';
import { appScopes, isAppScope } from '../../core/authz/app-scopes.js';
import type { Permission } from '../../core/authz/roles.js';
import type { FeedEvent } from '../../core/events/feed.js';
import type { AnyDb } from '../db.js';

/**
 * What the change feed and webhooks show to whom. The decision (documented in
 * examples/padu-client/README.md, "What you receive"):
 *
 * - Only registry events leave Padu: wilayah, organisasi (opd, unit, jabatan), pegawai, penduduk
 *   (penduduk, keluarga) and program (program, anggaran). Accounts (user.*), the catalogue
 *   (aplikasi.*) and e-kelurahan requests stay inside: they are not a dataset other apps consume.
 * - An event of a dataset needs the app's read scope of that dataset (`pegawai:read` for pegawai.*,
 *   `penduduk:read` for penduduk.* and keluarga.*, …) next to `events:read`. Where the scope was
 *   granted for one OPD or kelurahan, only events of records there (where they are now) pass.
 *   People see the datasets their own permissions let them read, in the same places.
 * - Personal data never leaves unmasked: penduduk/keluarga events are reduced to ids, version and
 *   the names of the changed fields (never NIK, No. KK, birth date or address values) unless the
 *   app holds `penduduk:read-full`. The registry emits only ids and field names for residents
 *   today; the reduction keeps it so if a payload ever grows. People always get the reduced form:
 *   full records stay behind the registry's reason-and-log path.
 */
export interface Family {
  dataset: string;
  appScope: string;
  /** The permission a person (or the app's grant) needs; null: anyone signed in reads it. */
  permission: Permission | null;
  /** Where a scoped grant is checked: the record's OPD or kelurahan. */
  place: 'opd' | 'kelurahan' | null;
  personal: boolean;
}

export const FAMILIES: Record<string, Family> = {
  wilayah: { dataset: 'wilayah', appScope: 'wilayah:read', permission: null, place: null, personal: false },
  opd: { dataset: 'organisasi', appScope: 'organisasi:read', permission: null, place: null, personal: false },
  unit: { dataset: 'organisasi', appScope: 'organisasi:read', permission: null, place: null, personal: false },
  jabatan: { dataset: 'organisasi', appScope: 'organisasi:read', permission: null, place: null, personal: false },
  pegawai: { dataset: 'pegawai', appScope: 'pegawai:read', permission: 'pegawai.read', place: 'opd', personal: false },
  penduduk: { dataset: 'penduduk', appScope: 'penduduk:read', permission: 'penduduk.read', place: 'kelurahan', personal: true },
  keluarga: { dataset: 'penduduk', appScope: 'penduduk:read', permission: 'penduduk.read', place: 'kelurahan', personal: true },
  program: { dataset: 'program', appScope: 'program:read', permission: null, place: null, personal: false },
  anggaran: { dataset: 'program', appScope: 'program:read', permission: null, place: null, personal: false },
};

/** Keys of a personal-data event that pass without penduduk:read-full. */
const REDUCED_KEYS = ['id', 'version', 'changed', 'reason'];

export const familyOf = (type: string): string => type.split('.')[0] ?? type;

/** Who reads: an app (its scopes: in the token for the feed, granted for webhooks) or a person. */
export interface Viewer {
  kind: 'user' | 'app';
  scopes: ReadonlySet<string>;
  access: Access;
}

/** Where a record is: filled from the payload or looked up, for scoped grants and webhook filters. */
export interface EventContext {
  opdKode: string | null;
  kodeKelurahan: string | null;
}

export interface VisibleEvent extends FeedEvent {
  context: EventContext;
}

/** The families a viewer may see at all (before the per-record place check). */
export function visibleFamilies(viewer: Viewer): string[] {
  return Object.entries(FAMILIES)
    .filter(([, family]) =>
      viewer.kind === 'app' ? viewer.scopes.has(family.appScope) || (family.dataset === 'penduduk' && viewer.scopes.has('penduduk:read-full')) : family.permission === null || viewer.access.can(family.permission),
    )
    .map(([name]) => name);
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const obj = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});

/** The OPD and kelurahan of each event's record, with one lookup per kind for the whole batch. */
export async function contextsOf(db: AnyDb, events: readonly FeedEvent[]): Promise<Map<number, EventContext>> {
  const opdIds = new Set<string>();
  const pendudukIds = new Set<string>();
  const keluargaIds = new Set<string>();
  const opdIdOf = (event: FeedEvent): string | null => str(event.payload.opdId) ?? str(obj(event.payload.to).opdId);
  for (const event of events) {
    const family = familyOf(event.type);
    if ((family === 'pegawai' || family === 'anggaran' || family === 'unit' || family === 'jabatan') && !str(event.payload.opdKode)) {
      const id = opdIdOf(event);
      if (id) opdIds.add(id);
      const from = str(obj(event.payload.from).opdId);
      if (from) opdIds.add(from);
    }
    if (family === 'penduduk' && event.entityId) pendudukIds.add(event.entityId);
    if (family === 'keluarga' && event.entityId) keluargaIds.add(event.entityId);
  }
  const uuids = (set: Set<string>) => [...set].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const [opd, penduduk, keluarga] = await Promise.all([
    opdIds.size ? sql<{ id: string; kode: string }>`SELECT id, kode FROM organisasi.opd WHERE id = ANY(${uuids(opdIds)}::uuid[])`.execute(db) : null,
    pendudukIds.size
      ? sql<{ id: string; kode: string }>`SELECT id, kode_kelurahan AS kode FROM penduduk.penduduk WHERE id = ANY(${uuids(pendudukIds)}::uuid[])`.execute(db)
      : null,
    keluargaIds.size
      ? sql<{ id: string; kode: string }>`SELECT id, kode_kelurahan AS kode FROM penduduk.keluarga WHERE id = ANY(${uuids(keluargaIds)}::uuid[])`.execute(db)
      : null,
  ]);
  const opdKode = new Map((opd?.rows ?? []).map((r) => [r.id, r.kode]));
  const kelurahan = new Map([...(penduduk?.rows ?? []), ...(keluarga?.rows ?? [])].map((r) => [r.id, r.kode]));
  const contexts = new Map<number, EventContext>();
  for (const event of events) {
    const family = familyOf(event.type);
    const id = opdIdOf(event);
    contexts.set(event.position, {
      opdKode: family === 'opd' ? str(event.payload.kode) : (str(event.payload.opdKode) ?? (id ? (opdKode.get(id) ?? null) : null)),
      kodeKelurahan: str(event.payload.kodeKelurahan) ?? (event.entityId ? (kelurahan.get(event.entityId) ?? null) : null),
    });
  }
  return contexts;
}

/** Whether a scoped grant covers the record's place. */
function placeAllowed(access: Access, family: Family, context: EventContext): boolean {
  if (!family.permission || !family.place) return true;
  const scopes = access.scopes(family.permission);
  if (scopes.some((s) => s.type === 'city')) return true;
  const at = family.place === 'opd' ? context.opdKode : context.kodeKelurahan;
  return at !== null && scopes.some((s) => s.type === family.place && s.code === at);
}

/** The event as this viewer may see it, or null. */
export function viewFor(viewer: Viewer, event: FeedEvent, context: EventContext): VisibleEvent | null {
  const family = FAMILIES[familyOf(event.type)];
  if (!family) return null;
  const full = viewer.kind === 'app' && viewer.scopes.has('penduduk:read-full');
  if (viewer.kind === 'app') {
    if (!viewer.scopes.has(family.appScope) && !(family.personal && full)) return null;
  } else if (family.permission && !viewer.access.can(family.permission)) {
    return null;
  }
  if (!placeAllowed(viewer.access, family, context)) return null;
  const payload = family.personal && !full ? Object.fromEntries(REDUCED_KEYS.filter((k) => k in event.payload).map((k) => [k, event.payload[k]])) : event.payload;
  return { ...event, payload, context };
}

/** An app's viewer from its grants (integrasi.izin), as webhooks see it. */
export async function appViewers(db: AnyDb, appIds: readonly string[]): Promise<Map<string, Viewer>> {
  const viewers = new Map<string, Viewer>();
  if (appIds.length === 0) return viewers;
  const { rows } = await sql<{ aplikasi_id: string; scope: string; scope_type: 'city' | 'opd' | 'kelurahan'; scope_code: string }>`
    SELECT i.aplikasi_id, i.scope, i.scope_type, i.scope_code FROM integrasi.izin i
    JOIN integrasi.aplikasi a ON a.id = i.aplikasi_id AND a.status = 'aktif'
    WHERE i.aplikasi_id = ANY(${[...appIds]}::uuid[])`.execute(db);
  const grouped = new Map<string, typeof rows>();
  for (const row of rows) grouped.set(row.aplikasi_id, [...(grouped.get(row.aplikasi_id) ?? []), row]);
  for (const [appId, grants] of grouped) {
    const entries = grants.flatMap((g) =>
      isAppScope(g.scope) ? appScopes[g.scope].permissions.map((permission) => ({ permission: permission as Permission, scope: { type: g.scope_type, code: g.scope_code || null } })) : [],
    );
    viewers.set(appId, { kind: 'app', scopes: new Set(grants.map((g) => g.scope)), access: Access.ofPermissions(entries) });
  }
  return viewers;
}
