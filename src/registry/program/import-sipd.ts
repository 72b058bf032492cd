import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import { AppError, type FieldViolation } from '../../core/http/errors.js';
import type { FieldRule } from '../../core/http/field-rules.js';
import type { Kernel } from '../../core/kernel.js';
import { validateKodeProgram, type ProgramLevel } from '../identity/kode-program.js';
import { findOpd, type Opd } from '../organisasi/index.js';
import { indikatorOf, replaceIndikator } from './anggaran-service.js';
import { parseCsv } from './csv.js';
import { MAX_PAGU, type Anggaran, type Indikator } from './model.js';
import { core, prog, type ProgTrx } from './tables.js';

/**
 * Import of the planning and budget nomenclature and each OPD's pagu from a CSV shaped like a
 * SIPD export. Accepted header (any column order, names case-insensitive, `,` or `;` separated,
 * RFC 4180 quoting; a UTF-8 BOM is ignored):
 *
 *   tahun,kode_opd,nama_opd,kode_urusan,nama_urusan,kode_bidang_urusan,nama_bidang_urusan,
 *   kode_program,nama_program,kode_kegiatan,nama_kegiatan,kode_sub_kegiatan,nama_sub_kegiatan,
 *   pagu,indikator,satuan,target
 *
 * - Required: tahun, kode_opd, kode_sub_kegiatan, nama_sub_kegiatan, pagu. The others are optional;
 *   nama_opd is informational (the OPD is found by kode_opd through organisasi).
 * - Codes are normalised with validateKodeProgram (`1.2.2.2.2.8` = `1.02.02.2.02.0008`); an
 *   ancestor code given in its column must be the one the sub-kegiatan code implies. An ancestor
 *   without a name in the file must already be in the nomenclature.
 * - pagu: whole Rupiah, `1250000000` or with dot thousands separators `1.250.000.000`; decimals,
 *   signs and anything else are refused.
 * - target: a number (`75`, `12.5` or `12,5`), or empty.
 * - Several rows for the same (tahun, OPD, sub-kegiatan) carry one indicator each and must agree
 *   on the pagu. When the file has an `indikator` column, its indicators replace the stored ones.
 * - Every row is checked first; if any fails, nothing is stored and each failing row is reported
 *   with its line in the file (the header is line 1). Importing the same file again changes nothing.
 */
export const SIPD_COLUMNS = [
  'tahun', 'kode_opd', 'nama_opd', 'kode_urusan', 'nama_urusan', 'kode_bidang_urusan', 'nama_bidang_urusan',
  'kode_program', 'nama_program', 'kode_kegiatan', 'nama_kegiatan', 'kode_sub_kegiatan', 'nama_sub_kegiatan',
  'pagu', 'indikator', 'satuan', 'target',
] as const;
type Column = (typeof SIPD_COLUMNS)[number];
const REQUIRED: Column[] = ['tahun', 'kode_opd', 'kode_sub_kegiatan', 'nama_sub_kegiatan', 'pagu'];

/** Ancestor levels with the columns that name them and the number of code parts they keep. */
const ANCESTORS = [
  { level: 'urusan', kode: 'kode_urusan', nama: 'nama_urusan', parts: 1 },
  { level: 'bidang_urusan', kode: 'kode_bidang_urusan', nama: 'nama_bidang_urusan', parts: 2 },
  { level: 'program', kode: 'kode_program', nama: 'nama_program', parts: 3 },
  { level: 'kegiatan', kode: 'kode_kegiatan', nama: 'nama_kegiatan', parts: 5 },
] as const satisfies readonly { level: ProgramLevel; kode: Column; nama: Column; parts: number }[];
const LEVEL_ORDER: ProgramLevel[] = ['urusan', 'bidang_urusan', 'program', 'kegiatan', 'sub_kegiatan'];

export interface RowProblem {
  line: number;
  problems: FieldViolation[];
}

/** A file with failing rows: 422, nothing stored. The route renders `rows` with messages. */
export class ImportInvalid extends AppError {
  constructor(readonly rows: RowProblem[]) {
    super('program.import_invalid', { count: rows.length }, rows.flatMap((row) => row.problems.map((p) => ({ ...p, field: `line/${row.line}/${p.field}` }))));
  }
}

