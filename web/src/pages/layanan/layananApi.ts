// Shapes and calls of the e-kelurahan API (src/modules/layanan/routes.ts; see /api/docs, tag "layanan").
import { ApiError, apiRequest, apiRequestVersioned, type Versioned } from '../../api/client';
import type { Problem } from '../../api/types';

export type { Versioned };

export const STATUSES = ['baru', 'verifikasi', 'perlu_perbaikan', 'menunggu_ttd', 'selesai', 'ditolak', 'dibatalkan'] as const;
export type Status = (typeof STATUSES)[number];
/** Statuses a request ends in: nothing more happens to it. */
export const TERMINAL: readonly Status[] = ['selesai', 'ditolak', 'dibatalkan'];

export type FieldType = 'text' | 'number' | 'date' | 'select';

/** One typed field of a letter type's form (what the resident fills in beyond the registry's data). */
export interface FieldDef {
  name: string;
  label: { id: string; en: string };
  type: FieldType;
  required: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  options?: string[];
}

/** A required (or optional) attachment of a letter type. */
export interface SyaratDef {
  name: string;
  label: string;
  required: boolean;
}

export interface Template {
  judul: string;
  pembuka: string;
  rincian?: [string, string][];
  isi: string[];
}

export interface MasaBerlaku {
  nilai: number;
  satuan: 'hari' | 'bulan';
}

