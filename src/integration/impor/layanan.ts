import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import { AppError } from '../../core/http/errors.js';
import { fieldRuleMessages } from '../../core/http/field-rules.js';
import { format, type Locale, type Text } from '../../core/i18n/locale.js';
import type { Kernel } from '../../core/kernel.js';
import type { AnyDb } from '../db.js';
import { getAplikasi } from '../katalog/aplikasi.js';
import { bacaBerkas, type Tabel } from './berkas.js';
import { datasets, DATASETS, isDataset, type Dataset, type DatasetName, type Values, type Violation } from './dataset.js';

/**
 * Imports: upload a legacy export, map its columns, dry-run with the registry's own rules, then
 * queue the apply (pekerja.ts does it in batches). Nothing reaches the registry before a clean dry-run.
 */
export type Pemetaan = Record<string, string | null>;

export interface ImporRow {
  id: string;
  aplikasi_id: string;
  aplikasi_kode: string;
  aplikasi_nama: string;
  dataset: DatasetName;
  berkas_id: string;
  berkas_nama: string;
  format: string;
  ukuran: number;
  status: string;
  kolom: string[];
  pemetaan: Pemetaan;
  total: number;
  valid: number | null;
  tidak_valid: number | null;
  ringkasan: Ringkasan | null;
  ukuran_batch: number;
  batch_total: number;
  batch_selesai: number;
  baris_selesai: number;
  dibuat: number;
  diubah: number;
  sama: number;
  konflik: number;
  lease_owner: string | null;
  lease_until: Date | null;
  percobaan: number;
  galat: string | null;
  actor_type: Actor['type'];
  actor_id: string | null;
  actor_name: string | null;
  created_at: Date;
  diperiksa_at: Date | null;
  mulai_at: Date | null;
  selesai_at: Date | null;
}

export interface Ringkasan {
  aturan: { aturan: string; field: string; jumlah: number }[];
  terisi: Record<string, number>;
  baru: number;
  ada: number;
  kunciGanda: number;
  tidakDikenal: string[];
}

const ownRules: Record<string, Text> = {
  'impor.kunci_ganda': { id: 'Kunci ini sudah ada di baris {baris} berkas yang sama.', en: 'This key already appears on row {baris} of the same file.' },
  'impor.arsip': { id: 'Rekaman ini sudah diarsipkan di registri; impor tidak mengubahnya.', en: 'This record is archived in the registry; an import does not change it.' },
};

export function pesanAturan(rule: string, params: Record<string, string | number> | undefined, locale: Locale): string {
  const text = ownRules[rule] ?? (fieldRuleMessages as Record<string, Text>)[rule];
  return text ? format(text[locale], params ?? {}) : rule;
}


const SELECT_IMPOR = sql`
  SELECT i.*, a.kode AS aplikasi_kode, a.nama AS aplikasi_nama, b.nama AS berkas_nama, b.format, b.ukuran
  FROM integrasi.impor i JOIN integrasi.aplikasi a ON a.id = i.aplikasi_id JOIN integrasi.impor_berkas b ON b.id = i.berkas_id`;

export async function findImpor(db: AnyDb, id: string): Promise<ImporRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const result = await sql<ImporRow>`${SELECT_IMPOR} WHERE i.id = ${id}`.execute(db);
  return result.rows[0] ?? null;
}

export async function getImpor(db: AnyDb, id: string): Promise<ImporRow> {
  const found = await findImpor(db, id);
  if (!found) throw new AppError('integrasi.impor_not_found', { ref: id });
  return found;
}

export function datasetOf(name: string): Dataset {
  if (!isDataset(name)) throw new AppError('integrasi.impor_dataset', { dataset: name, allowed: DATASETS.join(', ') });
  return datasets[name];
}

const normalHeader = (header: string) => header.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]/g, '');

/** Saved mapping of the app and dataset first, then field names and common Indonesian aliases. */
export function sarankanPemetaan(dataset: Dataset, kolom: string[], tersimpan: Pemetaan | null): Pemetaan {
  const taken = new Set<string>();
  const out: Pemetaan = {};
  for (const header of kolom) {
    const saved = tersimpan?.[header];
    if (saved && dataset.fields.includes(saved) && !taken.has(saved)) {
      out[header] = saved;
      taken.add(saved);
    }
  }
  for (const header of kolom) {
    if (header in out) continue;
    const key = normalHeader(header);
    const field = dataset.fields.find((f) => !taken.has(f) && (normalHeader(f) === key || (dataset.aliases[f] ?? []).some((a) => normalHeader(a) === key)));
    out[header] = field ?? null;
    if (field) taken.add(field);
  }
  return out;
}

