import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import { AppError, type FieldViolation } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { atField, validateNik, validateNoKk, type Sex } from '../identity/index.js';
import { stripSeparators } from '../identity/common.js';
import { assertCurrent, expectedVersion } from '../kernel/etag.js';
import { changedFields, keepLoadedVersion, writeHistory } from '../kernel/history.js';
import { isKnownKecamatan } from '../wilayah/index.js';
import { EDITABLE, maskPenduduk, snapshotOf, type Penduduk } from './model.js';
import { findPenduduk } from './read-service.js';
import { assertManages } from './scope.js';
import { pendudukDb, type Kewarganegaraan, type PendudukTrx, type Status } from './tables.js';

export interface PendudukInput {
  nik: string;
  noKk: string;
  nama: string;
  jenisKelamin: Sex;
  tempatLahir: string;
  tanggalLahir: string;
  agama: number;
  pendidikan: number;
  pekerjaan: number;
  statusKawin: number;
  shdk: number;
  status?: Status;
  kewarganegaraan?: Kewarganegaraan;
}

export type PendudukPatch = Partial<Omit<PendudukInput, 'nik'>>;

const unprocessable = (violations: FieldViolation[]) => new AppError('penduduk.invalid', {}, violations);

/** Every NIK rule (and the cross-check with birth date and sex) on its own, as 422 on `nik`. */
export function checkNik(nik: string, tanggalLahir: string, jenisKelamin: Sex): string {
  const result = validateNik(nik, { isKnownKecamatan, birthDate: tanggalLahir, sex: jenisKelamin, today: new Date() });
  if (!result.ok) throw unprocessable(atField('nik', result.violations));
  return result.value;
}

export function checkNoKk(noKk: string): string {
  const result = validateNoKk(noKk, { isKnownKecamatan });
  if (!result.ok) throw unprocessable(atField('noKk', result.violations));
  return result.value;
}

/** The CHECKs on the code ranges (migration 0002), by constraint name. */
const codeConstraints: Record<string, { field: string; list: string }> = {
  penduduk_agama_kode: { field: 'agama', list: 'agama' },
  penduduk_pendidikan_kode: { field: 'pendidikan', list: 'pendidikan' },
  penduduk_pekerjaan_kode: { field: 'pekerjaan', list: 'pekerjaan' },
  penduduk_status_kawin_kode: { field: 'statusKawin', list: 'status_kawin' },
  penduduk_shdk_kode: { field: 'shdk', list: 'shdk' },
};

/** Database refusals turned into the answers the API promises (409 duplicate, 422 unknown code). */
function translate(error: unknown, input: Partial<PendudukInput>): never {
  const pg = error as { code?: string; constraint?: string };
  if (pg.code === '23505' && pg.constraint === 'penduduk_nik_key') throw new AppError('penduduk.nik_taken');
  if (pg.code === '23514' && pg.constraint && codeConstraints[pg.constraint]) {
    const { field, list } = codeConstraints[pg.constraint]!;
    throw unprocessable([{ field, rule: 'penduduk.kode_unknown', params: { kode: String(input[field as keyof PendudukInput] ?? ''), list } }]);
  }
  if (pg.code === '23503' && pg.constraint === 'penduduk_no_kk_fkey') throw unprocessable([{ field: 'noKk', rule: 'penduduk.keluarga_unknown' }]);
  throw error;
}

/** The family a resident joins: it must exist, and be in the kelurahan the writer manages. */
async function keluargaFor(trx: PendudukTrx, access: Access | null, rawNoKk: string): Promise<string> {
  const noKk = stripSeparators(rawNoKk);
  const keluarga = await trx.selectFrom('penduduk.keluarga').select(['no_kk', 'kode_kelurahan', 'archived_at']).where('no_kk', '=', noKk).executeTakeFirst();
  if (!keluarga || keluarga.archived_at) {
    checkNoKk(rawNoKk); // a malformed number is named as such
    throw unprocessable([{ field: 'noKk', rule: 'penduduk.keluarga_unknown' }]);
  }
  assertManages(access, keluarga.kode_kelurahan);
  return keluarga.no_kk;
}