export interface Jenis {
  id: string;
  kode: string;
  kodeSurat: string;
  nama: string;
  deskripsi: string | null;
  fields: FieldDef[];
  syarat: SyaratDef[];
  slaHari: number;
  penandatangan: 'lurah' | 'sekretaris';
  masaBerlaku: MasaBerlaku | null;
  template: Template;
  online: boolean;
  formatNomor: string;
  version: number;
  archivedAt: string | null;
  archiveReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface JenisInput {
  kode: string;
  kodeSurat: string;
  nama: string;
  deskripsi: string | null;
  fields: FieldDef[];
  syarat: SyaratDef[];
  slaHari: number;
  penandatangan: 'lurah' | 'sekretaris';
  masaBerlaku: MasaBerlaku | null;
  template: Template;
  online: boolean;
  formatNomor: string;
}

/** The holder as the registry knows them (the server decides what is shown, masked or not). */
export interface Pemohon {
  nik?: string;
  nama?: string;
  noKk?: string;
  jenisKelamin?: 'L' | 'P';
  tempatLahir?: string;
  tanggalLahir?: string;
  agama?: string;
  pendidikan?: string;
  pekerjaan?: string;
  statusKawin?: string;
  kewarganegaraan?: string;
  alamat?: string;
  rt?: string;
  rw?: string;
  kodeKelurahan?: string;
  kelurahan?: string;
  kecamatan?: string;
  kota?: string;
}

export interface Draf {
  jenis: Jenis;
  pemohon: Pemohon;
  /** Registry placeholders already filled, in the words the letter prints them. */
  terisi: Record<string, string>;
}

export interface Permohonan {
  id: string;
  kodeLacak: string;
  jenis: { id: string; kode: string; nama: string };
  nik: string;
  namaPemohon: string;
  kodeKelurahan: string;
  kodeKecamatan: string;
  kanal: 'online' | 'loket';
  status: Status;
  petugas: { id: string; nama: string | null } | null;
  catatan: string | null;
  email: string | null;
  telepon: string | null;
  data: Record<string, string | number>;
  diajukanAt: string;
  jatuhTempo: string;
  /** Working days left until the due date (negative: overdue); null once finished. */
  sisaHariKerja: number | null;
  terlambat: boolean;
  selesaiAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Lampiran {
  id: string;
  syarat: string;
  namaBerkas: string;
  mediaType: string;
  ukuran: number;
  sha256: string;
  diverifikasi: 'belum' | 'sah' | 'tidak_sah';
  catatanVerifikasi: string | null;
  diverifikasiOleh: string | null;
  diverifikasiAt: string | null;
  createdAt: string;
}

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

export interface Riwayat {
  dari: Status | null;
  ke: Status;
  catatan: string | null;
  oleh: string | null;
  at: string;
}

export interface Detail extends Permohonan {
  pemohon: Pemohon;
  fields: FieldDef[];
  syarat: (SyaratDef & { terpenuhi: boolean })[];
  riwayat: Riwayat[];
  lampiran: Lampiran[];
  surat: Surat | null;
}

export interface Notifikasi {
  id: string;
  permohonanId: string;
  judul: string;
  pesan: string;
  dibacaAt: string | null;
  createdAt: string;
}

export interface QueuePage {
  items: Permohonan[];
  nextCursor: string | null;
}

export interface QueueQuery {
  status?: Status;
  saya?: boolean;
  terlambat?: boolean;
  kelurahan?: string;
  jenis?: string;
  limit?: number;
  cursor?: string;
}

export interface Statistik {
  tahun: number;
  ringkasan: {
    diajukan: number;
    selesai: number;
    ditolak: number;
    dibatalkan: number;
    berjalan: number;
    terlambat: number;
    medianHariSelesai: number | null;
    persenTepatWaktu: number | null;
  };
  perBulan: { bulan: string; kodeKelurahan: string; jenis: string; diajukan: number; selesai: number; tepatWaktu: number }[];
  /** Per kelurahan, named from the wilayah registry; a lurah's or camat's kelurahan without requests come with zeros. */
  menurutKelurahan: (Angka & { kodeKelurahan: string; kelurahan: string; kodeKecamatan: string; kecamatan: string })[];
  menurutJenis: (Angka & { jenis: string; nama: string })[];
  menurutBulan: (Angka & { bulan: string })[];
}

/** The figures of one group: counts, the median days to completion and the share within SLA (null with none finished). */
export interface Angka {
  diajukan: number;
  selesai: number;
  tepatWaktu: number;
  medianHariSelesai: number | null;
  persenTepatWaktu: number | null;
}

export type JenisLibur = 'nasional' | 'cuti_bersama' | 'daerah';
export const JENIS_LIBUR: readonly JenisLibur[] = ['nasional', 'cuti_bersama', 'daerah'];

export interface HariLibur {
  id: string;
  tanggal: string;
  nama: string;
  jenis: JenisLibur;
  perkiraan: boolean;
  version: number;
}

export interface Lacak {
  kodeLacak: string;
  jenis: string;
  status: Status;
  diajukanPada: string;
  jatuhTempo: string;
  selesaiPada: string | null;
  riwayat: { status: Status; pada: string }[];
}

/** The attachment limits the server applies (GET /layanan/batas): what forms say and check before sending. */
export interface Batas {
  maxBytes: number;
  maxFiles: number;
  mediaTypes: string[];
  ekstensi: string[];
}

/** What a file picker offers: the accepted types and their usual endings (the server still checks the content). */
export const acceptOf = (batas: Batas) => [...batas.mediaTypes, ...batas.ekstensi].join(',');

const enc = encodeURIComponent;

// ------------------------------------------------------------------ raw calls (headers client.ts does not send)

/** What a write outside `apiRequest` needs: the session's CSRF token and the UI language. */
export interface CallContext {
  csrfToken: string;
  lang: string;
}

interface RawOptions {
  json?: unknown;
  file?: Blob;
  headers?: Record<string, string>;
}

async function rawSend<T>(method: string, path: string, context: CallContext, options: RawOptions): Promise<Versioned<T>> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': context.lang,
    'X-CSRF-Token': context.csrfToken,
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.file) {
    // The server decides what a file is by its content; the type only helps proxies.
    headers['Content-Type'] = options.file.type || 'application/octet-stream';
    body = options.file;
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method, headers, credentials: 'same-origin', body });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    let problem: Problem | null = null;
    if ((response.headers.get('Content-Type') ?? '').includes('json')) problem = (await response.json().catch(() => null)) as Problem | null;
    throw new ApiError(response.status, problem);
  }
  return { data: (response.status === 204 ? undefined : await response.json()) as T, etag: response.headers.get('ETag') ?? '' };
}

/** A fresh Idempotency-Key: one per form session, so a repeated click or a retry sends the same one. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return `padu-${crypto.randomUUID()}`;
  return `padu-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

// ------------------------------------------------------------------ catalogue

let batasCache: Promise<Batas> | null = null;

/** The attachment limits; read once per page load (they change only with the server's configuration). */
export function getBatas(): Promise<Batas> {
  batasCache ??= apiRequest<Batas>('GET', '/layanan/batas').catch((error: unknown) => {
    batasCache = null;
    throw error;
  });
  return batasCache;
}

export function listJenis(semua: boolean, signal?: AbortSignal): Promise<{ items: Jenis[] }> {
  return apiRequest('GET', '/layanan/jenis', { query: { semua: semua ? 'true' : undefined }, signal });
}

export function getJenis(ref: string, signal?: AbortSignal): Promise<Versioned<Jenis>> {
  return apiRequestVersioned('GET', `/layanan/jenis/${enc(ref)}`, { signal });
}

export function createJenis(input: JenisInput): Promise<Versioned<Jenis>> {
  return apiRequestVersioned('POST', '/layanan/jenis', { body: input });
}

