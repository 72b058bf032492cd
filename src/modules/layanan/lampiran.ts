import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import { AppError } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { findPermohonan, assertReadable, type Pelaku, type PermohonanRow, type Status } from './permohonan.js';
import type { AnyDb } from './tables.js';

export const MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];
/** The usual file name endings of the accepted types (a file picker's hint; the content still decides). */
export const EKSTENSI = ['.pdf', '.jpg', '.jpeg', '.png'] as const;

/**
 * What a file is, by its first bytes (never by its name or the Content-Type it came with):
 * PDF `%PDF-`, JPEG `FF D8 FF`, PNG's 8-byte signature. Anything else is null.
 */
export function detectMediaType(bytes: Uint8Array): MediaType | null {
  const starts = (...sig: number[]) => bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  return null;
}

export interface Lampiran {
  id: string;
  syarat: string;
  namaBerkas: string;
  mediaType: MediaType;
  ukuran: number;
  sha256: string;
  diverifikasi: 'belum' | 'sah' | 'tidak_sah';
  catatanVerifikasi: string | null;
  diverifikasiOleh: string | null;
  diverifikasiAt: string | null;
  createdAt: string;
}

interface Row {
  id: string;
  syarat: string;
  nama_berkas: string;
  media_type: MediaType;
  ukuran: number;
  sha256: string;
  diverifikasi: 'belum' | 'sah' | 'tidak_sah';
  catatan_verifikasi: string | null;
  diverifikasi_oleh: string | null;
  diverifikasi_at: Date | null;
  created_at: Date;
}

const toLampiran = (r: Row): Lampiran => ({
  id: r.id,
  syarat: r.syarat,
  namaBerkas: r.nama_berkas,
  mediaType: r.media_type,
  ukuran: r.ukuran,
  sha256: r.sha256,
  diverifikasi: r.diverifikasi,
  catatanVerifikasi: r.catatan_verifikasi,
  diverifikasiOleh: r.diverifikasi_oleh,
  diverifikasiAt: r.diverifikasi_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
});

const COLUMNS = sql`id, syarat, nama_berkas, media_type, ukuran, sha256, diverifikasi, catatan_verifikasi, diverifikasi_oleh, diverifikasi_at, created_at`;

export async function lampiranOf(db: AnyDb, permohonanId: string): Promise<Lampiran[]> {
  const { rows } = await sql<Row>`SELECT ${COLUMNS} FROM layanan.lampiran WHERE permohonan_id = ${permohonanId}::uuid ORDER BY created_at, id`.execute(db);
  return rows.map(toLampiran);
}

/** Residents add files while the request waits for them; staff also while verifying. */
const UPLOAD_STATUSES: Record<Pelaku['kind'], readonly Status[]> = {
  warga: ['baru', 'perlu_perbaikan'],
  staf: ['baru', 'verifikasi', 'perlu_perbaikan'],
};

export interface UploadLimits {
  maxBytes: number;
  maxFiles: number;
}

const cleanName = (name: string | undefined, type: MediaType) => {
  const text = (name ?? '').replace(/[\u0000-\u001f\u007f/\\]/g, '').trim().slice(0, 200);
  return text || `berkas.${type === 'application/pdf' ? 'pdf' : type === 'image/png' ? 'png' : 'jpg'}`;
};

/**
 * Stores one attachment of a request. The file must be a PDF, JPEG or PNG by content (415),
 * within the size limit (413; the body reader already stops at it) and the count limit (422).
 * A file for a named requirement replaces the one before it; `lainnya` files add up.
 */