// Only the opaque id: a kelurahan or any value of the record would be personal data in a webhook.
const emitted = (p: Penduduk) => ({ id: p.id });

export async function createPenduduk(kernel: Kernel, actor: Actor, access: Access | null, input: PendudukInput): Promise<Penduduk> {
  const nik = checkNik(input.nik, input.tanggalLahir, input.jenisKelamin);
  const nama = input.nama.trim().replace(/\s+/g, ' ');
  if (!nama) throw unprocessable([{ field: 'nama', rule: 'minLength', params: { limit: 1 } }]);
  const id = uuidv7();
  try {
    return await kernel.db.transaction().execute(async (outer) => {
      const trx = pendudukDb(outer);
      const noKk = await keluargaFor(trx, access, input.noKk);
      await trx
        .insertInto('penduduk.penduduk')
        .values({
          id, nik, no_kk: noKk, nama, jenis_kelamin: input.jenisKelamin, tempat_lahir: input.tempatLahir.trim(), tanggal_lahir: input.tanggalLahir,
          agama: input.agama, pendidikan: input.pendidikan, pekerjaan: input.pekerjaan, status_kawin: input.statusKawin, shdk: input.shdk,
          status: input.status ?? 'hidup', kewarganegaraan: input.kewarganegaraan ?? 'WNI',
        })
        .execute();
      const created = (await findPenduduk(trx, id))!;
      await writeHistory(outer, 'penduduk', actor, { entityType: 'penduduk', entityId: id, version: 1, action: 'created', changed: [], snapshot: snapshotOf(created) });
      await recordAudit(outer, actor, { action: 'penduduk.created', entityType: 'penduduk', entityId: id, after: snapshotOf(created) });
      await kernel.events.emit(outer, actor, { type: 'penduduk.created', entityType: 'penduduk', entityId: id, payload: emitted(created) });
      return maskPenduduk(created);
    });
  } catch (error) {
    translate(error, input);
  }
}

/** Locks the resident for a write: unknown → 404, outside the writer's kelurahan → 403, archived → 409, stale → 412. */
async function lockForWrite(trx: PendudukTrx, access: Access | null, ref: string, expected: number): Promise<Penduduk> {
  const found = await findPenduduk(trx, ref, true);
  if (!found) throw new AppError('penduduk.not_found');
  assertManages(access, found.kodeKelurahan);
  if (found.archivedAt) throw new AppError('record.archived');
  assertCurrent(found.version, expected);
  return found;
}

const columnOf: Record<(typeof EDITABLE)[number], string> = {
  noKk: 'no_kk', nama: 'nama', jenisKelamin: 'jenis_kelamin', tempatLahir: 'tempat_lahir', tanggalLahir: 'tanggal_lahir', agama: 'agama',
  pendidikan: 'pendidikan', pekerjaan: 'pekerjaan', statusKawin: 'status_kawin', shdk: 'shdk', status: 'status', kewarganegaraan: 'kewarganegaraan',
};

