import type { VisibleEvent } from '../feed/visibility.js';

/**
 * A subscription's optional filter: every given condition must hold.
 * - entityId: one record (a pegawai id, a penduduk id, an OPD id, …)
 * - opdKode: records of one OPD (OPD, unit, jabatan, pegawai, anggaran events)
 * - kodeKelurahan: records of one kelurahan (penduduk and keluarga events)
 * - payload: fields of the event data equal to the given values (e.g. {"jenis": "pns"})
 */
export interface WebhookFilter {
  entityId?: string;
  opdKode?: string;
  kodeKelurahan?: string;
  payload?: Record<string, string | number | boolean>;
}

export function typeMatches(patterns: readonly string[], type: string): boolean {
  return patterns.some((p) => (p.endsWith('.*') ? type.startsWith(p.slice(0, -1)) : p === type));
}

export function filterMatches(filter: WebhookFilter, event: VisibleEvent): boolean {
  if (filter.entityId !== undefined && event.entityId !== filter.entityId) return false;
  if (filter.opdKode !== undefined && event.context.opdKode !== filter.opdKode) return false;
  if (filter.kodeKelurahan !== undefined && event.context.kodeKelurahan !== filter.kodeKelurahan) return false;
  for (const [field, value] of Object.entries(filter.payload ?? {})) {
    if (event.payload[field] !== value) return false;
  }
  return true;
}