function checkPemetaan(dataset: Dataset, kolom: string[], pemetaan: Pemetaan): Pemetaan {
  const out: Pemetaan = {};
  const used = new Map<string, string>();
  for (const header of kolom) {
    const field = pemetaan[header] ?? null;
    if (field !== null && !dataset.fields.includes(field)) throw new AppError('integrasi.pemetaan_tidak_valid', { reason: `"${field}" bukan field ${dataset.nama} / not a field of ${dataset.nama}` });
    if (field !== null && used.has(field)) throw new AppError('integrasi.pemetaan_tidak_valid', { reason: `${field}: "${used.get(field)}" & "${header}"` });
    if (field !== null) used.set(field, header);
    out[header] = field;
  }
  for (const header of Object.keys(pemetaan)) {
    if (!kolom.includes(header)) throw new AppError('integrasi.pemetaan_tidak_valid', { reason: `kolom "${header}" tidak ada / no such column` });
  }
  if (!used.has(dataset.key)) throw new AppError('integrasi.pemetaan_tidak_valid', { reason: `kolom kunci ${dataset.key} belum dipetakan / the key ${dataset.key} is not mapped` });
  return out;
}

async function savedMapping(db: AnyDb, aplikasiId: string, dataset: string): Promise<Pemetaan | null> {
  const result = await sql<{ pemetaan: Pemetaan }>`SELECT pemetaan FROM integrasi.impor_pemetaan WHERE aplikasi_id = ${aplikasiId} AND dataset = ${dataset}`.execute(db);
  return result.rows[0]?.pemetaan ?? null;
}

/** Reads the file (every unreadable kind answers 4xx), stores it and a new import with a suggested mapping. */
export async function unggah(kernel: Kernel, actor: Actor, input: { aplikasi: string; dataset: string; nama: string; isi: Buffer }): Promise<ImporRow> {
  const dataset = datasetOf(input.dataset);
  const app = await getAplikasi(kernel.db, input.aplikasi);
  const tabel = await bacaBerkas(input.isi, input.nama, kernel.config.impor.maxBytes);
  const pemetaan = sarankanPemetaan(dataset, tabel.kolom, await savedMapping(kernel.db, app.id, dataset.nama));
  const berkasId = uuidv7();
  const id = uuidv7();
  parsedFiles.set(berkasId, tabel);
  await kernel.db.transaction().execute(async (trx) => {
    await sql`
      INSERT INTO integrasi.impor_berkas (id, nama, format, ukuran, sha256, isi)
      VALUES (${berkasId}, ${input.nama.slice(0, 200) || 'berkas'}, ${tabel.format}, ${input.isi.length}, ${createHash('sha256').update(input.isi).digest('hex')}, ${input.isi})`.execute(trx);
    await sql`
      INSERT INTO integrasi.impor (id, aplikasi_id, dataset, berkas_id, kolom, pemetaan, total, ukuran_batch, actor_type, actor_id, actor_name)
      VALUES (${id}, ${app.id}, ${dataset.nama}, ${berkasId}, ${tabel.kolom}, ${JSON.stringify(pemetaan)}::jsonb, ${tabel.baris.length}, ${kernel.config.impor.batchSize},
              ${actor.type}, ${actor.id}, ${actor.name})`.execute(trx);
    await recordAudit(trx, actor, { action: 'integrasi.impor_diunggah', entityType: 'integrasi.impor', entityId: id, after: { aplikasi: app.kode, dataset: dataset.nama, berkas: input.nama, baris: tabel.baris.length } });
  });
  return getImpor(kernel.db, id);
}

/**
 * The steps of one import usually run in the same process within minutes: the parsed file and the
 * checked rows are kept in memory for a while (a few imports at most), so a file is not parsed and
 * checked three times. After a restart (or in another process) they are read again from the database.
 */
