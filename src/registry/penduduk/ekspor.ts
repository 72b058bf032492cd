import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { Access } from '../../core/authz/access.js';
import type { DB } from '../../core/db/schema.js';
import { AppError } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { checkAlasan } from './akses.js';
import { selectPenduduk, toPenduduk, type Penduduk } from './model.js';
import { kodeLists, whereFiltered, type PendudukFilter } from './read-service.js';
import { kelurahanScope } from './scope.js';
import { pendudukDb } from './tables.js';

/**
 * At most this many residents in one export. A kelurahan of Kota Padang holds a few thousand
 * people, so one kelurahan always fits; the whole city (~950,000) never does in one file.
 */
export const EXPORT_MAX_ROWS = 10_000;

export interface EksporInput extends PendudukFilter {
  alasan: string;
}

export interface Ekspor {
  csv: string;
  count: number;
}

/** The CSV columns, in order; code columns carry the code list's name (what an officer reads). */
const COLUMNS = [
  'nik', 'no_kk', 'nama', 'jenis_kelamin', 'tempat_lahir', 'tanggal_lahir', 'agama', 'pendidikan', 'pekerjaan', 'status_kawin',
  'shdk', 'status', 'kewarganegaraan', 'kode_kelurahan', 'alamat', 'rt', 'rw', 'archived_at',
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a separator, a quote or a line break. Text a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the start) gets a leading
 * apostrophe (OWASP "CSV injection"); digits-only values such as a NIK are left alone.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvOf(rows: Penduduk[], names: Record<string, Map<number, string>>): string {
  const name = (list: string, kode: number) => names[list]?.get(kode) ?? String(kode);
  const lines = [COLUMNS.join(',')];
  for (const p of rows) {
    const values: (string | number | null)[] = [
      p.nik, p.noKk, p.nama, p.jenisKelamin, p.tempatLahir, p.tanggalLahir, name('agama', p.agama), name('pendidikan', p.pendidikan),
      name('pekerjaan', p.pekerjaan), name('statusKawin', p.statusKawin), name('shdk', p.shdk), p.status, p.kewarganegaraan,
      p.kodeKelurahan, p.alamat, p.rt, p.rw, p.archivedAt,
    ];
    lines.push(values.map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/**
 * The full records the list's filters select, within the caller's kelurahan for
 * penduduk.read_full, as CSV. In the same transaction as the read: one access-log row per
 * exported resident (action `export`, with the reason) and one audit entry. More than
 * `maxRows` matches is a 422 and nothing is logged or returned.
 */
export async function exportPenduduk(kernel: Kernel, actor: Actor, access: Access | null, input: EksporInput, maxRows = EXPORT_MAX_ROWS): Promise<Ekspor> {
  const reason = checkAlasan(input.alasan);
  const scope = kelurahanScope(access, 'penduduk.read_full');
  const filter: PendudukFilter = {
    q: input.q, kelurahan: input.kelurahan, noKk: input.noKk, status: input.status, jenisKelamin: input.jenisKelamin, includeArchived: input.includeArchived,
  };
  return kernel.db.transaction().execute(async (trx) => {
    const pdb = pendudukDb(trx);
    const rows = scope !== null && scope.length === 0
      ? []
      : await whereFiltered(selectPenduduk(pdb), scope, filter)
        .orderBy(sql`lower(p.nama) COLLATE "C"`)
        .orderBy('p.id')
        .limit(maxRows + 1)
        .execute();
    if (rows.length > maxRows) throw new AppError('penduduk.export_too_large', { limit: maxRows });
    const residents = rows.map(toPenduduk);
    if (residents.length > 0) {
      // Set-based: one statement logs every exported resident, whatever the count.
      await sql`
        INSERT INTO penduduk.akses_log (actor_type, actor_id, actor_name, app_id, penduduk_id, nik, action, reason, request_id)
        SELECT ${actor.type}, ${actor.id}, ${actor.name}, ${actor.type === 'app' ? actor.id : null}, p.id, p.nik, 'export', ${reason}, ${actor.requestId}
        FROM penduduk.penduduk p
        WHERE p.id = ANY(${residents.map((p) => p.id)}::uuid[])`.execute(trx);
    }
    // The filters name no one in full: a No. KK filter is masked by the audit trail itself.
    const filters = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined && value !== false));
    await recordAudit(trx, actor, { action: 'penduduk.export', entityType: 'penduduk', entityId: null, after: { reason, count: residents.length, filters } });
    const lists = await kodeLists(trx as unknown as Kysely<DB>);
    const names = Object.fromEntries(Object.entries(lists).map(([list, items]) => [list, new Map(items.map((item) => [item.kode, item.nama]))]));
    return { csv: csvOf(residents, names), count: residents.length };
  });
}
