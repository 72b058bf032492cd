import { createHash, randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { UserPrincipal as Principal } from '../../core/auth/principal.js';
import type { DB } from '../../core/db/schema.js';
import { AppError } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { listOpd } from '../../registry/organisasi/index.js';
import { getPegawaiByNip } from '../../registry/pegawai/index.js';
import { getWilayah } from '../../registry/wilayah/index.js';
import { renderSurat, type SuratDocument } from './dokumen/index.js';
import { addDays, dayWib } from './kalender.js';
import { DEFAULT_RINCIAN, fill } from './katalog.js';
import { formatNomor, nextNumber } from './nomor.js';
import { placeholderValues, titleCase } from './pemohon.js';
import { covers, TANDATANGAN, wilayahScope } from './permission.js';
import { addRiwayat, assertReadable, emitStatus, findPermohonan, type Pelaku, type PermohonanRow } from './permohonan.js';
import type { AnyDb } from './tables.js';

export interface Surat {
  id: string;
  permohonanId: string;
  jenis: string;
  nomor: string;
  tanggal: string;
  berlakuSampai: string | null;
  kodeKelurahan: string;
  penandatangan: { jabatan: string; nama: string; nip: string | null };
  sha256: string;
  ukuran: number;
  verifikasiUrl: string;
  dicabutAt: string | null;
  alasanCabut: string | null;
  createdAt: string;
}

interface SuratRow {
  id: string;
  permohonan_id: string;
  jenis_nama: string;
  nomor: string;
  tanggal: string;
  berlaku_sampai: string | null;
  kode_kelurahan: string;
  penandatangan: Surat['penandatangan'];
  sha256: string;
  ukuran: number;
  token: string;
  dicabut_at: Date | null;
  alasan_cabut: string | null;
  created_at: Date;
}

const SURAT_COLUMNS = sql`id, permohonan_id, jenis_nama, nomor, tanggal::text AS tanggal, berlaku_sampai::text AS berlaku_sampai, kode_kelurahan,
  penandatangan, sha256, length(pdf) AS ukuran, token, dicabut_at, alasan_cabut, created_at`;

const toSurat = (r: SuratRow, baseUrl: string): Surat => ({
  id: r.id,
  permohonanId: r.permohonan_id,
  jenis: r.jenis_nama,
  nomor: r.nomor,
  tanggal: r.tanggal,
  berlakuSampai: r.berlaku_sampai,
  kodeKelurahan: r.kode_kelurahan,
  penandatangan: r.penandatangan,
  sha256: r.sha256,
  ukuran: Number(r.ukuran),
  verifikasiUrl: verifikasiUrl(baseUrl, r.token),
  dicabutAt: r.dicabut_at?.toISOString() ?? null,
  alasanCabut: r.alasan_cabut,
  createdAt: r.created_at.toISOString(),
});

export const verifikasiUrl = (baseUrl: string, token: string) => `${baseUrl.replace(/\/+$/, '')}/verifikasi/${token}`;

export async function suratOf(db: AnyDb, permohonanId: string, baseUrl: string): Promise<Surat | null> {
  const { rows } = await sql<SuratRow>`SELECT ${SURAT_COLUMNS} FROM layanan.surat WHERE permohonan_id = ${permohonanId}::uuid`.execute(db);
  return rows[0] ? toSurat(rows[0], baseUrl) : null;
}

/** Validity end: `n` days or months after the day of issue (a month from 31 January ends on the last day of February). */
export function berlakuSampai(tanggal: string, masa: { nilai: number; satuan: 'hari' | 'bulan' } | null): string | null {
  if (!masa) return null;
  if (masa.satuan === 'hari') return addDays(tanggal, masa.nilai);
  const [y, m, d] = tanggal.split('-').map(Number) as [number, number, number];
  const months = y * 12 + (m - 1) + masa.nilai;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** An unguessable verification token: 144 random bits, URL-safe. */
export const newToken = () => randomBytes(18).toString('base64url');

/**
 * Which office the approver signs as, for this kelurahan: the lurah (a `lurah` grant on it) or
 * the sekretaris kelurahan. Others (a city-wide admin) cannot sign for a kelurahan.
 */
function signerRole(principal: Principal, kodeKelurahan: string): 'lurah' | 'sekretaris' | null {
  const grants = principal.access.grants;
  if (grants.some((g) => g.role === 'lurah' && g.scopeCode === kodeKelurahan)) return 'lurah';
  if (grants.some((g) => g.role === 'sekretaris_kelurahan' && g.scopeCode === kodeKelurahan)) return 'sekretaris';
  return null;
}

const fullName = (p: { gelarDepan: string | null; nama: string; gelarBelakang: string | null }) =>
  [p.gelarDepan, p.nama].filter(Boolean).join(' ') + (p.gelarBelakang ? `, ${p.gelarBelakang}` : '');

/** The letter as the renderer takes it: letterhead from wilayah, data from the request, the filled template. */
export async function suratDocument(
  db: AnyDb, row: PermohonanRow, pemdaCode: string, nomor: string, tanggal: string, berlaku: string | null,
  penandatangan: SuratDocument['penandatangan'], url: string,
): Promise<SuratDocument> {
  const kota = await getWilayah(db as never, pemdaCode);
  const kecamatan = await getWilayah(db as never, row.kode_kecamatan);
  const kelurahan = await getWilayah(db as never, row.kode_kelurahan);
  const kantor = (await listOpd(db as never, { jenis: 'kelurahan', kodeWilayah: row.kode_kelurahan, limit: 1 })).items[0];
  const values = placeholderValues(row.pemohon, row.jenis.fields, row.data);
  const template = row.jenis.template;
  return {
    pemda: `PEMERINTAH ${(kota?.nama ?? row.pemohon.kota).toUpperCase()}`,
    kecamatan: `KECAMATAN ${(kecamatan?.nama ?? row.pemohon.kecamatan).toUpperCase()}`,
    kelurahan: `KELURAHAN ${(kelurahan?.nama ?? row.pemohon.kelurahan).toUpperCase()}`,
    alamatKantor: (kantor?.alamat as string | null | undefined) ?? null,
    judul: fill(template.judul, values),
    nomor,
    tanggal,
    tempat: titleCase((kota?.nama ?? '').replace(/^(KOTA|KABUPATEN)\s+/i, '')) || row.pemohon.kota,
    pembuka: fill(template.pembuka, values),
    rincian: (template.rincian ?? DEFAULT_RINCIAN).map(([label, text]) => [label, fill(text, values)]),
    isi: template.isi.map((text) => fill(text, values)),
    berlakuSampai: berlaku,
    penandatangan,
    verifikasiUrl: url,
  };
}

export interface Terbitan {
  /** The moment of issue: the letter's date (WIB day), its number's year and the request's completion. */
  at: Date;
  sebagai: 'lurah' | 'sekretaris';
  signer: { nama: string; nip: string | null };
  baseUrl: string;
  /** Extra facts for the audit entry (the demo seeder marks its letters). */
  auditNote?: Record<string, unknown>;
}

/**
 * Issues the letter of a request waiting for its signature, inside the caller's transaction (the
 * request row locked): the next number of its sequence, the letter built and rendered, its PDF,
 * hash and verification token stored, the request closed, audited and announced. The one path
 * every letter takes, approvals and the demo seeder alike.
 */
export async function terbitkan(kernel: Kernel, trx: Transaction<DB>, actor: Actor, row: PermohonanRow, terbitan: Terbitan): Promise<{ after: PermohonanRow; suratId: string; nomor: string }> {
  const { at, sebagai, signer, baseUrl } = terbitan;
  const tanggal = dayWib(at);
  const tahun = Number(tanggal.slice(0, 4));
  const urut = await nextNumber(trx, row.jenis_id, row.kode_kelurahan, tahun);
  const nomor = formatNomor(row.jenis.formatNomor, { kodeSurat: row.jenis.kodeSurat, urut, kodeKelurahan: row.kode_kelurahan, tanggal });
  const berlaku = berlakuSampai(tanggal, row.jenis.masaBerlaku);
  const token = newToken();
  const url = verifikasiUrl(baseUrl, token);
  const namaKelurahan = row.pemohon.kelurahan;
  const jabatan = sebagai === 'lurah' ? `Lurah ${namaKelurahan}` : `a.n. Lurah ${namaKelurahan}, Sekretaris Kelurahan`;
  const penandatangan = { jabatan, nama: signer.nama, nip: signer.nip };
  const doc = await suratDocument(trx, row, kernel.config.pemdaCode, nomor, tanggal, berlaku, penandatangan, url);
  const pdf = await renderSurat(doc);
  const hash = createHash('sha256').update(pdf).digest('hex');
  const suratId = uuidv7();
  await sql`INSERT INTO layanan.surat (id, permohonan_id, jenis_id, jenis_nama, kode_kelurahan, nama_kelurahan, tahun, urut, nomor, tanggal,
      berlaku_sampai, pemegang, penandatangan, token, pdf, sha256, created_at)
    VALUES (${suratId}, ${row.id}::uuid, ${row.jenis_id}::uuid, ${row.jenis.nama}, ${row.kode_kelurahan}, ${namaKelurahan}, ${tahun}, ${urut}, ${nomor},
      ${tanggal}::date, ${berlaku}::date, ${row.nama_pemohon}, ${JSON.stringify(penandatangan)}::jsonb, ${token}, ${pdf}, ${hash}, ${at})`.execute(trx);
  await sql`UPDATE layanan.permohonan SET status = 'selesai', catatan = null, selesai_at = ${at}, version = version + 1, updated_at = now()
    WHERE id = ${row.id}::uuid`.execute(trx);
  await addRiwayat(trx, actor, row.id, row.status, 'selesai', `Surat nomor ${nomor} diterbitkan`);
  const after = (await findPermohonan(trx, row.id))!;
  await recordAudit(trx, actor, {
    action: 'permohonan.disetujui',
    entityType: 'permohonan',
    entityId: row.id,
    before: { status: row.status, version: row.version },
    after: { status: after.status, version: after.version, suratId, nomor, tanggal, sha256: hash, penandatangan: { jabatan, nip: signer.nip }, ...terbitan.auditNote },
  });
  await emitStatus(kernel, trx, actor, after, row.status, null);
  await kernel.events.emit(trx, actor, {
    type: 'surat.diterbitkan',
    entityType: 'surat',
    entityId: suratId,
    payload: { id: suratId, permohonanId: row.id, jenis: row.jenis.kode, kodeKelurahan: row.kode_kelurahan, nomor, tanggal, sha256: hash },
  });
  return { after, suratId, nomor };
}

/**
 * The lurah (or sekretaris) approves: in one transaction the request is locked, the next number
 * of its sequence taken, the letter built and rendered, its PDF, hash and verification token
 * stored, and the request closed. The signer is the approver's employee record (account linked
 * to a NIP): without one the approval is refused (422), since a letter needs a name and NIP.
 */
export async function setujui(kernel: Kernel, actor: Actor, principal: Principal, ref: string, baseUrl: string, ifMatch?: string): Promise<{ row: PermohonanRow; surat: Surat }> {
  const scope = await wilayahScope(kernel.db, principal.access, TANDATANGAN);
  const pegawai = principal.nip ? await getPegawaiByNip(kernel.db, principal.nip) : null;
  return kernel.db.transaction().execute(async (trx) => {
    const row = await findPermohonan(trx, ref, true);
    if (!row) throw new AppError('layanan.permohonan_not_found', { ref });
    if (!covers(scope, row.kode_kelurahan, row.kode_kecamatan)) throw new AppError('auth.forbidden', { permission: TANDATANGAN });
    // Who signs comes first: without a linked employee record nobody can sign anything.
    if (!pegawai || pegawai.archivedAt) throw new AppError('layanan.penandatangan_belum_tertaut');
    if (ifMatch !== undefined && ifMatch.trim() !== '*' && ifMatch.trim().replace(/^W\//, '') !== `"v${row.version}"`) {
      throw new AppError('precondition.failed', { current: row.version });
    }
    if (row.status !== 'menunggu_ttd') throw new AppError('layanan.status_conflict', { status: row.status });
    const sebagai = signerRole(principal, row.kode_kelurahan);
    if (!sebagai) throw new AppError('layanan.bukan_penandatangan', { kelurahan: row.kode_kelurahan });
    if (row.jenis.penandatangan === 'lurah' && sebagai !== 'lurah') throw new AppError('layanan.perlu_lurah', { jenis: row.jenis.nama });

    const signer = { nama: fullName(pegawai), nip: pegawai.nip };
    const { after } = await terbitkan(kernel, trx, actor, row, { at: new Date(), sebagai, signer, baseUrl });
    const surat = (await suratOf(trx, row.id, baseUrl))!;
    return { row: after, surat };
  });
}

/** The issued PDF, exactly as stored, for the resident it belongs to or staff of its kelurahan. */
export async function unduhSurat(db: AnyDb, pelaku: Pelaku, ref: string): Promise<{ nomor: string; pdf: Buffer }> {
  const row = assertReadable(await findPermohonan(db, ref), pelaku, ref);
  const { rows } = await sql<{ nomor: string; pdf: Buffer }>`SELECT nomor, pdf FROM layanan.surat WHERE permohonan_id = ${row.id}::uuid`.execute(db);
  if (!rows[0]) throw new AppError('layanan.surat_not_found', { ref });
  return rows[0];
}

/** Revokes an issued letter with a reason: the verification page then says "dicabut". */
export async function cabut(kernel: Kernel, actor: Actor, principal: Principal, ref: string, alasan: string, baseUrl: string): Promise<Surat> {
  const scope = await wilayahScope(kernel.db, principal.access, TANDATANGAN);
  return kernel.db.transaction().execute(async (trx) => {
    const row = await findPermohonan(trx, ref, true);
    if (!row) throw new AppError('layanan.permohonan_not_found', { ref });
    if (!covers(scope, row.kode_kelurahan, row.kode_kecamatan)) throw new AppError('auth.forbidden', { permission: TANDATANGAN });
    const { rows } = await sql<{ id: string; nomor: string; dicabut_at: Date | null }>`
      SELECT id, nomor, dicabut_at FROM layanan.surat WHERE permohonan_id = ${row.id}::uuid FOR UPDATE`.execute(trx);
    const surat = rows[0];
    if (!surat) throw new AppError('layanan.surat_not_found', { ref });
    if (surat.dicabut_at) throw new AppError('layanan.surat_sudah_dicabut', { nomor: surat.nomor });
    const why = alasan.trim();
    await sql`UPDATE layanan.surat SET dicabut_at = now(), alasan_cabut = ${why}, dicabut_oleh = ${actor.name} WHERE id = ${surat.id}::uuid`.execute(trx);
    await recordAudit(trx, actor, { action: 'surat.dicabut', entityType: 'surat', entityId: surat.id, after: { nomor: surat.nomor, permohonanId: row.id, alasan: why } });
    await kernel.events.emit(trx, actor, {
      type: 'surat.dicabut',
      entityType: 'surat',
      entityId: surat.id,
      payload: { id: surat.id, permohonanId: row.id, kodeLacak: row.kode_lacak, jenis: row.jenis.kode, kodeKelurahan: row.kode_kelurahan, nomor: surat.nomor },
    });
    return (await suratOf(trx, row.id, baseUrl))!;
  });
}