const MEMORY_MS = 15 * 60_000;
class Recent<T> {
  private readonly items = new Map<string, { value: T; at: number }>();
  get(key: string): T | undefined {
    const item = this.items.get(key);
    if (!item || Date.now() - item.at > MEMORY_MS) return undefined;
    return item.value;
  }
  set(key: string, value: T): void {
    this.items.delete(key);
    this.items.set(key, { value, at: Date.now() });
    while (this.items.size > 3) this.items.delete(this.items.keys().next().value!);
  }
  delete(key: string): void {
    this.items.delete(key);
  }
}
const parsedFiles = new Recent<Tabel>();
const checkedRows = new Recent<{ pemetaan: string; rows: BarisPeriksa[] }>();

/** The dry-run's checked rows of an import, when this process ran it with the same mapping. */
export function checkedOf(impor: ImporRow): BarisPeriksa[] | undefined {
  const found = checkedRows.get(impor.id);
  return found && found.pemetaan === mappingKey(impor.pemetaan) ? found.rows : undefined;
}

/** jsonb reorders keys: compare mappings by their sorted entries. */
const mappingKey = (pemetaan: Pemetaan) => JSON.stringify(Object.entries(pemetaan).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export function forget(imporId: string): void {
  checkedRows.delete(imporId);
}

export async function bacaTabel(db: AnyDb, impor: ImporRow): Promise<Tabel> {
  const cached = parsedFiles.get(impor.berkas_id);
  if (cached) return cached;
  const result = await sql<{ isi: Buffer; nama: string }>`SELECT isi, nama FROM integrasi.impor_berkas WHERE id = ${impor.berkas_id}`.execute(db);
  const berkas = result.rows[0]!;
  return bacaBerkas(berkas.isi, berkas.nama, Number.MAX_SAFE_INTEGER);
}

export interface BarisPeriksa {
  /** Row number as a spreadsheet shows it (header = 1). */
  baris: number;
  values: Values;
  violations: (Violation & { kolom: string | null; nilai: string | null })[];
  baru: boolean;
}

/**
 * Every row through the registry's rules, duplicate keys within the file, archived records and
 * the dataset's checks across rows. Used by the dry-run and again by the worker before it writes.
 */
export async function periksaSemua(kernel: Kernel, dataset: Dataset, tabel: Tabel, pemetaan: Pemetaan): Promise<{ rows: BarisPeriksa[]; terisi: Record<string, number> }> {
  const rules = await dataset.rules(kernel.db, kernel.config.pemdaCode);
  const columnOf = new Map<string, number>();
  const headerOf = new Map<string, string>();
  tabel.kolom.forEach((header, index) => {
    const field = pemetaan[header];
    if (field) (columnOf.set(field, index), headerOf.set(field, header));
  });
  const firstRowOfKey = new Map<string, number>();
  const mapped = [...columnOf];
  const filled = new Array<number>(mapped.length).fill(0);
  const rows: BarisPeriksa[] = tabel.baris.map((cells, index) => {
    const raw: Record<string, string | null> = {};
    for (let m = 0; m < mapped.length; m += 1) {
      const [field, column] = mapped[m]!;
      const value = cells[column] ?? null;
      raw[field] = value;
      if (value !== null) filled[m]! += 1;
    }
    const checked = dataset.check(raw, rules);
    const baris = index + 2;
    const violations: BarisPeriksa['violations'] =
      checked.violations.length === 0 ? [] : checked.violations.map((v) => ({ ...v, kolom: headerOf.get(v.field) ?? null, nilai: raw[v.field] ?? null }));
    const key = checked.values[dataset.key];
    if (key) {
      const first = firstRowOfKey.get(key);
      if (first !== undefined) violations.push({ field: dataset.key, rule: 'impor.kunci_ganda', params: { baris: first }, kolom: headerOf.get(dataset.key) ?? null, nilai: raw[dataset.key] ?? null });
      else firstRowOfKey.set(key, baris);
    }
    return { baris, values: checked.values, violations, baru: true };
  });
  const terisi: Record<string, number> = Object.fromEntries(mapped.map(([field], m) => [field, filled[m]!]));
  const keys = [...firstRowOfKey.keys()];
  const stored = new Map<string, { archived: boolean }>();
  // Looked up a few chunks at a time on their own connections: the database has a core to spare while Node waits.
  const chunks: string[][] = [];
  for (let i = 0; i < keys.length; i += 5000) chunks.push(keys.slice(i, i + 5000));
  for (let i = 0; i < chunks.length; i += 4) {
    for (const found of await Promise.all(chunks.slice(i, i + 4).map((chunk) => dataset.current(kernel.db, chunk)))) for (const [k, v] of found) stored.set(k, v);
  }
  for (const row of rows) {
    const key = row.values[dataset.key];
    const found = key ? stored.get(key) : undefined;
    row.baru = !found;
    if (found?.archived) row.violations.push({ field: dataset.key, rule: 'impor.arsip', kolom: headerOf.get(dataset.key) ?? null, nilai: key ?? null });
  }
  if (dataset.checkSet) {
    const candidates = rows.filter((row) => row.violations.length === 0);
    const found = await dataset.checkSet(kernel.db, candidates);
    for (const [index, violations] of found) {
      const row = candidates[index]!;
      row.violations.push(...violations.map((v) => ({ ...v, kolom: headerOf.get(v.field) ?? null, nilai: row.values[v.field] ?? null })));
    }
  }
  return { rows, terisi };
}

/** Dry-run: the full check, the per-row report stored for paging, the mapping saved for the app. Nothing is applied. */
export async function periksa(kernel: Kernel, actor: Actor, id: string, pemetaanBaru: Pemetaan | undefined): Promise<ImporRow> {
  const impor = await getImpor(kernel.db, id);
  if (!['diunggah', 'diperiksa'].includes(impor.status)) throw new AppError('integrasi.impor_status', { status: impor.status, reason: 'sudah diterapkan / already applied' });
  const dataset = datasetOf(impor.dataset);
  const pemetaan = checkPemetaan(dataset, impor.kolom, pemetaanBaru ?? impor.pemetaan);
  const tabel = await bacaTabel(kernel.db, impor);
  const { rows, terisi } = await periksaSemua(kernel, dataset, tabel, pemetaan);
  checkedRows.set(id, { pemetaan: mappingKey(pemetaan), rows });
  const bad = rows.filter((r) => r.violations.length > 0);
  const byRule = new Map<string, { aturan: string; field: string; jumlah: number }>();
  for (const row of bad) for (const v of row.violations) {
    const key = `${v.rule}|${v.field}`;
    const entry = byRule.get(key) ?? { aturan: v.rule, field: v.field, jumlah: 0 };
    entry.jumlah += 1;
    byRule.set(key, entry);
  }
  const ringkasan: Ringkasan = {
    aturan: [...byRule.values()].sort((a, b) => b.jumlah - a.jumlah),
    terisi,
    baru: rows.filter((r) => r.baru && r.violations.length === 0).length,
    ada: rows.filter((r) => !r.baru && r.violations.length === 0).length,
    kunciGanda: bad.filter((r) => r.violations.some((v) => v.rule === 'impor.kunci_ganda')).length,
    tidakDikenal: impor.kolom.filter((k) => !pemetaan[k]),
  };
  const problems = bad.flatMap((row) => row.violations.map((v, urut) => ({ baris: row.baris, urut, kolom: v.kolom, field: v.field, aturan: v.rule, nilai: v.nilai?.slice(0, 200) ?? null, params: v.params ?? null })));
  await kernel.db.transaction().execute(async (trx) => {
    await sql`SELECT 1 FROM integrasi.impor WHERE id = ${id} FOR UPDATE`.execute(trx);
    await sql`DELETE FROM integrasi.impor_masalah WHERE impor_id = ${id}`.execute(trx);
    for (let i = 0; i < problems.length; i += 10_000) {
      const chunk = problems.slice(i, i + 10_000);
      await sql`
        INSERT INTO integrasi.impor_masalah (impor_id, baris, urut, kolom, field, aturan, nilai)
        SELECT ${id}::uuid, * FROM unnest(${chunk.map((p) => p.baris)}::int[], ${chunk.map((p) => p.urut)}::smallint[], ${chunk.map((p) => p.kolom)}::text[],
                                          ${chunk.map((p) => p.field)}::text[], ${chunk.map((p) => (p.params ? `${p.aturan}${JSON.stringify(p.params)}` : p.aturan))}::text[],
                                          ${chunk.map((p) => p.nilai)}::text[])`.execute(trx);
    }
    await sql`
      UPDATE integrasi.impor SET status = 'diperiksa', pemetaan = ${JSON.stringify(pemetaan)}::jsonb, valid = ${rows.length - bad.length},
             tidak_valid = ${bad.length}, ringkasan = ${JSON.stringify(ringkasan)}::jsonb, diperiksa_at = now()
      WHERE id = ${id}`.execute(trx);
    await sql`
      INSERT INTO integrasi.impor_pemetaan (aplikasi_id, dataset, pemetaan) VALUES (${impor.aplikasi_id}, ${impor.dataset}, ${JSON.stringify(pemetaan)}::jsonb)
      ON CONFLICT (aplikasi_id, dataset) DO UPDATE SET pemetaan = EXCLUDED.pemetaan, updated_at = now()`.execute(trx);
    await recordAudit(trx, actor, { action: 'integrasi.impor_diperiksa', entityType: 'integrasi.impor', entityId: id, after: { valid: rows.length - bad.length, tidakValid: bad.length } });
  });
  return getImpor(kernel.db, id);
}

/** Queues the apply: only after a dry-run without a single invalid row (so 50,000 bad rows apply nothing). */
export async function terapkan(kernel: Kernel, actor: Actor, id: string): Promise<ImporRow> {
  await kernel.db.transaction().execute(async (trx) => {
    const result = await sql<ImporRow>`SELECT * FROM integrasi.impor WHERE id = ${id} FOR UPDATE`.execute(trx);
    const impor = result.rows[0];
    if (!impor) throw new AppError('integrasi.impor_not_found', { ref: id });
    if (impor.status === 'antre' || impor.status === 'berjalan' || impor.status === 'selesai') return; // asked twice: one job
    if (impor.status === 'gagal') {
      // Tried again after a failure: it resumes from its checkpoint.
      await sql`UPDATE integrasi.impor SET status = 'antre', galat = NULL WHERE id = ${id}`.execute(trx);
      await recordAudit(trx, actor, { action: 'integrasi.impor_diulang', entityType: 'integrasi.impor', entityId: id, after: { batchSelesai: impor.batch_selesai } });
      await sql`SELECT pg_notify('padu_impor', ${id})`.execute(trx);
      return;
    }
    if (impor.status !== 'diperiksa') throw new AppError('integrasi.impor_status', { status: impor.status, reason: 'jalankan uji coba dahulu / run the dry-run first' });
    if ((impor.tidak_valid ?? 0) > 0) throw new AppError('integrasi.impor_tidak_valid', { count: impor.tidak_valid ?? 0 });
    const batches = Math.ceil((impor.valid ?? 0) / impor.ukuran_batch);
    await sql`
      UPDATE integrasi.impor SET status = 'antre', batch_total = ${batches}, batch_selesai = 0, baris_selesai = 0,
             actor_type = ${actor.type}, actor_id = ${actor.id}, actor_name = ${actor.name}
      WHERE id = ${id}`.execute(trx);
    await recordAudit(trx, actor, { action: 'integrasi.impor_diterapkan', entityType: 'integrasi.impor', entityId: id, after: { baris: impor.valid, batch: batches } });
    await sql`SELECT pg_notify('padu_impor', ${id})`.execute(trx);
  });
  return getImpor(kernel.db, id);
}

export interface MasalahPage {
  items: { baris: number; kolom: string | null; field: string; aturan: string; pesan: string; nilai: string | null }[];
  total: number;
  nextCursor: number | null;
}

function splitRule(stored: string): { rule: string; params?: Record<string, string | number> } {
  const brace = stored.indexOf('{');
  return brace < 0 ? { rule: stored } : { rule: stored.slice(0, brace), params: JSON.parse(stored.slice(brace)) };
}

/** The per-row report, paged by row number, optionally one rule only. */
export async function masalah(db: AnyDb, id: string, query: { aturan?: string; setelah?: number; limit: number }, locale: Locale): Promise<MasalahPage> {
  await getImpor(db, id);
  const after = query.setelah ?? 0;
  const rule = query.aturan ? sql`AND (aturan = ${query.aturan} OR aturan LIKE ${`${query.aturan}{%`})` : sql``;
  const rows = await sql<{ baris: number; kolom: string | null; field: string; aturan: string; nilai: string | null }>`
    SELECT baris, kolom, field, aturan, nilai FROM integrasi.impor_masalah
    WHERE impor_id = ${id} AND baris > ${after} ${rule}
    AND baris IN (SELECT DISTINCT baris FROM integrasi.impor_masalah WHERE impor_id = ${id} AND baris > ${after} ${rule} ORDER BY baris LIMIT ${query.limit + 1})
    ORDER BY baris, urut`.execute(db);
  const total = await sql<{ n: number }>`SELECT count(DISTINCT baris)::int AS n FROM integrasi.impor_masalah WHERE impor_id = ${id} ${rule}`.execute(db);
  const distinct = [...new Set(rows.rows.map((r) => r.baris))];
  const more = distinct.length > query.limit;
  const keep = new Set(distinct.slice(0, query.limit));
  return {
    items: rows.rows.filter((r) => keep.has(r.baris)).map((r) => {
      const { rule: aturan, params } = splitRule(r.aturan);
      return { baris: r.baris, kolom: r.kolom, field: r.field, aturan, pesan: pesanAturan(aturan, params, locale), nilai: r.nilai };
    }),
    total: total.rows[0]!.n,
    nextCursor: more ? distinct[query.limit - 1]! : null,
  };
}

export interface ImporView {
  id: string;
  aplikasi: { id: string; kode: string; nama: string };
  dataset: string;
  berkas: { nama: string; format: string; ukuran: number };
  status: string;
  kolom: string[];
  pemetaan: Pemetaan;
  fields: { name: string; label: string; required: boolean; key: boolean }[];
  total: number;
  valid: number | null;
  tidakValid: number | null;
  ringkasan: (Omit<Ringkasan, 'aturan'> & { aturan: { aturan: string; field: string; jumlah: number; pesan: string }[] }) | null;
  progres: { barisSelesai: number; total: number; batchSelesai: number; batchTotal: number; persen: number };
  hasil: { dibuat: number; diubah: number; sama: number; konflik: number };
  galat: string | null;
  oleh: string | null;
  createdAt: string;
  selesaiAt: string | null;
}

export function viewImpor(row: ImporRow, locale: Locale): ImporView {
  const dataset = datasets[row.dataset];
  const totalApply = row.valid ?? 0;
  return {
    id: row.id,
    aplikasi: { id: row.aplikasi_id, kode: row.aplikasi_kode, nama: row.aplikasi_nama },
    dataset: row.dataset,
    berkas: { nama: row.berkas_nama, format: row.format, ukuran: row.ukuran },
    status: row.status,
    kolom: row.kolom,
    pemetaan: row.pemetaan,
    fields: dataset.fields.map((name) => ({ name, label: dataset.labels[name]?.[locale] ?? name, required: dataset.required.includes(name), key: name === dataset.key })),
    total: row.total,
    valid: row.valid,
    tidakValid: row.tidak_valid,
    ringkasan: row.ringkasan
      ? { ...row.ringkasan, aturan: row.ringkasan.aturan.map((a) => ({ ...a, pesan: pesanAturan(a.aturan, { baris: '…', limit: '…', kode: '…', list: '…', allowed: '…', format: '…', length: '…' }, locale) })) }
      : null,
    progres: {
      barisSelesai: row.baris_selesai,
      total: totalApply,
      batchSelesai: row.batch_selesai,
      batchTotal: row.batch_total,
      persen: row.status === 'selesai' ? 100 : totalApply > 0 ? Math.floor((row.baris_selesai * 100) / totalApply) : 0,
    },
    hasil: { dibuat: row.dibuat, diubah: row.diubah, sama: row.sama, konflik: row.konflik },
    galat: row.galat,
    oleh: row.actor_name,
    createdAt: row.created_at.toISOString(),
    selesaiAt: row.selesai_at?.toISOString() ?? null,
  };
}

export async function daftarImpor(db: AnyDb, query: { aplikasi?: string; dataset?: string; limit: number }): Promise<ImporRow[]> {
  const app = query.aplikasi ? sql`AND (a.kode = ${query.aplikasi} OR a.id::text = ${query.aplikasi})` : sql``;
  const ds = query.dataset ? sql`AND i.dataset = ${query.dataset}` : sql``;
  const result = await sql<ImporRow>`${SELECT_IMPOR} WHERE true ${app} ${ds} ORDER BY i.created_at DESC LIMIT ${query.limit}`.execute(db);
  return result.rows;
}
