import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { canonicalJson } from '../../core/audit/canonical.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { UserPrincipal as Principal } from '../../core/auth/principal.js';
import type { Permission } from '../../core/authz/roles.js';
import { AppError } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { maskValue } from '../../core/privacy/mask.js';
import { decodeCursor, encodeCursor } from '../../registry/kernel/cursor.js';
import { expectedVersion } from '../../registry/kernel/etag.js';
import { loadHolidays } from './hari-libur.js';
import { addWorkingDays, dayWib, workingDaysBetween, type Holidays } from './kalender.js';
import { findJenis, type FieldDef, type Jenis, type SyaratDef } from './katalog.js';
import { checkData, kodeLacak, normaliseKode, readPemohon, type Pemohon } from './pemohon.js';
import { covers, isEmpty, PROSES, scopeSql, TANDATANGAN, wilayahScope, type WilayahScope } from './permission.js';
import type { AnyDb } from './tables.js';

export const STATUSES = ['baru', 'verifikasi', 'perlu_perbaikan', 'menunggu_ttd', 'selesai', 'ditolak', 'dibatalkan'] as const;
export type Status = (typeof STATUSES)[number];
export const TERMINAL: readonly Status[] = ['selesai', 'ditolak', 'dibatalkan'];

/** The letter type as kept with a request (what was asked, even if the catalogue changes later). */
export interface JenisSnapshot {
  id: string;
  kode: string;
  kodeSurat: string;
  nama: string;
  fields: FieldDef[];
  syarat: SyaratDef[];
  slaHari: number;
  penandatangan: 'lurah' | 'sekretaris';
  masaBerlaku: Jenis['masaBerlaku'];
  template: Jenis['template'];
  formatNomor: string;
}

