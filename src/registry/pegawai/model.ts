/** Kinds of employee: civil servants (PNS), contract ASN (PPPK), and non-ASN staff without a NIP. */
export const JENIS_PEGAWAI = ['pns', 'pppk', 'non_asn'] as const;
export type JenisPegawai = (typeof JENIS_PEGAWAI)[number];

export const STATUS_PEGAWAI = ['aktif', 'cuti', 'pensiun', 'mutasi_keluar', 'meninggal'] as const;
export type StatusPegawai = (typeof STATUS_PEGAWAI)[number];

/** PNS golongan ruang with their pangkat (reference/domain-indonesia.md §7); I–III have no /e. */
export const PANGKAT_PNS = {
  'I/a': 'Juru Muda',
  'I/b': 'Juru Muda Tingkat I',
  'I/c': 'Juru',
  'I/d': 'Juru Tingkat I',
  'II/a': 'Pengatur Muda',
  'II/b': 'Pengatur Muda Tingkat I',
  'II/c': 'Pengatur',
  'II/d': 'Pengatur Tingkat I',
  'III/a': 'Penata Muda',
  'III/b': 'Penata Muda Tingkat I',
  'III/c': 'Penata',
  'III/d': 'Penata Tingkat I',
  'IV/a': 'Pembina',
  'IV/b': 'Pembina Tingkat I',
  'IV/c': 'Pembina Utama Muda',
  'IV/d': 'Pembina Utama Madya',
  'IV/e': 'Pembina Utama',
} as const;
export const GOLONGAN_PNS = Object.keys(PANGKAT_PNS) as (keyof typeof PANGKAT_PNS)[];

/**
 * PPPK golongan I–XVII (Perpres 98/2020). ⚠ Not covered by reference/domain-indonesia.md, so
 * a PPPK's golongan is optional.
 */
export const GOLONGAN_PPPK = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII'] as const;
export const GOLONGAN = [...GOLONGAN_PNS, ...GOLONGAN_PPPK] as const;
export type Golongan = (typeof GOLONGAN)[number];

export const pangkatOf = (golongan: string | null): string | null =>
  golongan !== null && golongan in PANGKAT_PNS ? PANGKAT_PNS[golongan as keyof typeof PANGKAT_PNS] : null;

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);

export interface Pegawai {
  id: string;
  /** 18 digits, no separators; null for non-ASN. */
  nip: string | null;
  nama: string;
  gelarDepan: string | null;
  gelarBelakang: string | null;
  jenisKelamin: 'L' | 'P';
  /** `YYYY-MM-DD`; masked in lists. */
  tanggalLahir: string;
  jenis: JenisPegawai;
  golongan: string | null;
  /** Derived from a PNS golongan. */
  pangkat: string | null;
  opdId: string;
  unitId: string;
  /** The current position (the open riwayat jabatan row). */
  jabatanId: string | null;
  namaJabatan: string | null;
  tmtJabatan: string | null;
  status: StatusPegawai;
  email: string | null;
  telepon: string | null;
  version: number;
  archivedAt: string | null;
  archiveReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Fields a client may ask for with `fields=`; id always comes along. */
export const PEGAWAI_FIELDS = [
  'nip', 'nama', 'gelarDepan', 'gelarBelakang', 'jenisKelamin', 'tanggalLahir', 'jenis', 'golongan', 'pangkat',
  'opdId', 'unitId', 'jabatanId', 'namaJabatan', 'tmtJabatan', 'status', 'email', 'telepon',
  'version', 'archivedAt', 'archiveReason', 'createdAt', 'updatedAt',
] as const;

/** Fields PATCH may change; `changed` lists in history and events are drawn from these. */
export const PEGAWAI_EDITABLE = [
  'nip', 'nama', 'gelarDepan', 'gelarBelakang', 'jenisKelamin', 'tanggalLahir', 'jenis', 'golongan', 'status', 'email', 'telepon',
] as const;
export type PegawaiEditable = (typeof PEGAWAI_EDITABLE)[number];

/** Personal fields: masked in lists, and for readers who do not manage the employee's OPD. */
export const PERSONAL_FIELDS = ['tanggalLahir', 'email', 'telepon'] as const;

export interface PegawaiRow {
  id: string;
  nip: string | null;
  nama: string;
  gelar_depan: string | null;
  gelar_belakang: string | null;
  jenis_kelamin: string;
  tanggal_lahir: string;
  jenis: string;
  golongan: string | null;
  opd_id: string;
  unit_id: string;
  jabatan_id: string | null;
  nama_jabatan: string | null;
  tmt_jabatan: string | null;
  status: string;
  email: string | null;
  telepon: string | null;
  version: number;
  archived_at: Date | null;
  archive_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export const toPegawai = (row: PegawaiRow): Pegawai => ({
  id: row.id,
  nip: row.nip,
  nama: row.nama,
  gelarDepan: row.gelar_depan,
  gelarBelakang: row.gelar_belakang,
  jenisKelamin: row.jenis_kelamin as 'L' | 'P',
  tanggalLahir: row.tanggal_lahir,
  jenis: row.jenis as JenisPegawai,
  golongan: row.golongan,
  pangkat: pangkatOf(row.golongan),
  opdId: row.opd_id,
  unitId: row.unit_id,
  jabatanId: row.jabatan_id,
  namaJabatan: row.nama_jabatan,
  tmtJabatan: row.tmt_jabatan,
  status: row.status as StatusPegawai,
  email: row.email,
  telepon: row.telepon,
  version: row.version,
  archivedAt: row.archived_at?.toISOString() ?? null,
  archiveReason: row.archive_reason,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** `1990-05-17` → `1990-**-**`: the year stays, for age bands. */
export const maskDate = (value: string): string => `${value.slice(0, 4)}-**-**`;

export function maskPegawai<T extends Partial<Pegawai>>(record: T): T {
  const out = { ...record };
  if (typeof out.tanggalLahir === 'string') out.tanggalLahir = maskDate(out.tanggalLahir);
  if (typeof out.email === 'string') out.email = maskEmailValue(out.email);
  if (typeof out.telepon === 'string') out.telepon = maskPhone(out.telepon);
  return out;
}

function maskEmailValue(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 1) return '*'.repeat(value.length);
  return value.slice(0, Math.min(2, at)) + '*'.repeat(Math.max(at - 2, 1)) + value.slice(at);
}

/** `081234567890` → `0812******90`. */
function maskPhone(value: string): string {
  if (value.length <= 6) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 6) + value.slice(-2);
}

/** Trims free text; a blank optional value is stored as null. */
export const cleanOptional = (value: string | null | undefined): string | null | undefined =>
  value === undefined ? undefined : value === null ? null : value.trim() || null;
