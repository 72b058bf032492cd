import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import type { DB } from '../../core/db/schema.js';
import { AppError } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { maskValue } from '../../core/privacy/mask.js';
import { stripSeparators } from '../identity/common.js';
import { writeHistory } from '../kernel/history.js';
import { getWilayah } from '../wilayah/index.js';
import { maskPenduduk, selectPenduduk, toPenduduk, UUID, type Keluarga } from './model.js';
import { assertManages, inScope, kelurahanScope } from './scope.js';
import { pendudukDb, type PendudukDb } from './tables.js';
import { checkNoKk } from './write-service.js';

export interface KeluargaInput {
  noKk: string;
  kodeKelurahan: string;
  alamat: string;
  rt: string;
  rw: string;
}

function selectKeluarga(db: PendudukDb) {
  return db
    .selectFrom('penduduk.keluarga')
    .select(['id', 'no_kk', 'kode_kelurahan', 'alamat', 'rt', 'rw', 'version', 'archived_at', 'created_at', 'updated_at']);
}

/** A family card by uuid or No. KK with its current members, masked; 404 outside the reader's kelurahan. */
export async function getKeluarga(db: Kysely<DB>, access: Access | null, ref: string): Promise<Keluarga> {
  const pdb = pendudukDb(db);
  const text = ref.trim();
  const query = UUID.test(text) ? selectKeluarga(pdb).where('id', '=', text.toLowerCase()) : selectKeluarga(pdb).where('no_kk', '=', stripSeparators(text));
  const row = await query.executeTakeFirst();
  if (!row || !inScope(kelurahanScope(access, 'penduduk.read'), row.kode_kelurahan)) throw new AppError('keluarga.not_found');
  const members = await selectPenduduk(pdb).where('p.no_kk', '=', row.no_kk).where('p.archived_at', 'is', null).orderBy('p.shdk').orderBy('p.tanggal_lahir').execute();
  return {
    id: row.id,
    noKk: maskValue(row.no_kk),
    kodeKelurahan: row.kode_kelurahan,
    alamat: maskValue(row.alamat),
    rt: row.rt,
    rw: row.rw,
    masked: true,
    version: row.version,
    archivedAt: row.archived_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    anggota: members.map((m) => maskPenduduk(toPenduduk(m))),
  };
}

const pad3 = (value: string) => value.trim().padStart(3, '0');

export async function createKeluarga(kernel: Kernel, actor: Actor, access: Access | null, input: KeluargaInput): Promise<Keluarga> {
  const noKk = checkNoKk(input.noKk);
  const kelurahan = await getWilayah(kernel.db, input.kodeKelurahan);
  if (!kelurahan || (kelurahan.level !== 'kelurahan' && kelurahan.level !== 'desa')) {
    throw new AppError('penduduk.invalid', {}, [{ field: 'kodeKelurahan', rule: 'penduduk.kelurahan_unknown', params: { kode: input.kodeKelurahan.trim() } }]);
  }
  assertManages(access, kelurahan.kode);
  const alamat = input.alamat.trim().replace(/\s+/g, ' ');
  if (!alamat) throw new AppError('request.invalid', {}, [{ field: 'alamat', rule: 'minLength', params: { limit: 1 } }]);
  const id = uuidv7();
  try {
    await kernel.db.transaction().execute(async (trx) => {
      await pendudukDb(trx).insertInto('penduduk.keluarga').values({ id, no_kk: noKk, kode_kelurahan: kelurahan.kode, alamat, rt: pad3(input.rt), rw: pad3(input.rw) }).execute();
      const snapshot = { id, noKk, kodeKelurahan: kelurahan.kode, alamat, rt: pad3(input.rt), rw: pad3(input.rw), version: 1 };
      await writeHistory(trx, 'penduduk', actor, { entityType: 'keluarga', entityId: id, version: 1, action: 'created', changed: [], snapshot });
      await recordAudit(trx, actor, { action: 'keluarga.created', entityType: 'keluarga', entityId: id, after: snapshot });
      await kernel.events.emit(trx, actor, { type: 'keluarga.created', entityType: 'keluarga', entityId: id, payload: { id } });
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new AppError('keluarga.no_kk_taken');
    throw error;
  }
  return getKeluarga(kernel.db, null, id);
}
