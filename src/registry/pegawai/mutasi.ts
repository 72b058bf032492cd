import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import type { FieldViolation } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { todayWib } from '../organisasi/index.js';
import { writeHistory } from '../kernel/history.js';
import type { Pegawai } from './model.js';
import { assertCovers, MANAGE, scopeOf } from './permission.js';
import { findPegawai, lockForWrite, resolvePlacement } from './pegawai-service.js';
import { rulesBroken } from './rules.js';
import { HISTORY_SCHEMA, peg } from './tables.js';

export interface MutasiInput {
  /** Target OPD, id or kode. */
  opdRef: string;
  unitId: string;
  jabatanId?: string | null;
  /** Defaults to the jabatan's name when `jabatanId` is given. */
  namaJabatan?: string;
  /** First day in the new position; the old one ends (exclusive) on the same day. */
  tmt: string;
}

export interface Position {
  opdId: string;
  unitId: string;
  jabatanId: string | null;
  namaJabatan: string | null;
  tmt: string | null;
}

const positionOf = (p: Pegawai): Position => ({ opdId: p.opdId, unitId: p.unitId, jabatanId: p.jabatanId, namaJabatan: p.namaJabatan, tmt: p.tmtJabatan });

/** Only employees in service can move. */
const IN_SERVICE = new Set(['aktif', 'cuti']);

/**
 * A transfer (mutasi) as one operation in one transaction: the current riwayat jabatan closes
 * on the TMT, the new one opens on it, the employee's OPD and unit follow, the version goes up
 * once, one history row and one audit entry are written, and ONE event `pegawai.mutasi`
 * carries from/to. The writer must manage both the employee's current OPD and the target OPD.
 */
export async function mutasi(kernel: Kernel, actor: Actor, access: Access, ref: string, ifMatch: string | undefined, input: MutasiInput): Promise<Pegawai> {
  const now = new Date();
  const today = todayWib(now);
  return kernel.db.transaction().execute(async (outer) => {
    const trx = peg(outer);
    const before = await lockForWrite(trx, access, ref, ifMatch);
    const violations: FieldViolation[] = [];
    const placement = await resolvePlacement(
      trx,
      { opdRef: input.opdRef, unitId: input.unitId, jabatanId: input.jabatanId, namaJabatan: input.namaJabatan, tmt: input.tmt },
      { opd: 'opdRef', unit: 'unitId', jabatan: 'jabatanId', namaJabatan: 'namaJabatan' },
      violations,
    );
    if (placement) assertCovers(await scopeOf(trx, access, MANAGE), placement.opd.id);
    if (!IN_SERVICE.has(before.status)) violations.push({ field: 'status', rule: 'pegawai.not_in_service', params: { status: before.status } });
    if (input.tmt > today) violations.push({ field: 'tmt', rule: 'pegawai.tmt_future', params: { today } });
    if (before.tmtJabatan !== null && input.tmt <= before.tmtJabatan) violations.push({ field: 'tmt', rule: 'pegawai.tmt_order', params: { tmt: before.tmtJabatan } });
    if (
      placement &&
      placement.unit.id === before.unitId &&
      placement.jabatanId === before.jabatanId &&
      placement.namaJabatan === before.namaJabatan
    ) {
      violations.push({ field: 'unitId', rule: 'pegawai.mutasi_same' });
    }
    if (violations.length > 0 || !placement) throw rulesBroken(violations);
    const { opd, unit, jabatanId, namaJabatan } = placement;

    await trx.updateTable('pegawai.riwayat_jabatan').set({ selesai: input.tmt }).where('pegawai_id', '=', before.id).where('selesai', 'is', null).execute();
    await trx
      .insertInto('pegawai.riwayat_jabatan')
      .values({ id: uuidv7(), pegawai_id: before.id, opd_id: opd.id, unit_id: unit.id, jabatan_id: jabatanId, nama_jabatan: namaJabatan, tmt: input.tmt })
      .execute();
    const version = before.version + 1;
    await trx.updateTable('pegawai.pegawai').set({ opd_id: opd.id, unit_id: unit.id, version, updated_at: now }).where('id', '=', before.id).execute();
    const after = (await findPegawai(trx, before.id))!;
    const from = positionOf(before);
    const to = positionOf(after);
    const changed = (Object.keys(to) as (keyof Position)[]).filter((key) => from[key] !== to[key]).map((key) => (key === 'tmt' ? 'tmtJabatan' : key));
    await writeHistory(trx, HISTORY_SCHEMA, actor, { entityType: 'pegawai', entityId: after.id, version, action: 'mutasi', changed, snapshot: { ...after } });
    await recordAudit(outer, actor, { action: 'pegawai.mutasi', entityType: 'pegawai', entityId: after.id, before: from, after: to });
    await kernel.events.emit(outer, actor, {
      type: 'pegawai.mutasi',
      entityType: 'pegawai',
      entityId: after.id,
      payload: { id: after.id, nip: after.nip, version, from, to },
    });
    return after;
  });
}