export async function unggah(
  kernel: Kernel, actor: Actor, pelaku: Pelaku, ref: string, syarat: string, namaBerkas: string | undefined, bytes: Buffer, limits: UploadLimits,
): Promise<Lampiran> {
  if (bytes.length === 0) throw new AppError('layanan.lampiran_kosong');
  if (bytes.length > limits.maxBytes) throw new AppError('layanan.lampiran_terlalu_besar', { limit: limits.maxBytes });
  const mediaType = detectMediaType(bytes);
  if (!mediaType) throw new AppError('layanan.lampiran_jenis');
  return kernel.db.transaction().execute(async (trx) => {
    const row = await lockForFiles(trx, pelaku, ref);
    if (!UPLOAD_STATUSES[pelaku.kind].includes(row.status)) throw new AppError('layanan.status_conflict', { status: row.status });
    if (syarat !== 'lainnya' && !row.jenis.syarat.some((s) => s.name === syarat)) {
      throw new AppError('layanan.syarat_unknown', { syarat }, [{ field: 'syarat', rule: 'enum', params: { allowed: [...row.jenis.syarat.map((s) => s.name), 'lainnya'].join(', ') } }]);
    }
    const replaced = syarat === 'lainnya' ? [] : (await sql<{ id: string }>`
      DELETE FROM layanan.lampiran WHERE permohonan_id = ${row.id}::uuid AND syarat = ${syarat} RETURNING id`.execute(trx)).rows;
    const { rows: count } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM layanan.lampiran WHERE permohonan_id = ${row.id}::uuid`.execute(trx);
    if (count[0]!.n >= limits.maxFiles) throw new AppError('layanan.lampiran_terlalu_banyak', { limit: limits.maxFiles });
    const id = uuidv7();
    const hash = createHash('sha256').update(bytes).digest('hex');
    const name = cleanName(namaBerkas, mediaType);
    await sql`INSERT INTO layanan.lampiran (id, permohonan_id, syarat, nama_berkas, media_type, ukuran, sha256, isi, diunggah_oleh)
      VALUES (${id}, ${row.id}::uuid, ${syarat}, ${name}, ${mediaType}, ${bytes.length}, ${hash}, ${bytes}, ${actor.name})`.execute(trx);
    const { rows } = await sql<Row>`SELECT ${COLUMNS} FROM layanan.lampiran WHERE id = ${id}::uuid`.execute(trx);
    const lampiran = toLampiran(rows[0]!);
    await recordAudit(trx, actor, {
      action: 'lampiran.uploaded',
      entityType: 'permohonan',
      entityId: row.id,
      after: { lampiranId: id, syarat, mediaType, ukuran: bytes.length, sha256: hash, replaced: replaced.map((r) => r.id) },
    });
    await kernel.events.emit(trx, actor, {
      type: 'lampiran.uploaded',
      entityType: 'permohonan',
      entityId: row.id,
      payload: { permohonanId: row.id, lampiranId: id, syarat, mediaType, ukuran: bytes.length },
    });
    return lampiran;
  });
}

async function lockForFiles(trx: AnyDb, pelaku: Pelaku, ref: string): Promise<PermohonanRow> {
  const row = await findPermohonan(trx, ref, true);
  if (!row) throw new AppError('layanan.permohonan_not_found', { ref });
  if (pelaku.kind === 'staf') {
    // Reads of another kelurahan's request are 404; acting on it is 403.
    if (!pelaku.scope.city && !pelaku.scope.kelurahan.has(row.kode_kelurahan) && !pelaku.scope.kecamatan.has(row.kode_kecamatan)) {
      throw new AppError('auth.forbidden', { permission: pelaku.permission });
    }
    return row;
  }
  return assertReadable(row, pelaku, ref);
}

export async function hapusLampiran(kernel: Kernel, actor: Actor, pelaku: Pelaku, ref: string, lampiranId: string): Promise<void> {
  await kernel.db.transaction().execute(async (trx) => {
    const row = await lockForFiles(trx, pelaku, ref);
    if (!UPLOAD_STATUSES[pelaku.kind].includes(row.status)) throw new AppError('layanan.status_conflict', { status: row.status });
    const { rows } = await sql<{ id: string; syarat: string }>`
      DELETE FROM layanan.lampiran WHERE id = ${lampiranId}::uuid AND permohonan_id = ${row.id}::uuid RETURNING id, syarat`.execute(trx);
    if (rows.length === 0) throw new AppError('layanan.lampiran_not_found', { id: lampiranId });
    await recordAudit(trx, actor, { action: 'lampiran.deleted', entityType: 'permohonan', entityId: row.id, before: { lampiranId, syarat: rows[0]!.syarat } });
    await kernel.events.emit(trx, actor, { type: 'lampiran.deleted', entityType: 'permohonan', entityId: row.id, payload: { permohonanId: row.id, lampiranId } });
  });
}

/** An officer marks one attachment valid or not (with a note); only while verifying. */
export async function verifikasiLampiran(
  kernel: Kernel, actor: Actor, pelaku: Pelaku, ref: string, lampiranId: string, sah: boolean, catatan: string | null,
): Promise<Lampiran> {
  return kernel.db.transaction().execute(async (trx) => {
    const row = await lockForFiles(trx, pelaku, ref);
    if (row.status !== 'verifikasi') throw new AppError('layanan.status_conflict', { status: row.status });
    const { rows } = await sql<Row>`
      UPDATE layanan.lampiran SET diverifikasi = ${sah ? 'sah' : 'tidak_sah'}, catatan_verifikasi = ${catatan?.trim() || null},
        diverifikasi_oleh = ${actor.name}, diverifikasi_at = now()
      WHERE id = ${lampiranId}::uuid AND permohonan_id = ${row.id}::uuid RETURNING ${COLUMNS}`.execute(trx);
    if (rows.length === 0) throw new AppError('layanan.lampiran_not_found', { id: lampiranId });
    const lampiran = toLampiran(rows[0]!);
    await recordAudit(trx, actor, { action: 'lampiran.verified', entityType: 'permohonan', entityId: row.id, after: { lampiranId, syarat: lampiran.syarat, diverifikasi: lampiran.diverifikasi, catatan: lampiran.catatanVerifikasi } });
    await kernel.events.emit(trx, actor, { type: 'lampiran.verified', entityType: 'permohonan', entityId: row.id, payload: { permohonanId: row.id, lampiranId, diverifikasi: lampiran.diverifikasi } });
    return lampiran;
  });
}

/** The bytes of one attachment of a request the reader may see. */
export async function isiLampiran(db: AnyDb, pelaku: Pelaku, ref: string, lampiranId: string): Promise<{ lampiran: Lampiran; isi: Buffer }> {
  const row = assertReadable(await findPermohonan(db, ref), pelaku, ref);
  const { rows } = await sql<Row & { isi: Buffer }>`SELECT ${COLUMNS}, isi FROM layanan.lampiran WHERE id = ${lampiranId}::uuid AND permohonan_id = ${row.id}::uuid`.execute(db);
  if (rows.length === 0) throw new AppError('layanan.lampiran_not_found', { id: lampiranId });
  return { lampiran: toLampiran(rows[0]!), isi: rows[0]!.isi };
}
