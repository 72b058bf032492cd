import { createRequire } from 'node:module';
import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import { parseKode } from './kode.js';
import type { Level } from './tables.js';

const pkg = createRequire(import.meta.url)('idn-area-data/package.json') as { name: string; version: string };

/** Package name and version the regions come from, stored with every row. */
export const WILAYAH_SOURCE = `${pkg.name}@${pkg.version}`;

export interface SourceRegion {
  kode: string;
  nama: string;
  level: Level;
  parentKode: string | null;
}

/**
 * Every province, kab/kota and kecamatan of Indonesia, plus the kelurahan and desa of the pemda
 * (its code and everything under it). Each code is checked by structure against its parent, so a
 * surprise in a new package version stops the start instead of landing in the registry.
 */
export async function readSourceRegions(pemdaCode: string): Promise<SourceRegion[]> {
  const [provinces, regencies, districts, villages] = await Promise.all([getProvinces(), getRegencies(), getDistricts(), getVillages()]);
  const regions: SourceRegion[] = [];
  const add = (code: string, name: string, parentCode: string | null) => {
    const parsed = parseKode(code);
    if (!parsed.ok || parsed.kode !== code || parsed.parent !== parentCode) {
      throw new Error(`${WILAYAH_SOURCE}: region "${code}" (parent "${parentCode}") does not follow the kode wilayah structure`);
    }
    const nama = name.trim();
    if (!nama) throw new Error(`${WILAYAH_SOURCE}: region ${code} has no name`);
    regions.push({ kode: parsed.kode, nama, level: parsed.level, parentKode: parentCode });
  };
  for (const p of provinces) add(p.code, p.name, null);
  for (const r of regencies) add(r.code, r.name, r.province_code);
  for (const d of districts) add(d.code, d.name, d.regency_code);
  const prefix = `${pemdaCode}.`;
  for (const v of villages) if (v.code.startsWith(prefix)) add(v.code, v.name, v.district_code);

  const seen = new Set<string>();
  for (const region of regions) {
    if (seen.has(region.kode)) throw new Error(`${WILAYAH_SOURCE}: region ${region.kode} appears twice`);
    seen.add(region.kode);
  }
  if (!seen.has(pemdaCode)) throw new Error(`PADU_PEMDA_CODE ${pemdaCode} is not a region in ${WILAYAH_SOURCE}`);
  return regions;
}