export interface ImportResult {
  rows: number;
  nomenklatur: { created: number; updated: number };
  anggaran: { created: number; updated: number; unchanged: number };
  tahun: number[];
}

/** `1250000000` or `1.250.000.000` → 1250000000; anything else (decimals, signs, spaces) → null. */
export function parsePagu(text: string): number | null {
  const value = text.trim();
  if (!/^\d+$/.test(value) && !/^\d{1,3}(\.\d{3})+$/.test(value)) return null;
  const n = Number(value.replaceAll('.', ''));
  return Number.isSafeInteger(n) && n <= MAX_PAGU ? n : null;
}

function parseTarget(text: string): number | null | undefined {
  const value = text.trim();
  if (value === '') return null;
  const normal = /^-?\d+(,\d+)?$/.test(value) ? value.replace(',', '.') : value;
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return undefined;
  const n = Number(normal);
  return Number.isFinite(n) && Math.abs(n) < 1e15 ? n : undefined;
}

interface ParsedRow {
  line: number;
  tahun: number;
  kodeOpd: string;
  kode: string;
  /** kode → nama for the sub-kegiatan and each ancestor named in the row. */
  names: Map<string, { level: ProgramLevel; parent: string | null; nama: string | null }>;
  pagu: number;
  indikator: Indikator | null;
}


/** Parses and checks every row on its own; returns the rows and the problems found so far. */
function readRows(csv: string): { rows: ParsedRow[]; problems: Map<number, FieldViolation[]>; hasIndikator: boolean } {
  const problems = new Map<number, FieldViolation[]>();
  const add = (line: number, violation: FieldViolation) => {
    const list = problems.get(line) ?? [];
    list.push(violation);
    problems.set(line, list);
  };
  const parsed = parseCsv(csv);
  const [header, ...records] = parsed.records;
  if (parsed.unclosedQuoteLine !== null) add(parsed.unclosedQuoteLine, { field: 'csv', rule: 'program.csv_syntax' });
  if (!header) {
    add(1, { field: 'csv', rule: 'program.csv_empty' });
    return { rows: [], problems, hasIndikator: false };
  }
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const index = new Map<string, number>(names.map((name, i) => [name, i]));
  for (const column of REQUIRED) if (!index.has(column)) add(header.line, { field: column, rule: 'program.header', params: { column } });
  if (records.length === 0) add(header.line, { field: 'csv', rule: 'program.csv_empty' });
  if (problems.size > 0) return { rows: [], problems, hasIndikator: false };

  const rows: ParsedRow[] = [];
  for (const record of records) {
    const { line } = record;
    const before = problems.get(line)?.length ?? 0;
    if (record.fields.length !== names.length) {
      add(line, { field: 'csv', rule: 'program.columns', params: { actual: record.fields.length, expected: names.length } });
      continue;
    }
    const get = (column: Column) => {
      const i = index.get(column);
      return i === undefined ? '' : record.fields[i]!.trim();
    };
    for (const column of REQUIRED) if (get(column) === '') add(line, { field: column, rule: 'program.required', params: { column } });
    if ((problems.get(line)?.length ?? 0) > before) continue;

    const tahunText = get('tahun');
    const tahun = Number(tahunText);
    if (!/^\d{4}$/.test(tahunText) || tahun < 2000 || tahun > 2100) add(line, { field: 'tahun', rule: 'program.tahun' });
    const pagu = parsePagu(get('pagu'));
    if (pagu === null) add(line, { field: 'pagu', rule: 'program.pagu_whole' });
    const target = parseTarget(get('target'));
    if (target === undefined) add(line, { field: 'target', rule: 'program.target' });

    const checked = validateKodeProgram(get('kode_sub_kegiatan'), { level: 'sub_kegiatan' });
    const rowNames: ParsedRow['names'] = new Map();
    if (!checked.ok) {
      for (const v of checked.violations) add(line, { field: 'kode_sub_kegiatan', rule: v.rule as FieldRule, ...(v.params ? { params: v.params } : {}) });
    } else {
      const parts = checked.value.split('.');
      rowNames.set(checked.value, { level: 'sub_kegiatan', parent: checked.parent, nama: get('nama_sub_kegiatan') });
      for (const ancestor of ANCESTORS) {
        const expected = parts.slice(0, ancestor.parts).join('.');
        const given = get(ancestor.kode);
        if (given !== '') {
          const own = validateKodeProgram(given, { level: ancestor.level });
          if (!own.ok) {
            for (const v of own.violations) add(line, { field: ancestor.kode, rule: v.rule as FieldRule, ...(v.params ? { params: v.params } : {}) });
          } else if (own.value !== expected) {
            add(line, { field: ancestor.kode, rule: 'program.parent_mismatch', params: { kode: own.value, expected } });
          }
        }
        const parent = ancestor.parts === 1 ? null : parts.slice(0, ANCESTORS[ANCESTORS.indexOf(ancestor) - 1]!.parts).join('.');
        rowNames.set(expected, { level: ancestor.level, parent, nama: get(ancestor.nama) || null });
      }
    }
    if ((problems.get(line)?.length ?? 0) > before || !checked.ok) continue;
    const nama = get('indikator');
    rows.push({
      line,
      tahun,
      kodeOpd: get('kode_opd'),
      kode: checked.value,
      names: rowNames,
      pagu: pagu!,
      indikator: nama ? { nama, satuan: get('satuan') || null, target: target ?? null } : null,
    });
  }
  return { rows, problems, hasIndikator: index.has('indikator') };
}