export function updateJenis(ref: string, etag: string, patch: Partial<JenisInput>): Promise<Versioned<Jenis>> {
  return apiRequestVersioned('PATCH', `/layanan/jenis/${enc(ref)}`, { body: patch, ifMatch: etag });
}

export function archiveJenis(ref: string, etag: string, alasan: string): Promise<Versioned<Jenis>> {
  return apiRequestVersioned('POST', `/layanan/jenis/${enc(ref)}/arsip`, { body: { alasan }, ifMatch: etag });
}

// ------------------------------------------------------------------ calendar

export function listHariLibur(tahun: number, signal?: AbortSignal): Promise<{ items: HariLibur[] }> {
  return apiRequest('GET', '/layanan/hari-libur', { query: { tahun }, signal });
}

export function addHariLibur(input: { tanggal: string; nama: string; jenis: JenisLibur; perkiraan: boolean }): Promise<HariLibur> {
  return apiRequest('POST', '/layanan/hari-libur', { body: input });
}

export function removeHariLibur(libur: HariLibur): Promise<void> {
  return apiRequest('DELETE', `/layanan/hari-libur/${enc(libur.id)}`, { ifMatch: `"v${libur.version}"` });
}

// ------------------------------------------------------------------ residents (self)

export function getDraf(jenis: string, signal?: AbortSignal): Promise<Draf> {
  return apiRequest('GET', `/layanan/saya/draf/${enc(jenis)}`, { signal });
}

export interface AjukanInput {
  jenis: string;
  data: Record<string, string | number>;
  email?: string | null;
  telepon?: string | null;
}

export function ajukan(input: AjukanInput, idempotencyKey: string, context: CallContext): Promise<Versioned<Detail>> {
  return rawSend('POST', '/layanan/saya/permohonan', context, { json: input, headers: { 'Idempotency-Key': idempotencyKey } });
}

export function listPermohonanSaya(query: { limit: number; cursor?: string }, signal?: AbortSignal): Promise<QueuePage> {
  return apiRequest('GET', '/layanan/saya/permohonan', { query, signal });
}

export function getPermohonanSaya(ref: string, signal?: AbortSignal): Promise<Versioned<Detail>> {
  return apiRequestVersioned('GET', `/layanan/saya/permohonan/${enc(ref)}`, { signal });
}

export function batal(ref: string, etag: string, alasan: string | null): Promise<Versioned<Detail>> {
  return apiRequestVersioned('POST', `/layanan/saya/permohonan/${enc(ref)}/batal`, { body: { alasan }, ifMatch: etag });
}

export function ajukanUlang(ref: string, etag: string, input: { data?: Record<string, string | number>; catatan?: string | null }): Promise<Versioned<Detail>> {
  return apiRequestVersioned('POST', `/layanan/saya/permohonan/${enc(ref)}/ajukan-ulang`, { body: input, ifMatch: etag });
}

/** Attaches a file to one's own request (`syarat` names the requirement, or `lainnya`). */
export function unggahSaya(ref: string, syarat: string, file: File, context: CallContext): Promise<Versioned<Lampiran>> {
  return rawSend('POST', `/layanan/saya/permohonan/${enc(ref)}/lampiran?syarat=${enc(syarat)}&nama=${enc(file.name.slice(0, 200) || 'berkas')}`, context, { file });
}

export function hapusLampiranSaya(ref: string, lampiranId: string): Promise<void> {
  return apiRequest('DELETE', `/layanan/saya/permohonan/${enc(ref)}/lampiran/${enc(lampiranId)}`);
}

export const suratSayaUrl = (id: string) => `/api/v1/layanan/saya/permohonan/${enc(id)}/surat`;
export const lampiranSayaUrl = (id: string, lampiranId: string) => `/api/v1/layanan/saya/permohonan/${enc(id)}/lampiran/${enc(lampiranId)}`;

export function listNotifikasi(signal?: AbortSignal): Promise<{ items: Notifikasi[] }> {
  return apiRequest('GET', '/layanan/saya/notifikasi', { query: { limit: 50 }, signal });
}

export function tandaiDibaca(id: string): Promise<void> {
  return apiRequest('POST', `/layanan/saya/notifikasi/${enc(id)}/dibaca`);
}

// ------------------------------------------------------------------ staff

function queueQuery(query: QueueQuery) {
  return {
    status: query.status,
    saya: query.saya ? 'true' : undefined,
    terlambat: query.terlambat ? 'true' : undefined,
    kelurahan: query.kelurahan,
    jenis: query.jenis,
    limit: query.limit,
    cursor: query.cursor,
  };
}

export function antrian(query: QueueQuery, signal?: AbortSignal): Promise<QueuePage> {
  return apiRequest('GET', '/layanan/permohonan', { query: queueQuery(query), signal });
}

