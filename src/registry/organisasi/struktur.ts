import type { AnyDb } from './tables.js';
import { org } from './tables.js';
import { todayWib } from './dates.js';
import { toUnit, UNIT_JENIS, type Opd, type Unit, type UnitJenis } from './model.js';
import { getOpd } from './opd-service.js';
import { jabatanOf, selectUnits } from './unit-service.js';

export interface StrukturUnit {
  id: string;
  parentId: string | null;
  /** 0 for a unit directly under the OPD. */
  depth: number;
  nama: string;
  jenis: UnitJenis;
  berlakuMulai: string;
  berlakuSampai: string | null;
  /** Office address of a unit housed apart from its OPD. */
  alamat: string | null;
  version: number;
  jabatan: { id: string; nama: string; jenis: string; eselon: string | null }[];
}

export interface Struktur {
  opd: Opd;
  tanggal: string;
  /** Depth first: each unit right after its parent, siblings in org-chart order. */
  units: StrukturUnit[];
}

/** Siblings as an org chart lists them: secretariat first, then by kind, then by name. */
function compareUnits(a: Unit, b: Unit): number {
  return UNIT_JENIS.indexOf(a.jenis) - UNIT_JENIS.indexOf(b.jenis) || a.nama.localeCompare(b.nama, 'id');
}

/** The units of an OPD in force on a day (default: today in WIB), as a tree, with their jabatan. */
export async function strukturAsOf(db: AnyDb, opdRef: string, tanggal: string = todayWib()): Promise<Struktur> {
  const opd = await getOpd(db, opdRef);
  const rows = await selectUnits(org(db))
    .where('u.opd_id', '=', opd.id)
    .where('u.archived_at', 'is', null)
    .where('u.berlaku_mulai', '<=', tanggal)
    .where((eb) => eb.or([eb('u.berlaku_sampai', 'is', null), eb('u.berlaku_sampai', '>=', tanggal)]))
    .execute();
  const units = rows.map(toUnit);
  const present = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    // Parents cover their children's periods, so a missing parent only comes from data loaded around the rules.
    const key = unit.parentId !== null && present.has(unit.parentId) ? unit.parentId : null;
    children.set(key, [...(children.get(key) ?? []), unit]);
  }
  const jabatan = await jabatanOf(db, units.map((u) => u.id));
  const ordered: StrukturUnit[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const unit of (children.get(parent) ?? []).sort(compareUnits)) {
      ordered.push({
        id: unit.id,
        parentId: unit.parentId,
        depth,
        nama: unit.nama,
        jenis: unit.jenis,
        berlakuMulai: unit.berlakuMulai,
        berlakuSampai: unit.berlakuSampai,
        alamat: unit.alamat,
        version: unit.version,
        jabatan: (jabatan.get(unit.id) ?? []).map(({ id, nama, jenis, eselon }) => ({ id, nama, jenis, eselon })),
      });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  return { opd, tanggal, units: ordered };
}