const keyOf = (tahun: number, opdId: string, kode: string) => `${tahun}|${opdId}|${kode}`;

interface Planned {
  line: number;
  tahun: number;
  opdId: string;
  kode: string;
  pagu: number;
  indikator: Indikator[];
}

/**
 * Checks the whole file, then stores it in one transaction: nomenclature first (level by level),
 * then anggaran and indicators, set-based. Throws ImportInvalid (422) with every failing row.
 */
export async function importSipd(kernel: Kernel, actor: Actor, csv: string): Promise<ImportResult> {
  const { rows, problems, hasIndikator } = readRows(csv);
  const add = (line: number, violation: FieldViolation) => {
    const list = problems.get(line) ?? [];
    list.push(violation);
    problems.set(line, list);
  };

  // OPDs through organisasi, once per distinct code.
  const opds = new Map<string, Opd | null>();
  for (const kode of new Set(rows.map((row) => row.kodeOpd.toLowerCase()))) opds.set(kode, await findOpd(kernel.db, kode));

  // Names agree across rows; one pagu per (tahun, OPD, sub-kegiatan).
  const nomenklatur = new Map<string, { level: ProgramLevel; parent: string | null; nama: string | null; line: number }>();
  const planned = new Map<string, Planned>();
  for (const row of rows) {
    const opd = opds.get(row.kodeOpd.toLowerCase());
    if (!opd || opd.archivedAt) add(row.line, { field: 'kode_opd', rule: 'program.opd_unknown', params: { ref: row.kodeOpd } });
    for (const [kode, entry] of row.names) {
      const seen = nomenklatur.get(kode);
      if (!seen || (seen.nama === null && entry.nama !== null)) nomenklatur.set(kode, { ...entry, line: row.line });
      else if (entry.nama !== null && seen.nama !== entry.nama) {
        add(row.line, { field: entry.level === 'sub_kegiatan' ? 'nama_sub_kegiatan' : `nama_${entry.level}`, rule: 'program.nama_conflict', params: { kode, line: seen.line } });
      }
    }
    if (!opd || opd.archivedAt) continue;
    const key = keyOf(row.tahun, opd.id, row.kode);
    const plan = planned.get(key);
    if (!plan) planned.set(key, { line: row.line, tahun: row.tahun, opdId: opd.id, kode: row.kode, pagu: row.pagu, indikator: row.indikator ? [row.indikator] : [] });
    else if (plan.pagu !== row.pagu) add(row.line, { field: 'pagu', rule: 'program.pagu_conflict', params: { line: plan.line } });
    else if (row.indikator) plan.indikator.push(row.indikator);
  }
  const fail = () => {
    const list = [...problems].sort(([a], [b]) => a - b).map(([line, found]) => ({ line, problems: found }));
    return new ImportInvalid(list);
  };
  if (problems.size > 0) throw fail();

  return kernel.db.transaction().execute(async (outer) => {
    const trx = prog(outer);
    // Ancestors without a name in the file must exist already.
    const unnamed = [...nomenklatur].filter(([, entry]) => entry.nama === null).map(([kode]) => kode);
    if (unnamed.length > 0) {
      const known = await sql<{ kode: string }>`SELECT kode FROM program.nomenklatur WHERE kode = any(${unnamed}::text[])`.execute(trx);
      const have = new Set(known.rows.map((row) => row.kode));
      for (const kode of unnamed) {
        if (have.has(kode)) continue;
        const entry = nomenklatur.get(kode)!;
        add(entry.line, { field: `nama_${entry.level}`, rule: 'program.required', params: { column: `nama_${entry.level}` } });
      }
    }

    // The stored anggaran of every key in the file, locked.
    const plans = [...planned.values()];
    const existing = await sql<{ id: string; tahun: number; opd_id: string; kode: string; pagu: string; version: number; archived: boolean }>`
      SELECT a.id, a.tahun, a.opd_id, a.kode, a.pagu, a.version, a.archived_at IS NOT NULL AS archived
      FROM program.anggaran a
      JOIN unnest(${plans.map((p) => p.tahun)}::int[], ${plans.map((p) => p.opdId)}::uuid[], ${plans.map((p) => p.kode)}::text[]) AS k(tahun, opd_id, kode)
        ON a.tahun = k.tahun AND a.opd_id = k.opd_id AND a.kode = k.kode
      FOR UPDATE OF a`.execute(trx);
    const stored = new Map(existing.rows.map((row) => [keyOf(row.tahun, row.opd_id, row.kode), row]));
    for (const plan of plans) {
      if (stored.get(keyOf(plan.tahun, plan.opdId, plan.kode))?.archived) add(plan.line, { field: 'kode_sub_kegiatan', rule: 'program.anggaran_archived' });
    }
    if (problems.size > 0) throw fail();

    // Nomenclature, level by level so each parent exists before its children.
    const counts = { created: 0, updated: 0 };
    for (const level of LEVEL_ORDER) {
      const entries = [...nomenklatur].filter(([, e]) => e.level === level && e.nama !== null);
      if (entries.length === 0) continue;
      const result = await sql<{ inserted: boolean }>`
        INSERT INTO program.nomenklatur (kode, level, parent_kode, nama)
        SELECT * FROM unnest(${entries.map(([k]) => k)}::text[], ${entries.map(([, e]) => e.level)}::text[],
                             ${entries.map(([, e]) => e.parent)}::text[], ${entries.map(([, e]) => e.nama)}::text[])
        ON CONFLICT (kode) DO UPDATE SET nama = EXCLUDED.nama, updated_at = now()
          WHERE program.nomenklatur.nama IS DISTINCT FROM EXCLUDED.nama
        RETURNING (xmax = 0) AS inserted`.execute(trx);
      for (const row of result.rows) counts[row.inserted ? 'created' : 'updated']++;
    }

    // Anggaran: new rows, changed rows, unchanged rows.
    const indikatorNow = await indikatorOf(trx, existing.rows.map((row) => row.id));
    const created: (Planned & { id: string })[] = [];
    const updated: (Planned & { id: string; version: number; changed: string[] })[] = [];
    for (const plan of plans) {
      const row = stored.get(keyOf(plan.tahun, plan.opdId, plan.kode));
      if (!row) {
        created.push({ ...plan, id: uuidv7() });
        continue;
      }
      const changed: string[] = [];
      if (Number(row.pagu) !== plan.pagu) changed.push('pagu');
      if (hasIndikator && JSON.stringify(indikatorNow.get(row.id)) !== JSON.stringify(plan.indikator)) changed.push('indikator');
      if (changed.length > 0) updated.push({ ...plan, id: row.id, version: row.version + 1, changed });
    }
    if (created.length > 0) {
      await sql`
        INSERT INTO program.anggaran (id, tahun, opd_id, kode, pagu)
        SELECT * FROM unnest(${created.map((c) => c.id)}::uuid[], ${created.map((c) => c.tahun)}::int[], ${created.map((c) => c.opdId)}::uuid[],
                             ${created.map((c) => c.kode)}::text[], ${created.map((c) => String(c.pagu))}::bigint[])`.execute(trx);
    }
    if (updated.length > 0) {
      await sql`
        UPDATE program.anggaran a SET pagu = u.pagu, version = u.version, updated_at = now()
        FROM unnest(${updated.map((u) => u.id)}::uuid[], ${updated.map((u) => String(u.pagu))}::bigint[], ${updated.map((u) => u.version)}::int[]) AS u(id, pagu, version)
        WHERE a.id = u.id`.execute(trx);
    }
    const indikatorWrites = new Map<string, Indikator[]>();
    for (const c of created) indikatorWrites.set(c.id, c.indikator);
    for (const u of updated) if (u.changed.includes('indikator')) indikatorWrites.set(u.id, u.indikator);
    await replaceIndikator(trx, indikatorWrites);

    // One history row per new or changed anggaran, with its stored state.
    const touched = [...created.map((c) => ({ id: c.id, version: 1, action: 'created', changed: [] as string[] })), ...updated.map((u) => ({ id: u.id, version: u.version, action: 'updated', changed: u.changed }))];
    if (touched.length > 0) {
      const snapshots = await snapshotsOf(trx, touched.map((t) => t.id));
      await sql`
        INSERT INTO program.history (entity_type, entity_id, version, action, changed, snapshot, actor_type, actor_id, actor_name, request_id)
        SELECT 'anggaran', t.id, t.version, t.action, string_to_array(t.changed, ','), t.snapshot, ${actor.type}, ${actor.id}, ${actor.name}, ${actor.requestId}
        FROM unnest(${touched.map((t) => t.id)}::uuid[], ${touched.map((t) => t.version)}::int[], ${touched.map((t) => t.action)}::text[],
                    ${touched.map((t) => t.changed.join(','))}::text[], ${touched.map((t) => JSON.stringify(snapshots.get(t.id)))}::jsonb[])
          AS t(id, version, action, changed, snapshot)`.execute(trx);
    }

    const result: ImportResult = {
      rows: rows.length,
      nomenklatur: counts,
      anggaran: { created: created.length, updated: updated.length, unchanged: plans.length - created.length - updated.length },
      tahun: [...new Set(plans.map((p) => p.tahun))].sort(),
    };
    const sha256 = createHash('sha256').update(csv).digest('hex');
    await recordAudit(core(outer), actor, { action: 'program.imported', entityType: 'program_import', entityId: null, after: { ...result, sha256 } });
    await kernel.events.emit(core(outer), actor, { type: 'program.imported', entityType: 'program_import', payload: { ...result, sha256 } });
    return result;
  });
}