export interface PermohonanRow {
  id: string;
  kode_lacak: string;
  jenis_id: string;
  jenis: JenisSnapshot;
  nik: string;
  nama_pemohon: string;
  pemohon: Pemohon;
  data: Record<string, string | number>;
  kode_kelurahan: string;
  kode_kecamatan: string;
  kanal: 'online' | 'loket';
  status: Status;
  email: string | null;
  telepon: string | null;
  petugas_id: string | null;
  petugas_nama: string | null;
  catatan: string | null;
  diajukan_at: Date;
  jatuh_tempo: string;
  selesai_at: Date | null;
  dibuat_oleh: string;
  idempotency_key: string | null;
  request_hash: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface Permohonan {
  id: string;
  kodeLacak: string;
  jenis: { id: string; kode: string; nama: string };
  nik: string;
  namaPemohon: string;
  kodeKelurahan: string;
  kodeKecamatan: string;
  kanal: 'online' | 'loket';
  status: Status;
  petugas: { id: string; nama: string | null } | null;
  catatan: string | null;
  email: string | null;
  telepon: string | null;
  data: Record<string, string | number>;
  diajukanAt: string;
  jatuhTempo: string;
  /** Working days until the due date (negative: overdue); null once finished. */
  sisaHariKerja: number | null;
  terlambat: boolean;
  selesaiAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toPermohonan(r: PermohonanRow, holidays: Holidays, today: string): Permohonan {
  const open = !TERMINAL.includes(r.status);
  const sisa = open ? workingDaysBetween(today, r.jatuh_tempo, holidays) : null;
  return {
    id: r.id,
    kodeLacak: r.kode_lacak,
    jenis: { id: r.jenis.id, kode: r.jenis.kode, nama: r.jenis.nama },
    // Queues list many residents: their NIKs are masked there, as in every registry list.
    nik: maskValue(r.nik),
    namaPemohon: r.nama_pemohon,
    kodeKelurahan: r.kode_kelurahan,
    kodeKecamatan: r.kode_kecamatan,
    kanal: r.kanal,
    status: r.status,
    petugas: r.petugas_id ? { id: r.petugas_id, nama: r.petugas_nama } : null,
    catatan: r.catatan,
    email: r.email,
    telepon: r.telepon,
    data: r.data,
    diajukanAt: r.diajukan_at.toISOString(),
    jatuhTempo: r.jatuh_tempo,
    sisaHariKerja: sisa,
    terlambat: open && today > r.jatuh_tempo,
    selesaiAt: r.selesai_at?.toISOString() ?? null,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export const SELECT = sql`SELECT id, kode_lacak, jenis_id, jenis, nik, nama_pemohon, pemohon, data, kode_kelurahan, kode_kecamatan, kanal, status,
  email, telepon, petugas_id, petugas_nama, catatan, diajukan_at, jatuh_tempo::text AS jatuh_tempo, selesai_at, dibuat_oleh, idempotency_key,
  request_hash, version, created_at, updated_at FROM layanan.permohonan p`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request by id or tracking code; null when the reference cannot be one or there is none. */
export async function findPermohonan(db: AnyDb, ref: string, forUpdate = false): Promise<PermohonanRow | null> {
  const text = ref.trim();
  let where;
  if (UUID.test(text)) where = sql`p.id = ${text.toLowerCase()}::uuid`;
  else {
    const kode = normaliseKode(text);
    if (!kode) return null;
    where = sql`p.kode_lacak = ${kode}`;
  }
  const { rows } = await sql<PermohonanRow>`${SELECT} WHERE ${where} ${forUpdate ? sql`FOR UPDATE` : sql``}`.execute(db);
  return rows[0] ?? null;
}

export const snapshotOf = (jenis: Jenis): JenisSnapshot => ({
  id: jenis.id,
  kode: jenis.kode,
  kodeSurat: jenis.kodeSurat,
  nama: jenis.nama,
  fields: jenis.fields,
  syarat: jenis.syarat,
  slaHari: jenis.slaHari,
  penandatangan: jenis.penandatangan,
  masaBerlaku: jenis.masaBerlaku,
  template: jenis.template,
  formatNomor: jenis.formatNomor,
});

/** The NIK a resident acts for: their account's link, or 404 as the registry's self paths answer. */
export function ownNik(principal: Principal): string {
  if (!principal.nik) throw new AppError('layanan.self_unlinked');
  return principal.nik;
}

export interface Draf {
  jenis: Jenis;
  pemohon: Pemohon;
}

/** What the form shows before the resident types anything: the letter type and their data from the registry. */
export async function draf(kernel: Kernel, nik: string, jenisRef: string, online: boolean): Promise<Draf> {
  const jenis = await findJenis(kernel.db, jenisRef);
  if (!jenis || jenis.archivedAt) throw new AppError('layanan.jenis_not_found', { ref: jenisRef });
  if (online && !jenis.online) throw new AppError('layanan.jenis_tidak_online', { nama: jenis.nama });
  const pemohon = await readPemohon(kernel.db, nik);
  if (!pemohon) throw new AppError(online ? 'layanan.self_unlinked' : 'layanan.pemohon_tidak_dikenal');
  return { jenis, pemohon };
}

/** Counter requests are for residents of the officer's kelurahan: anyone else is a 403 that says so. */
function assertDiWilayah(scope: WilayahScope, pemohon: Pemohon): void {
  if (!covers(scope, pemohon.kodeKelurahan, pemohon.kodeKecamatan)) throw new AppError('layanan.pemohon_luar_wilayah');
}

/**
 * The counter's pre-fill: the letter type and the resident named by NIK, before the officer
 * submits. An unknown NIK (or one not living) is a 404; a resident of another kelurahan a 403.
 * The caller masks the holder's data as for every staff view.
 */
export async function drafLoket(kernel: Kernel, principal: Principal, nik: string, jenisRef: string): Promise<Draf> {
  const jenis = await findJenis(kernel.db, jenisRef);
  if (!jenis || jenis.archivedAt) throw new AppError('layanan.jenis_not_found', { ref: jenisRef });
  const pemohon = await readPemohon(kernel.db, nik);
  if (!pemohon) throw new AppError('layanan.pemohon_not_found');
  assertDiWilayah(await wilayahScope(kernel.db, principal.access, PROSES), pemohon);
  return { jenis, pemohon };
}

export interface AjukanInput {
  jenis: string;
  data: object;
  email?: string | null;
  telepon?: string | null;
}

export interface Diajukan {
  row: PermohonanRow;
  /** True when the Idempotency-Key named a request made before: the same answer again. */
  replay: boolean;
  /** The holiday calendar the due date was computed with, so the answer need not read it again. */
  holidays?: Holidays;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function byIdempotencyKey(db: AnyDb, userId: string, key: string): Promise<PermohonanRow | null> {
  const { rows } = await sql<PermohonanRow>`${SELECT} WHERE p.dibuat_oleh = ${userId}::uuid AND p.idempotency_key = ${key}`.execute(db);
  return rows[0] ?? null;
}

/**
 * A new request: by the resident for themselves (`kanal` online) or by staff at the counter for
 * a resident named by NIK (`loket`). The form is checked against the letter type; the holder's
 * data comes from the registry. With an Idempotency-Key the same submission sent twice makes
 * one request and gets the same answer; the same key with a different body is a 422.
 */
export async function ajukan(
  kernel: Kernel, actor: Actor, principal: Principal, nik: string, kanal: 'online' | 'loket', input: AjukanInput, idempotencyKey: string | undefined,
): Promise<Diajukan> {
  const { jenis, pemohon } = await draf(kernel, nik, input.jenis, kanal === 'online');
  if (kanal === 'loket') assertDiWilayah(await wilayahScope(kernel.db, principal.access, PROSES), pemohon);
  const data = checkData(jenis.fields, (input.data ?? {}) as Record<string, unknown>);
  // Online, the account's own e-mail is the default address for notifications; null opts out.
  const email = (input.email === undefined && kanal === 'online' ? principal.email : input.email)?.trim() || null;
  const telepon = input.telepon?.trim() || null;
  const hash = sha256(canonicalJson({ jenis: jenis.id, nik, data, email, telepon }));
  if (idempotencyKey) {
    const earlier = await byIdempotencyKey(kernel.db, principal.userId, idempotencyKey);
    if (earlier) return sameAgain(earlier, hash);
  }
  const holidays = await loadHolidays(kernel.db);
  const now = new Date();
  const jatuhTempo = addWorkingDays(dayWib(now), jenis.slaHari, holidays);
  for (let attempt = 0; ; attempt++) {
    const id = uuidv7();
    const kode = kodeLacak();
    try {
      const row = await kernel.db.transaction().execute(async (trx) => {
        await sql`
          INSERT INTO layanan.permohonan (id, kode_lacak, jenis_id, jenis, nik, nama_pemohon, pemohon, data, kode_kelurahan, kode_kecamatan, kanal,
            status, email, telepon, diajukan_at, jatuh_tempo, dibuat_oleh, idempotency_key, request_hash)
          VALUES (${id}, ${kode}, ${jenis.id}, ${JSON.stringify(snapshotOf(jenis))}::jsonb, ${nik}, ${pemohon.nama}, ${JSON.stringify(pemohon)}::jsonb,
            ${JSON.stringify(data)}::jsonb, ${pemohon.kodeKelurahan}, ${pemohon.kodeKecamatan}, ${kanal}, 'baru', ${email}, ${telepon}, ${now},
            ${jatuhTempo}::date, ${principal.userId}::uuid, ${idempotencyKey ?? null}, ${hash})`.execute(trx);
        await addRiwayat(trx, actor, id, null, 'baru', kanal === 'loket' ? 'Diajukan di loket kelurahan' : null);
        const created = (await findPermohonan(trx, id))!;
        // The event first, the audit entry last: the audit head row stays locked from here to the commit.
        await emitStatus(kernel, trx, actor, created, null, null);
        await recordAudit(trx, actor, {
          action: 'permohonan.created',
          entityType: 'permohonan',
          entityId: id,
          // The form's values stay with the request: they may name other people (a deceased, a child), which the trail's masking cannot know.
          after: { id, kodeLacak: kode, jenis: jenis.kode, nik, kanal, isian: Object.keys(data), email, telepon, kodeKelurahan: pemohon.kodeKelurahan, jatuhTempo },
        });
        return created;
      });
      return { row, replay: false, holidays };
    } catch (error) {
      const constraint = (error as { code?: string; constraint?: string }).code === '23505' ? (error as { constraint?: string }).constraint : undefined;
      if (constraint?.includes('idempotency') && idempotencyKey) {
        const earlier = await byIdempotencyKey(kernel.db, principal.userId, idempotencyKey);
        if (earlier) return sameAgain(earlier, hash);
      }
      if (constraint?.includes('kode_lacak') && attempt < 5) continue;
      throw error;
    }
  }
}

function sameAgain(earlier: PermohonanRow, hash: string): Diajukan {
  if (earlier.request_hash !== hash) throw new AppError('layanan.idempotency_conflict');
  return { row: earlier, replay: true };
}

export async function addRiwayat(trx: AnyDb, actor: Actor, id: string, dari: Status | null, ke: Status, catatan: string | null): Promise<void> {
  await sql`INSERT INTO layanan.permohonan_riwayat (permohonan_id, dari, ke, catatan, actor_type, actor_id, actor_name)
    VALUES (${id}, ${dari}, ${ke}, ${catatan}, ${actor.type}, ${actor.id}, ${actor.name})`.execute(trx);
}

/** One event per status change: what notifications, figures and other apps follow. No personal data in it. */
export async function emitStatus(kernel: Kernel, trx: AnyDb, actor: Actor, row: PermohonanRow, dari: Status | null, catatan: string | null): Promise<void> {
  await kernel.events.emit(trx as never, actor, {
    type: 'permohonan.status_changed',
    entityType: 'permohonan',
    entityId: row.id,
    payload: {
      id: row.id,
      kodeLacak: row.kode_lacak,
      jenis: row.jenis.kode,
      kodeKelurahan: row.kode_kelurahan,
      kodeKecamatan: row.kode_kecamatan,
      kanal: row.kanal,
      dari,
      ke: row.status,
      adaCatatan: catatan !== null,
      jatuhTempo: row.jatuh_tempo,
      version: row.version,
    },
  });
}

export interface Riwayat {
  dari: Status | null;
  ke: Status;
  catatan: string | null;
  oleh: string | null;
  at: string;
}

export async function riwayatOf(db: AnyDb, id: string): Promise<Riwayat[]> {
  const { rows } = await sql<{ dari: Status | null; ke: Status; catatan: string | null; actor_name: string | null; at: Date }>`
    SELECT dari, ke, catatan, actor_name, at FROM layanan.permohonan_riwayat WHERE permohonan_id = ${id}::uuid ORDER BY id`.execute(db);
  return rows.map((r) => ({ dari: r.dari, ke: r.ke, catatan: r.catatan, oleh: r.actor_name, at: r.at.toISOString() }));
}

/** Who may act on a request: the resident it belongs to, or staff whose scope covers its kelurahan. */
export type Pelaku = { kind: 'warga'; nik: string } | { kind: 'staf'; scope: WilayahScope; permission: Permission };

export async function pelakuStaf(db: AnyDb, principal: Principal, permission: Permission): Promise<Pelaku> {
  return { kind: 'staf', scope: await wilayahScope(db, principal.access, permission), permission };
}

/** Reads: a request outside the reader's reach does not exist for them (404). */
export function assertReadable(row: PermohonanRow | null, pelaku: Pelaku, ref: string): PermohonanRow {
  if (!row) throw new AppError('layanan.permohonan_not_found', { ref });
  if (pelaku.kind === 'warga' ? row.nik !== pelaku.nik : !covers(pelaku.scope, row.kode_kelurahan, row.kode_kecamatan)) {
    throw new AppError('layanan.permohonan_not_found', { ref });
  }
  return row;
}

/** Actions: a resident's other requests stay a 404; staff of another kelurahan get 403. */
function assertActable(row: PermohonanRow | null, pelaku: Pelaku, ref: string): PermohonanRow {
  if (!row) throw new AppError('layanan.permohonan_not_found', { ref });
  if (pelaku.kind === 'warga') return assertReadable(row, pelaku, ref);
  if (!covers(pelaku.scope, row.kode_kelurahan, row.kode_kecamatan)) throw new AppError('auth.forbidden', { permission: pelaku.permission });
  return row;
}

export interface TransitionOptions {
  from: readonly Status[];
  to: Status | ((row: PermohonanRow) => Status);
  catatan?: string | null;
  ifMatch?: string;
  /** Extra checks inside the transaction, after the lock (e.g. all attachments verified). */
  check?: (trx: AnyDb, row: PermohonanRow) => Promise<void> | void;
  /** Extra columns to set. */
  set?: (row: PermohonanRow) => ReturnType<typeof sql>;
  action: string;
}

/**
 * One status change, atomically: lock the request, check who acts and from which status
 * (another status: 409, a stale If-Match: 412), change it, record the step in the timeline,
 * the audit trail and the outbox.
 */
export async function transition(kernel: Kernel, actor: Actor, pelaku: Pelaku, ref: string, options: TransitionOptions): Promise<PermohonanRow> {
  return kernel.db.transaction().execute(async (trx) => {
    const row = assertActable(await findPermohonan(trx, ref, true), pelaku, ref);
    if (options.ifMatch !== undefined) {
      const expected = expectedVersion(options.ifMatch);
      if (expected !== -1 && expected !== row.version) throw new AppError('precondition.failed', { current: row.version });
    }
    if (!options.from.includes(row.status)) throw new AppError('layanan.status_conflict', { status: row.status });
    await options.check?.(trx, row);
    const to = typeof options.to === 'function' ? options.to(row) : options.to;
    const catatan = options.catatan?.trim() || null;
    const extra = options.set ? sql`, ${options.set(row)}` : sql``;
    await sql`UPDATE layanan.permohonan SET status = ${to}, catatan = ${catatan}, version = version + 1, updated_at = now() ${extra}
      WHERE id = ${row.id}::uuid`.execute(trx);
    await addRiwayat(trx, actor, row.id, row.status, to, catatan);
    const after = (await findPermohonan(trx, row.id))!;
    await recordAudit(trx, actor, {
      action: `permohonan.${options.action}`,
      entityType: 'permohonan',
      entityId: row.id,
      before: { status: row.status, version: row.version, petugasId: row.petugas_id },
      after: { status: after.status, version: after.version, petugasId: after.petugas_id, catatan, jatuhTempo: after.jatuh_tempo },
    });
    await emitStatus(kernel, trx, actor, after, row.status, catatan);
    return after;
  });
}

const OPEN_FOR_RESIDENT: readonly Status[] = ['baru', 'verifikasi', 'perlu_perbaikan', 'menunggu_ttd'];

export function batal(kernel: Kernel, actor: Actor, nik: string, ref: string, alasan: string | null, ifMatch?: string) {
  return transition(kernel, actor, { kind: 'warga', nik }, ref, { from: OPEN_FOR_RESIDENT, to: 'dibatalkan', catatan: alasan, ifMatch, action: 'dibatalkan' });
}

/** The resident sends the request back after "needs changes", with corrected fields; the SLA clock starts again. */
export async function ajukanUlang(kernel: Kernel, actor: Actor, nik: string, ref: string, input: { data?: object; catatan?: string | null }, ifMatch?: string) {
  const holidays = await loadHolidays(kernel.db);
  const jatuhTempo = (sla: number) => addWorkingDays(dayWib(), sla, holidays);
  let data: Record<string, string | number> | null = null;
  return transition(kernel, actor, { kind: 'warga', nik }, ref, {
    from: ['perlu_perbaikan'],
    to: (row) => (row.petugas_id ? 'verifikasi' : 'baru'),
    catatan: input.catatan ?? null,
    ifMatch,
    action: 'diajukan_ulang',
    check: (_trx, row) => {
      data = input.data ? checkData(row.jenis.fields, { ...row.data, ...(input.data as Record<string, unknown>) }) : row.data;
    },
    set: (row) => sql`data = ${JSON.stringify(data)}::jsonb, diajukan_at = now(), jatuh_tempo = ${jatuhTempo(row.jenis.slaHari)}::date`,
  });
}

export async function ambil(kernel: Kernel, actor: Actor, principal: Principal, ref: string, ifMatch?: string) {
  return transition(kernel, actor, await pelakuStaf(kernel.db, principal, PROSES), ref, {
    from: ['baru'],
    to: 'verifikasi',
    ifMatch,
    action: 'diambil',
    set: () => sql`petugas_id = ${principal.userId}::uuid, petugas_nama = ${principal.displayName}`,
  });
}

export async function mintaPerbaikan(kernel: Kernel, actor: Actor, principal: Principal, ref: string, catatan: string, ifMatch?: string) {
  return transition(kernel, actor, await pelakuStaf(kernel.db, principal, PROSES), ref, { from: ['verifikasi'], to: 'perlu_perbaikan', catatan, ifMatch, action: 'perlu_perbaikan' });
}

/** Every required attachment must be there and verified as valid before the lurah sees the request. */
async function syaratLengkap(trx: AnyDb, row: PermohonanRow): Promise<void> {
  const { rows } = await sql<{ syarat: string }>`SELECT DISTINCT syarat FROM layanan.lampiran WHERE permohonan_id = ${row.id}::uuid AND diverifikasi = 'sah'`.execute(trx);
  const sah = new Set(rows.map((r) => r.syarat));
  const missing = row.jenis.syarat.filter((s) => s.required && !sah.has(s.name));
  if (missing.length > 0) {
    throw new AppError('layanan.syarat_belum_lengkap', { count: missing.length }, missing.map((s) => ({ field: `syarat/${s.name}`, rule: 'layanan.syarat_belum_sah', params: { label: s.label } })));
  }
}

export async function teruskan(kernel: Kernel, actor: Actor, principal: Principal, ref: string, catatan: string | null, ifMatch?: string) {
  return transition(kernel, actor, await pelakuStaf(kernel.db, principal, PROSES), ref, { from: ['verifikasi'], to: 'menunggu_ttd', catatan, ifMatch, action: 'diteruskan', check: syaratLengkap });
}

/** Refusal with a reason: by staff while verifying, by the signer once it waits for the signature. */
export async function tolak(kernel: Kernel, actor: Actor, principal: Principal, ref: string, alasan: string, ifMatch?: string) {
  const proses = await pelakuStaf(kernel.db, principal, PROSES);
  const ttd = await wilayahScope(kernel.db, principal.access, TANDATANGAN);
  return transition(kernel, actor, proses, ref, {
    from: ['baru', 'verifikasi', 'perlu_perbaikan', 'menunggu_ttd'],
    to: 'ditolak',
    catatan: alasan,
    ifMatch,
    action: 'ditolak',
    check: (_trx, row) => {
      if (row.status === 'menunggu_ttd' && !covers(ttd, row.kode_kelurahan, row.kode_kecamatan)) throw new AppError('auth.forbidden', { permission: TANDATANGAN });
    },
    set: () => sql`selesai_at = now()`,
  });
}

export interface QueueQuery {
  status?: Status;
  saya?: boolean;
  terlambat?: boolean;
  kelurahan?: string;
  kecamatan?: string;
  jenis?: string;
  limit: number;
  cursor?: string;
}

/**
 * A work queue: the requests in the reader's kelurahan (or kecamatan, or city), oldest due date
 * first, with working days left. Keyset paging on (due date, id).
 */
export async function antrian(db: AnyDb, scope: WilayahScope, userId: string, query: QueueQuery): Promise<{ items: Permohonan[]; nextCursor: string | null }> {
  if (isEmpty(scope)) return { items: [], nextCursor: null };
  const today = dayWib();
  const holidays = await loadHolidays(db);
  const conditions = [scopeSql(scope)];
  if (query.status) conditions.push(sql<boolean>`p.status = ${query.status}`);
  if (query.saya) conditions.push(sql<boolean>`p.petugas_id = ${userId}::uuid`);
  if (query.terlambat) conditions.push(sql<boolean>`p.status NOT IN ('selesai', 'ditolak', 'dibatalkan') AND p.jatuh_tempo < ${today}::date`);
  if (query.kelurahan) conditions.push(sql<boolean>`p.kode_kelurahan = ${query.kelurahan}`);
  if (query.kecamatan) conditions.push(sql<boolean>`p.kode_kecamatan = ${query.kecamatan}`);
  if (query.jenis) conditions.push(sql<boolean>`p.jenis->>'kode' = ${query.jenis}`);
  if (query.cursor) {
    const decoded = decodeQueueCursor(query.cursor);
    conditions.push(sql<boolean>`(p.jatuh_tempo, p.id) > (${decoded.due}::date, ${decoded.id}::uuid)`);
  }
  const { rows } = await sql<PermohonanRow>`${SELECT} WHERE ${sql.join(conditions, sql` AND `)} ORDER BY p.jatuh_tempo, p.id LIMIT ${query.limit + 1}`.execute(db);
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toPermohonan(r, holidays, today)),
    nextCursor: more && last ? Buffer.from(JSON.stringify({ due: last.jatuh_tempo, id: last.id })).toString('base64url') : null,
  };
}

function decodeQueueCursor(cursor: string): { due: string; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { due?: unknown; id?: unknown };
    if (typeof parsed.due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(parsed.due) && typeof parsed.id === 'string' && UUID.test(parsed.id)) return { due: parsed.due, id: parsed.id };
  } catch {
    // falls through to the 400
  }
  throw new AppError('request.invalid_cursor');
}

const CREATED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * A resident's own requests, newest first, a keyset page at a time on (created_at, id); the
 * cursor keeps the time to the microsecond, as the database does.
 */
export async function milikSaya(db: AnyDb, nik: string, paging: number | { limit: number; cursor?: string }): Promise<{ items: Permohonan[]; nextCursor: string | null }> {
  const query = typeof paging === 'number' ? { limit: paging } : paging;
  const today = dayWib();
  const holidays = await loadHolidays(db);
  let after = sql``;
  if ('cursor' in query && query.cursor) {
    const position = decodeCursor(query.cursor, 'created_at');
    if (typeof position.value !== 'string' || !CREATED_AT.test(position.value)) throw new AppError('request.invalid_cursor');
    after = sql`AND (p.created_at, p.id) < (${position.value}::timestamptz, ${position.id}::uuid)`;
  }
  const { rows } = await sql<PermohonanRow & { created_at_text: string }>`
    SELECT q.*, to_char(q.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at_text
    FROM (${SELECT} WHERE p.nik = ${nik} ${after} ORDER BY p.created_at DESC, p.id DESC LIMIT ${query.limit + 1}) q
    ORDER BY q.created_at DESC, q.id DESC`.execute(db);
  const more = rows.length > query.limit;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toPermohonan(r, holidays, today)),
    nextCursor: more && last ? encodeCursor({ sort: 'created_at', value: last.created_at_text, id: last.id }) : null,
  };
}
