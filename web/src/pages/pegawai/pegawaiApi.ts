import { ApiError, apiRequest, apiRequestVersioned, type Versioned } from '../../api/client';

// Shapes of the pegawai registry API (see /api/docs, tag "pegawai").

export const JENIS_PEGAWAI = ['pns', 'pppk', 'non_asn'] as const;
export type JenisPegawai = (typeof JENIS_PEGAWAI)[number];
export const STATUS_PEGAWAI = ['aktif', 'cuti', 'pensiun', 'mutasi_keluar', 'meninggal'] as const;
export type StatusPegawai = (typeof STATUS_PEGAWAI)[number];
export const GOLONGAN_PNS = ['I/a', 'I/b', 'I/c', 'I/d', 'II/a', 'II/b', 'II/c', 'II/d', 'III/a', 'III/b', 'III/c', 'III/d', 'IV/a', 'IV/b', 'IV/c', 'IV/d', 'IV/e'] as const;
export const GOLONGAN_PPPK = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII'] as const;

/** Golongan a kind of employee may hold; non-ASN staff have none. */
export const golonganFor = (jenis: string): readonly string[] => (jenis === 'pns' ? GOLONGAN_PNS : jenis === 'pppk' ? GOLONGAN_PPPK : []);

export interface Pegawai {
  id: string;
  /** 18 digits; null for non-ASN. */
  nip: string | null;
  nama: string;
  gelarDepan: string | null;
  gelarBelakang: string | null;
  jenisKelamin: 'L' | 'P';
  /** `YYYY-MM-DD`, or masked `YYYY-**-**`. */
  tanggalLahir: string;
  jenis: JenisPegawai;
  golongan: string | null;
  pangkat: string | null;
  opdId: string;
  unitId: string;
  jabatanId: string | null;
  namaJabatan: string | null;
  tmtJabatan: string | null;
  status: StatusPegawai;
  /** Masked in lists and for readers outside the OPD. */
  email: string | null;
  telepon: string | null;
  version: number;
  archivedAt: string | null;
  archiveReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Fields PATCH may change (OPD and unit change only through mutasi). */
export const PEGAWAI_EDITABLE = ['nip', 'nama', 'gelarDepan', 'gelarBelakang', 'jenisKelamin', 'tanggalLahir', 'jenis', 'golongan', 'status', 'email', 'telepon'] as const;
export type PegawaiEditable = (typeof PEGAWAI_EDITABLE)[number];
export type PegawaiPatch = Partial<Pick<Pegawai, PegawaiEditable>>;

export interface PegawaiPage {
  items: Pegawai[];
  nextCursor: string | null;
  total?: number;
}

export interface PegawaiListQuery {
  q?: string;
  jenis?: string;
  status?: string;
  cursor?: string;
  limit: number;
}

export interface HistoryEntry {
  version: number;
  action: string;
  changed: string[];
  snapshot: Record<string, unknown>;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  requestId: string | null;
}

export interface Jabatan {
  id: string;
  opdId: string;
  opdNama: string | null;
  unitId: string;
  unitNama: string | null;
  jabatanId: string | null;
  namaJabatan: string;
  tmt: string;
  /** TMT of the next position (exclusive); null = the current one. */
  selesai: string | null;
}

/** A record with the ETag it was read at, for If-Match on the next change. */
export type { Versioned };

export function listPegawai(query: PegawaiListQuery, signal?: AbortSignal): Promise<PegawaiPage> {
  return apiRequest('GET', '/pegawai', { query: { ...query, total: 'true' }, signal });
}

export function getPegawai(ref: string, signal?: AbortSignal): Promise<Versioned<Pegawai>> {
  return apiRequestVersioned('GET', `/pegawai/${encodeURIComponent(ref)}`, { signal });
}

/** PATCH with If-Match: a stale ETag answers 412, a missing one 428. */
export function updatePegawai(ref: string, etag: string, patch: PegawaiPatch): Promise<Versioned<Pegawai>> {
  return apiRequestVersioned('PATCH', `/pegawai/${encodeURIComponent(ref)}`, { body: patch, ifMatch: etag });
}

/** What the "Tambah pegawai" form sends; blank fields are left out so the server names each missing one. */
export interface NewPegawai {
  nip?: string;
  nama?: string;
  gelarDepan?: string;
  gelarBelakang?: string;
  jenisKelamin?: string;
  tanggalLahir?: string;
  jenis?: string;
  golongan?: string;
  email?: string;
  telepon?: string;
  /** OPD id or kode. */
  opdRef?: string;
  unitId?: string;
  /** One of the unit's positions; without it, `namaJabatan` names the position as free text. */
  jabatanId?: string;
  namaJabatan?: string;
  tmtJabatan?: string;
}

/** A transfer: the current position ends on `tmt`, the new one starts on it. */
export interface MutasiInput {
  opdRef?: string;
  unitId?: string;
  jabatanId?: string;
  namaJabatan?: string;
  tmt?: string;
}

/** 201 with the new record; 422 `pegawai.invalid` names each broken rule per field, 409 `pegawai.nip_taken`. */
export function createPegawai(input: NewPegawai): Promise<Versioned<Pegawai>> {
  return apiRequestVersioned('POST', '/pegawai', { body: input });
}

/** Mutasi with If-Match: a stale ETag answers 412. */
export function mutasiPegawai(ref: string, etag: string, input: MutasiInput): Promise<Versioned<Pegawai>> {
  return apiRequestVersioned('POST', `/pegawai/${encodeURIComponent(ref)}/mutasi`, { body: input, ifMatch: etag });
}

/** Archives with a reason (If-Match); nothing is deleted. */
export function archivePegawai(ref: string, etag: string, alasan: string): Promise<Versioned<Pegawai>> {
  return apiRequestVersioned('POST', `/pegawai/${encodeURIComponent(ref)}/arsip`, { body: { alasan }, ifMatch: etag });
}

// Placement choices, read from the organisasi registry API (tag "organisasi").

/** An OPD as offered in the placement fields. */
export interface OpdChoice {
  id: string;
  kode: string;
  nama: string;
  singkatan: string | null;
}

/** A unit of an OPD's structure on a date, with its positions (depth first: each unit right after its parent). */
export interface StrukturUnit {
  id: string;
  parentId: string | null;
  depth: number;
  nama: string;
  jabatan: { id: string; nama: string }[];
}

const OPD_PAGE = 200;
/** Enough pages for any pemda's agencies; stops early at the last page. */
const OPD_PAGES_MAX = 10;

/** Every active OPD, in kode order. */
export async function listOpdChoices(signal?: AbortSignal): Promise<OpdChoice[]> {
  const all: OpdChoice[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < OPD_PAGES_MAX; page++) {
    const result = await apiRequest<{ items: OpdChoice[]; nextCursor: string | null }>('GET', '/opd', {
      query: { limit: OPD_PAGE, fields: 'kode,nama,singkatan', cursor },
      signal,
    });
    all.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return all;
}

/** One OPD by id or kode; null when there is none (or it is archived). */
export async function getOpdChoice(ref: string, signal?: AbortSignal): Promise<OpdChoice | null> {
  try {
    const opd = await apiRequest<OpdChoice & { archivedAt: string | null }>('GET', `/opd/${encodeURIComponent(ref)}`, { signal });
    return opd.archivedAt ? null : { id: opd.id, kode: opd.kode, nama: opd.nama, singkatan: opd.singkatan };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** The OPD's units in force on `tanggal` (today in WIB when left out). */
export async function getStrukturUnits(opdRef: string, tanggal: string | undefined, signal?: AbortSignal): Promise<StrukturUnit[]> {
  const { units } = await apiRequest<{ units: StrukturUnit[] }>('GET', `/opd/${encodeURIComponent(opdRef)}/struktur`, { query: { tanggal }, signal });
  return units;
}

/** A calendar day the API accepts (YYYY-MM-DD, years 1900–2199). */
export const isIsoDay = (value: string): boolean => /^(19|2[01])\d{2}-\d{2}-\d{2}$/.test(value);

/** Today in Padang (WIB) as YYYY-MM-DD. */
export function todayWib(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export async function getRiwayat(ref: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
  const { items } = await apiRequest<{ items: HistoryEntry[] }>('GET', `/pegawai/${encodeURIComponent(ref)}/riwayat`, { signal });
  return items;
}

export async function getRiwayatJabatan(ref: string, signal?: AbortSignal): Promise<Jabatan[]> {
  const { items } = await apiRequest<{ items: Jabatan[] }>('GET', `/pegawai/${encodeURIComponent(ref)}/riwayat-jabatan`, { signal });
  return items;
}

/** `1990-05-17` → "17 Mei 1990"; a masked `1990-**-**` stays as it is. */
export function formatTanggal(day: string | null, lang: 'id' | 'en'): string {
  if (!day) return '—';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** `198005172005031101` → `19800517 200503 1 101`, the way NIPs are printed. */
export const formatNip = (nip: string | null): string =>
  nip && /^\d{18}$/.test(nip) ? `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}` : (nip ?? '—');

/** Name with academic titles: "Dr. Rina Marlina, S.Kom." */
export const namaLengkap = (p: Pick<Pegawai, 'nama' | 'gelarDepan' | 'gelarBelakang'>): string =>
  `${p.gelarDepan ? `${p.gelarDepan} ` : ''}${p.nama}${p.gelarBelakang ? `, ${p.gelarBelakang}` : ''}`;