/** The stored state of the given anggaran, as history snapshots. */
async function snapshotsOf(trx: ProgTrx, ids: string[]): Promise<Map<string, Anggaran>> {
  const out = new Map<string, Anggaran>();
  for (let start = 0; start < ids.length; start += 5000) {
    const chunk = ids.slice(start, start + 5000);
    const rows = await sql<{ id: string; tahun: number; opd_id: string; kode: string; nama: string; pagu: string; version: number; archived_at: Date | null; archive_reason: string | null; created_at: Date; updated_at: Date }>`
      SELECT a.id, a.tahun, a.opd_id, a.kode, n.nama, a.pagu, a.version, a.archived_at, a.archive_reason, a.created_at, a.updated_at
      FROM program.anggaran a JOIN program.nomenklatur n ON n.kode = a.kode
      WHERE a.id = any(${chunk}::uuid[])`.execute(trx);
    const indikator = await indikatorOf(trx, chunk);
    for (const row of rows.rows) {
      out.set(row.id, {
        id: row.id, tahun: row.tahun, opdId: row.opd_id, kode: row.kode, nama: row.nama, pagu: Number(row.pagu), indikator: indikator.get(row.id) ?? [],
        version: row.version, archivedAt: row.archived_at?.toISOString() ?? null, archiveReason: row.archive_reason,
        createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
      });
    }
  }
  return out;
}