export async function updatePenduduk(kernel: Kernel, actor: Actor, access: Access | null, ref: string, ifMatch: string | undefined, patch: PendudukPatch & { nik?: string }): Promise<Penduduk> {
  const expected = expectedVersion(ifMatch);
  if (patch.nik !== undefined) throw unprocessable([{ field: 'nik', rule: 'penduduk.nik_immutable' }]);
  try {
    return await kernel.db.transaction().execute(async (outer) => {
      const trx = pendudukDb(outer);
      const before = await lockForWrite(trx, access, ref, expected);
      const next: Record<string, unknown> = {};
      for (const field of EDITABLE) {
        let value = patch[field];
        if (value === undefined) continue;
        if (field === 'nama' && typeof value === 'string') value = value.trim().replace(/\s+/g, ' ');
        if (field === 'tempatLahir' && typeof value === 'string') value = value.trim();
        if (field === 'noKk' && typeof value === 'string') value = stripSeparators(value);
        if (value !== before[field]) next[field] = value;
      }
      if (next.nama === '') throw unprocessable([{ field: 'nama', rule: 'minLength', params: { limit: 1 } }]);
      const changed = Object.keys(next);
      if (changed.length === 0) return maskPenduduk(before);
      if ('tanggalLahir' in next || 'jenisKelamin' in next) {
        checkNik(before.nik, (next.tanggalLahir as string | undefined) ?? before.tanggalLahir!, (next.jenisKelamin as Sex | undefined) ?? before.jenisKelamin);
      }
      if (typeof next.noKk === 'string') await keluargaFor(trx, access, next.noKk);
      const set: Record<string, unknown> = { version: before.version + 1, updated_at: new Date() };
      for (const field of changed) set[columnOf[field as keyof typeof columnOf]] = next[field];
      if (before.version === 1) await keepLoadedVersion(outer, 'penduduk', 'penduduk.penduduk', 'penduduk', before.id, snapshotOf(before));
      await trx.updateTable('penduduk.penduduk').set(set).where('id', '=', before.id).execute();
      const after = (await findPenduduk(trx, before.id))!;
      const names = changedFields(snapshotOf(before), snapshotOf(after)).filter((name) => name !== 'version');
      await writeHistory(outer, 'penduduk', actor, { entityType: 'penduduk', entityId: after.id, version: after.version, action: 'updated', changed: names, snapshot: snapshotOf(after) });
      await recordAudit(outer, actor, { action: 'penduduk.updated', entityType: 'penduduk', entityId: after.id, before: snapshotOf(before), after: snapshotOf(after) });
      // Field NAMES only: an event never carries a resident's values.
      await kernel.events.emit(outer, actor, { type: 'penduduk.updated', entityType: 'penduduk', entityId: after.id, payload: { ...emitted(after), changed: names } });
      return maskPenduduk(after);
    });
  } catch (error) {
    translate(error, patch);
  }
}

export async function archivePenduduk(kernel: Kernel, actor: Actor, access: Access | null, ref: string, ifMatch: string | undefined, alasan: string): Promise<Penduduk> {
  const expected = expectedVersion(ifMatch);
  const reason = alasan.trim();
  if (reason.length < 3) throw new AppError('request.invalid', {}, [{ field: 'alasan', rule: 'penduduk.alasan_blank', params: { limit: 3 } }]);
  return kernel.db.transaction().execute(async (outer) => {
    const trx = pendudukDb(outer);
    const before = await lockForWrite(trx, access, ref, expected);
    if (before.version === 1) await keepLoadedVersion(outer, 'penduduk', 'penduduk.penduduk', 'penduduk', before.id, snapshotOf(before));
    await trx
      .updateTable('penduduk.penduduk')
      .set({ archived_at: sql<Date>`now()`, archive_reason: reason, version: before.version + 1, updated_at: sql<Date>`now()` })
      .where('id', '=', before.id)
      .execute();
    const after = (await findPenduduk(trx, before.id))!;
    await writeHistory(outer, 'penduduk', actor, { entityType: 'penduduk', entityId: after.id, version: after.version, action: 'archived', changed: ['archivedAt', 'archiveReason'], snapshot: snapshotOf(after) });
    await recordAudit(outer, actor, { action: 'penduduk.archived', entityType: 'penduduk', entityId: after.id, before: snapshotOf(before), after: snapshotOf(after) });
    // The reason is free text and may name people: it stays out of the event.
    await kernel.events.emit(outer, actor, { type: 'penduduk.archived', entityType: 'penduduk', entityId: after.id, payload: emitted(after) });
    return maskPenduduk(after);
  });
}