export function antrianKecamatan(query: QueueQuery, signal?: AbortSignal): Promise<QueuePage> {
  return apiRequest('GET', '/layanan/kecamatan/permohonan', { query: queueQuery(query), signal });
}

export function getPermohonan(ref: string, signal?: AbortSignal): Promise<Versioned<Detail>> {
  return apiRequestVersioned('GET', `/layanan/permohonan/${enc(ref)}`, { signal });
}

/** One request of the camat's kecamatan, read-only (the holder masked as for staff). */
export function getPermohonanKecamatan(ref: string, signal?: AbortSignal): Promise<Versioned<Detail>> {
  return apiRequestVersioned('GET', `/layanan/kecamatan/permohonan/${enc(ref)}`, { signal });
}

/** The counter's pre-fill: the letter type and the resident by NIK, masked (404 unknown NIK, 403 another kelurahan). */
export function getDrafLoket(jenis: string, nik: string, signal?: AbortSignal): Promise<{ jenis: Jenis; pemohon: Pemohon }> {
  return apiRequest('GET', `/layanan/loket/draf/${enc(jenis)}`, { query: { nik }, signal });
}

export type Aksi = 'ambil' | 'perbaikan' | 'teruskan' | 'tolak';

/** A workflow step on a request, against the version shown (a stale one is a 412). */
export function aksi(ref: string, etag: string, step: Aksi, body: { catatan?: string | null; alasan?: string }): Promise<Versioned<Detail>> {
  return apiRequestVersioned('POST', `/layanan/permohonan/${enc(ref)}/${step}`, { body, ifMatch: etag });
}

export function setujui(ref: string, etag: string): Promise<Versioned<Detail>> {
  return apiRequestVersioned('POST', `/layanan/permohonan/${enc(ref)}/setujui`, { ifMatch: etag });
}

export function cabutSurat(ref: string, alasan: string): Promise<Surat> {
  return apiRequest('POST', `/layanan/permohonan/${enc(ref)}/surat/cabut`, { body: { alasan } });
}

export function verifikasiLampiran(ref: string, lampiranId: string, sah: boolean, catatan: string | null): Promise<Lampiran> {
  return apiRequest('POST', `/layanan/permohonan/${enc(ref)}/lampiran/${enc(lampiranId)}/verifikasi`, { body: { sah, catatan } });
}

export function unggahStaf(ref: string, syarat: string, file: File, context: CallContext): Promise<Versioned<Lampiran>> {
  return rawSend('POST', `/layanan/permohonan/${enc(ref)}/lampiran?syarat=${enc(syarat)}&nama=${enc(file.name.slice(0, 200) || 'berkas')}`, context, { file });
}

export function ajukanLoket(input: AjukanInput & { nik: string }, idempotencyKey: string, context: CallContext): Promise<Versioned<Detail>> {
  return rawSend('POST', '/layanan/permohonan', context, { json: input, headers: { 'Idempotency-Key': idempotencyKey } });
}

export const suratStafUrl = (id: string) => `/api/v1/layanan/permohonan/${enc(id)}/surat`;
export const lampiranUrl = (id: string, lampiranId: string) => `/api/v1/layanan/permohonan/${enc(id)}/lampiran/${enc(lampiranId)}`;

export function getStatistik(query: { tahun: number; kelurahan?: string }, signal?: AbortSignal): Promise<Statistik> {
  return apiRequest('GET', '/layanan/statistik', { query, signal });
}

// ------------------------------------------------------------------ public

export function lacak(kode: string, signal?: AbortSignal): Promise<Lacak> {
  return apiRequest('GET', `/lacak/${enc(kode)}`, { signal });
}

// ------------------------------------------------------------------ place names

interface WilayahNode {
  kode: string;
  nama: string;
}

/** Names of the pemda's kecamatan and kelurahan by code (the wilayah registry keeps them in capitals). */
export async function namaWilayah(signal?: AbortSignal): Promise<Map<string, string>> {
  const tree = await apiRequest<{ kecamatan: (WilayahNode & { kelurahan: WilayahNode[] })[] }>('GET', '/wilayah/pemda', { signal });
  const names = new Map<string, string>();
  const title = (text: string) => text.toLowerCase().replace(/(^|[\s(/-])(\p{L})/gu, (_all, before: string, letter: string) => before + letter.toUpperCase());
  for (const kecamatan of tree.kecamatan) {
    names.set(kecamatan.kode, title(kecamatan.nama));
    for (const kelurahan of kecamatan.kelurahan) names.set(kelurahan.kode, title(kelurahan.nama));
  }
  return names;
}
