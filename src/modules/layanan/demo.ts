import { deflateSync } from 'node:zlib';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import PDFDocument from 'pdfkit';
import type { Actor } from '../../core/audit/actor.js';
import { recordAudit } from '../../core/audit/trail.js';
import type { UserPrincipal as Principal } from '../../core/auth/principal.js';
import { Access, type Grant } from '../../core/authz/access.js';
import type { Config } from '../../core/config.js';
import type { DB } from '../../core/db/schema.js';
import type { Kernel } from '../../core/kernel.js';
import { createUser, findUserIdByUsername, setUserIdentity } from '../../core/users/service.js';
import type { DemoContext } from '../../registry/demo/context.js';
import { personName } from '../../registry/demo/names.js';
import type { SeededRandom } from '../../registry/demo/random.js';
import { listOpd } from '../../registry/organisasi/index.js';
import { listPegawai } from '../../registry/pegawai/index.js';
import { getPendudukLengkap, listPenduduk } from '../../registry/penduduk/index.js';
import { getWilayah, listKelurahan } from '../../registry/wilayah/index.js';
import { loadHolidays } from './hari-libur.js';
import { addDays, addWorkingDays, dayWib, workingDaysBetween, type Holidays } from './kalender.js';
import { listJenis, type FieldDef, type SyaratDef } from './katalog.js';
import { unggah, verifikasiLampiran } from './lampiran.js';
import { titleCase } from './pemohon.js';
import { PROSES } from './permission.js';
import {
  ajukan, ajukanUlang, ambil, batal, findPermohonan, mintaPerbaikan, pelakuStaf, teruskan, tolak, type Pelaku, type Status,
} from './permohonan.js';
import { terbitkan } from './terbit.js';

/**
 * E-kelurahan's share of the demo city, so that `npm install && npm start` can try the whole
 * journey at once: five demo accounts for Kelurahan Ganting Parak Gadang (Kecamatan Padang
 * Timur) sharing one password, and letter requests across several kelurahan in every status,
 * with timelines, files and issued letters spread over the last months.
 *
 * Requests go through the module's own services (ajukan, unggah, ambil, verifikasiLampiran,
 * mintaPerbaikan, ajukanUlang, teruskan, tolak, batal), so every rule holds: the form checked
 * against the letter type, the holder's data read from the registry, files checked by content,
 * required files verified before forwarding, audit entries and outbox events. Those services stamp
 * the present; the demo then moves each request's dates (submission, timeline, files, due date)
 * back to the planned day. Letters are issued through `terbitkan` (terbit.ts), the path approvals
 * take, with a given day of issue, in date order so numbers rise with dates. The audit trail keeps the true time of seeding (actor
 * `demo`); the timelines of the demo kelurahan name the demo accounts.
 *
 * Deterministic: what is asked, by whom, when and with which outcome comes from the module's
 * SeededRandom and the registry's demo data (tracking codes and tokens stay crypto-random). Does
 * nothing when any request exists. The demo password exists only when demo data is seeded.
 */

/** The shared password of the demo accounts (documented in the README). */
export const DEMO_PASSWORD = 'padu-demo-123';
/** Kelurahan Ganting Parak Gadang, Kecamatan Padang Timur. */
export const DEMO_KELURAHAN = '13.71.02.1010';
const DEMO_KECAMATAN = '13.71.02';
/** Kecamatan Padang Barat: a second kecamatan at the small scale, so the city figures compare two. */
const KECAMATAN_KEDUA = '13.71.03';
export const DEMO_USERNAMES = { warga: 'warga.demo', petugas: 'petugas.demo', sekretaris: 'sekretaris.demo', lurah: 'lurah.demo', camat: 'camat.demo' } as const;
/** `dibuat_oleh` of the online requests of residents who have no account in the demo. */
const PENYEMAI = '00000000-0000-4000-8000-00000000de00';

/** Kelurahan seeded at once in phase 1 (the audit trail still takes one writer at a time). */
const KONKURENSI = 4;

const SIZE = {
  /** Requests per kelurahan other than the demo one; the demo one follows a script (plus extra finished ones). */
  small: { perKelurahan: 3, tambahanK0: 0, keduaKecamatan: 2, pool: 200 },
  city: { perKelurahan: 5, tambahanK0: 20, keduaKecamatan: Infinity, pool: 80 },
} as const;

// ---------------------------------------------------------------- plan (pure)

/** A resident as the plan knows them (the registry's masked list: no NIK). */
export interface WargaDemo {
  id: string;
  nama: string;
  jenisKelamin: 'L' | 'P';
  tahunLahir: number;
  statusKawin: number;
  shdk: number;
  keluargaId: string;
}

export interface TempatDemo {
  kode: string;
  nama: string;
  kecamatan: string;
  /** Living residents, in the registry's creation order (families together). */
  warga: WargaDemo[];
  /** Deceased residents (for death certificates). */
  meninggal: WargaDemo[];
  /** Requests to plan here (the demo kelurahan: extra finished ones after its script). */
  jumlah: number;
}

export interface JenisDemo {
  kode: string;
  slaHari: number;
  penandatangan: 'lurah' | 'sekretaris';
  fields: FieldDef[];
  syarat: SyaratDef[];
}

export type Langkah =
  | { jenis: 'ambil'; at: string }
  | { jenis: 'periksa'; at: string; tidakSah: string | null; catatan: string | null }
  | { jenis: 'perbaikan'; at: string; catatan: string }
  | { jenis: 'unggah_ulang'; at: string; syarat: string }
  | { jenis: 'ajukan_ulang'; at: string; catatan: string | null }
  | { jenis: 'teruskan'; at: string; catatan: string | null }
  | { jenis: 'terbit'; at: string }
  | { jenis: 'tolak'; at: string; oleh: 'petugas' | 'lurah'; alasan: string }
  | { jenis: 'batal'; at: string; alasan: string | null };

export interface Rencana {
  kodeKelurahan: string;
  pemohonId: string;
  /** Made by warga.demo for themself. */
  akunWarga: boolean;
  kanal: 'online' | 'loket';
  jenis: string;
  data: Record<string, string | number>;
  /** For a death certificate: the deceased resident, whose NIK goes into the form. */
  almarhumId: string | null;
  berkas: { syarat: string; nama: string; tipe: 'png' | 'pdf' }[];
  diajukanAt: string;
  langkah: Langkah[];
  akhir: Status;
}

export interface PlanInput {
  today: string;
  holidays: Holidays;
  /** The demo kelurahan first. */
  tempat: TempatDemo[];
  wargaDemoId: string;
  jenis: JenisDemo[];
}

interface Skenario {
  akhir: Status;
  jenis?: string;
  warga?: boolean;
  /** Submitted this many working days ago. */
  hariLalu?: number;
  terlambat?: boolean;
  perbaikan?: boolean;
  tolakOleh?: 'petugas' | 'lurah';
  kanal?: 'online' | 'loket';
}

/** The demo kelurahan's requests: warga.demo's own, then one or more in every status for the officer, lurah and sekretaris. */
const SKRIP_K0: Skenario[] = [
  { akhir: 'selesai', jenis: 'domisili', warga: true, hariLalu: 24, kanal: 'online' },
  { akhir: 'selesai', jenis: 'pengantar-skck', warga: true, hariLalu: 61, kanal: 'online' },
  { akhir: 'perlu_perbaikan', jenis: 'usaha', warga: true, hariLalu: 2, kanal: 'online' },
  { akhir: 'baru', jenis: 'sktm', warga: true, hariLalu: 1, kanal: 'online' },
  { akhir: 'dibatalkan', jenis: 'kehilangan', warga: true, hariLalu: 15, kanal: 'online' },
  { akhir: 'baru', hariLalu: 1 },
  { akhir: 'baru', jenis: 'domisili', hariLalu: 1, kanal: 'online' },
  { akhir: 'baru', terlambat: true },
  { akhir: 'verifikasi', hariLalu: 1 },
  { akhir: 'verifikasi', terlambat: true },
  { akhir: 'perlu_perbaikan' },
  { akhir: 'menunggu_ttd', jenis: 'domisili', hariLalu: 1 },
  { akhir: 'menunggu_ttd', jenis: 'pengantar-skck', hariLalu: 1 },
  { akhir: 'menunggu_ttd', terlambat: true },
  { akhir: 'selesai', jenis: 'sktm' },
  { akhir: 'selesai', jenis: 'kelahiran' },
  { akhir: 'selesai', perbaikan: true },
  { akhir: 'selesai', terlambat: true },
  { akhir: 'selesai', kanal: 'loket' },
  { akhir: 'selesai' },
  { akhir: 'selesai', jenis: 'kehilangan' },
  { akhir: 'selesai' },
  { akhir: 'ditolak', tolakOleh: 'petugas' },
  { akhir: 'ditolak', jenis: 'usaha', tolakOleh: 'lurah' },
  { akhir: 'dibatalkan' },
];

/** How often each letter type is asked for. */
const BOBOT_JENIS: [string, number][] = [
  ['domisili', 20], ['sktm', 14], ['usaha', 12], ['pengantar-skck', 12], ['penghasilan-orang-tua', 7], ['kelahiran', 7],
  ['pengantar-nikah', 6], ['pindah', 6], ['kehilangan', 6], ['kematian', 4], ['izin-keramaian', 4], ['beda-identitas', 2],
];
/** The final status of requests other than the scripted ones. */
const BOBOT_STATUS: [Status, number][] = [
  ['selesai', 58], ['ditolak', 7], ['dibatalkan', 6], ['baru', 8], ['verifikasi', 8], ['perlu_perbaikan', 4], ['menunggu_ttd', 9],
];
const OPEN: readonly Status[] = ['baru', 'verifikasi', 'perlu_perbaikan', 'menunggu_ttd'];

function weighted<T>(random: SeededRandom, items: readonly [T, number][]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = random.next() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items.at(-1)![0];
}

const OFFICE_START = 8 * 60;
const OFFICE_END = 16 * 60;
const WIB_MS = 7 * 3_600_000;

interface Saat {
  day: string;
  min: number;
}

const iso = (s: Saat) => new Date(Date.parse(`${s.day}T00:00:00Z`) - WIB_MS + s.min * 60_000).toISOString();

/** Moments of a timeline: staff act in office hours on working days, residents until the evening; nothing after the last working day before today. */
class Jadwal {
  readonly last: string;

  constructor(readonly today: string, readonly holidays: Holidays, readonly random: SeededRandom) {
    this.last = addWorkingDays(today, -1, holidays);
  }

  hariLalu(n: number): string {
    return addWorkingDays(this.today, -Math.max(1, n), this.holidays);
  }

  pada(day: string, warga: boolean): Saat {
    return { day, min: warga ? this.random.int(6 * 60, 21 * 60) : this.random.int(OFFICE_START, 14 * 60 + 30) };
  }

  /** A later moment: the same day when `hari` is 0 and there is room, else `hari` working days on. */
  lalu(from: Saat, hari: number, warga = false): Saat {
    const batas = warga ? 21 * 60 : OFFICE_END;
    let next: Saat;
    if (hari === 0 && from.min + 90 <= batas) {
      const min = from.min + this.random.int(10, 90);
      next = { day: from.day, min: warga ? min : Math.max(min, OFFICE_START + this.random.int(0, 60)) };
    } else next = { day: addWorkingDays(from.day, Math.max(1, hari), this.holidays), min: warga ? this.random.int(7 * 60, 21 * 60) : this.random.int(OFFICE_START, 15 * 60) };
    if (next.day > this.last) next = from.day < this.last ? { day: this.last, min: this.random.int(OFFICE_START, 15 * 60) } : { day: from.day, min: from.min + this.random.int(3, 20) };
    return next;
  }

  /** A few minutes later, the same day (a follow-up of the same person). */
  segera(from: Saat): Saat {
    return { day: from.day, min: from.min + this.random.int(1, 6) };
  }
}

const age = (w: WargaDemo, today: string) => Number(today.slice(0, 4)) - w.tahunLahir;

/** Who asks for which letter: the registry's residents, matched to the letter where it matters. */
function cocok(jenis: string, w: WargaDemo, today: string, tempat: TempatDemo): boolean {
  const umur = age(w, today);
  switch (jenis) {
    case 'pengantar-nikah': return w.statusKawin === 1 && umur >= 19 && umur <= 40;
    case 'kelahiran': return w.statusKawin === 2 && umur >= 20 && umur <= 45;
    case 'pengantar-skck': return umur >= 17 && umur <= 45;
    case 'sktm': case 'usaha': case 'izin-keramaian': case 'pindah': return umur >= 25 && w.shdk === 1;
    case 'penghasilan-orang-tua': return umur >= 30 && umur <= 65 && tempat.warga.some((c) => c.keluargaId === w.keluargaId && c.shdk === 4);
    case 'kematian': return umur >= 17 && tempat.meninggal.some((m) => m.keluargaId === w.keluargaId);
    default: return umur >= 17;
  }
}

const PNG_SYARAT = new Set(['ktp', 'kk', 'foto_rumah', 'foto_usaha', 'pas_foto', 'ktp_pelapor', 'ktp_almarhum', 'ktp_saksi', 'ktp_orang_tua', 'kartu_pelajar']);

function berkasOf(random: SeededRandom, syarat: SyaratDef[]): Rencana['berkas'] {
  return syarat
    .filter((s) => s.required || random.chance(0.4))
    .map((s) => {
      const tipe = PNG_SYARAT.has(s.name) ? ('png' as const) : ('pdf' as const);
      return { syarat: s.name, nama: `${s.name.replace(/_/g, '-')}.${tipe}`, tipe };
    });
}

const KEPERLUAN: Record<string, string[]> = {
  domisili: ['Melamar pekerjaan', 'Pembukaan rekening bank', 'Pendaftaran sekolah anak', 'Pengurusan BPJS Kesehatan', 'Persyaratan kredit usaha rakyat (KUR)', 'Pendaftaran kuliah'],
  sktm: ['Keringanan biaya rumah sakit', 'Pendaftaran beasiswa KIP Kuliah', 'Pengajuan bantuan sosial PKH', 'Keringanan biaya sekolah anak'],
  usaha: ['Pengajuan kredit usaha rakyat (KUR)', 'Pendaftaran NIB melalui OSS', 'Pengajuan bantuan modal usaha mikro'],
  'pengantar-skck': ['Melamar pekerjaan', 'Pendaftaran CPNS', 'Persyaratan bekerja di luar negeri', 'Pendaftaran calon anggota TNI/Polri'],
};
const JALAN = ['Jl. Sisingamangaraja', 'Jl. Parak Gadang', 'Jl. Andalas', 'Jl. Sawahan', 'Jl. Jati', 'Jl. Simpang Haru', 'Jl. Dr. Sutomo', 'Jl. Kampung Durian'];
const USAHA: [string, string][] = [
  ['Warung makan', 'Warung Nasi'], ['Kedai kopi', 'Kedai Kopi'], ['Jahit pakaian', 'Penjahit'], ['Bengkel sepeda motor', 'Bengkel'],
  ['Toko kelontong', 'Toko'], ['Laundry kiloan', 'Laundry'], ['Katering rumahan', 'Katering'], ['Konter pulsa', 'Konter'],
];
const KOTA_TUJUAN: [string, string][] = [
  ['Jl. Sudirman No. 14, Kelurahan Birugo, Kecamatan Aur Birugo Tigo Baleh, Kota Bukittinggi', 'Antarkota/kabupaten'],
  ['Jl. Khatib Sulaiman No. 8, Kelurahan Lolong Belanti, Kecamatan Padang Utara, Kota Padang', 'Dalam satu kota'],
  ['Jl. Soekarno-Hatta No. 21, Kelurahan Labuh Baru Timur, Kecamatan Payung Sekaki, Kota Pekanbaru', 'Antarprovinsi'],
  ['Jl. Raya Painan No. 5, Kenagarian Painan, Kecamatan IV Jurai, Kabupaten Pesisir Selatan', 'Antarkota/kabupaten'],
];

/** The form's values, per letter type: what residents of Padang typically write. Fields the catalogue added later get a plain value by type. */
function isian(random: SeededRandom, jenis: JenisDemo, p: WargaDemo, tempat: TempatDemo, day: string): { data: Record<string, string | number>; almarhumId: string | null } {
  const keluarga = tempat.warga.filter((w) => w.keluargaId === p.keluargaId && w.id !== p.id);
  const lawan = (sex: 'L' | 'P') => (sex === 'L' ? 'P' : 'L');
  const pasangan = keluarga.find((w) => w.shdk === 3 || (p.shdk === 3 && w.shdk === 1));
  const ayah = keluarga.find((w) => w.shdk === 1 && w.jenisKelamin === 'L');
  const ibu = keluarga.find((w) => (w.shdk === 1 || w.shdk === 3) && w.jenisKelamin === 'P');
  const rupiah = (min: number, max: number) => random.int(min / 50_000, max / 50_000) * 50_000;
  let almarhumId: string | null = null;
  const v: Record<string, string | number> = {};
  switch (jenis.kode) {
    case 'domisili': case 'sktm': case 'usaha': case 'pengantar-skck':
      v.keperluan = random.pick(KEPERLUAN[jenis.kode]!);
      break;
  }
  switch (jenis.kode) {
    case 'sktm':
      v.penghasilan = rupiah(600_000, 2_400_000);
      v.tanggungan = random.int(2, 6);
      break;
    case 'usaha': {
      const [jenisUsaha, awalan] = random.pick(USAHA);
      v.nama_usaha = `${awalan} ${p.nama.split(' ')[0]}`;
      v.jenis_usaha = jenisUsaha;
      v.alamat_usaha = `${random.pick(JALAN)} No. ${random.int(1, 90)}, Kelurahan ${tempat.nama}`;
      break;
    }
    case 'pengantar-nikah': {
      const namaAyah = ayah?.nama ?? personName(random, 'L');
      v.bin_binti = namaAyah;
      v.nama_ayah = namaAyah;
      v.nama_ibu = ibu?.nama ?? personName(random, 'P');
      v.nama_pasangan = personName(random, lawan(p.jenisKelamin));
      v.tanggal_nikah = addDays(day, random.int(30, 90));
      v.tempat_nikah = random.pick([`KUA Kecamatan ${tempat.kecamatan}`, 'Masjid Raya Sumatera Barat', 'Rumah mempelai wanita']);
      break;
    }
    case 'kematian': {
      const almarhum = tempat.meninggal.find((m) => m.keluargaId === p.keluargaId)!;
      almarhumId = almarhum.id;
      v.nama_almarhum = almarhum.nama;
      v.nik_almarhum = '';
      v.tanggal_meninggal = addDays(day, -random.int(1, 10));
      v.tempat_meninggal = random.pick(['Rumah', 'RSUP Dr. M. Djamil Padang', 'RS Yos Sudarso Padang', 'Puskesmas Andalas']);
      v.sebab_meninggal = random.pick(['Sakit', 'Usia lanjut']);
      v.hubungan_pelapor = random.pick(['Anak', 'Cucu', 'Keluarga']);
      break;
    }
    case 'kelahiran': {
      const sex = random.chance(0.5) ? 'L' : 'P';
      v.nama_anak = personName(random, sex);
      v.jenis_kelamin_anak = sex === 'L' ? 'Laki-laki' : 'Perempuan';
      v.tanggal_lahir_anak = addDays(day, -random.int(2, 20));
      v.tempat_lahir_anak = 'Padang';
      v.anak_ke = random.int(1, 4);
      v.nama_ibu = p.jenisKelamin === 'P' ? p.nama : (pasangan?.nama ?? personName(random, 'P'));
      v.nama_ayah = p.jenisKelamin === 'L' ? p.nama : (pasangan?.nama ?? personName(random, 'L'));
      v.penolong = random.pick(['Bidan', 'Dokter']);
      break;
    }
    case 'pindah': {
      const [alamat, klasifikasi] = random.pick(KOTA_TUJUAN);
      v.alamat_tujuan = alamat;
      v.alasan_pindah = random.pick(['Pekerjaan', 'Ikut keluarga', 'Pendidikan', 'Perumahan']);
      v.klasifikasi = klasifikasi;
      v.tanggal_pindah = addDays(day, random.int(7, 30));
      v.jumlah_pengikut = random.int(0, Math.min(4, keluarga.length));
      break;
    }
    case 'izin-keramaian':
      v.jenis_acara = random.pick(['Pesta pernikahan (baralek)', 'Aqiqah', 'Syukuran khitanan', 'Pertandingan sepak bola antar-RW', 'Wirid remaja']);
      v.tanggal_acara = addDays(day, random.int(7, 30));
      v.waktu_acara = random.pick(['09.00–17.00 WIB', '19.30–22.00 WIB', '08.00–12.00 WIB']);
      v.tempat_acara = `Rumah pemohon, ${random.pick(JALAN)}, Kelurahan ${tempat.nama}`;
      v.jumlah_undangan = random.int(10, 80) * 10;
      break;
    case 'penghasilan-orang-tua': {
      const anak = keluarga.find((w) => w.shdk === 4);
      const kuliah = anak ? age(anak, day) >= 18 : random.chance(0.4);
      v.nama_anak = anak?.nama ?? personName(random, random.chance(0.5) ? 'L' : 'P');
      v.nomor_induk = String(random.int(10_000_000, 99_999_999));
      v.sekolah = kuliah ? random.pick(['Universitas Andalas', 'Universitas Negeri Padang', 'Politeknik Negeri Padang']) : random.pick(['SMA Negeri 1 Padang', 'SMA Negeri 3 Padang', 'SMP Negeri 8 Padang', 'SMK Negeri 2 Padang']);
      v.kelas = kuliah ? `Semester ${random.int(1, 7)}` : `Kelas ${random.int(7, 12)}`;
      v.penghasilan_ayah = rupiah(1_500_000, 5_000_000);
      v.penghasilan_ibu = random.chance(0.5) ? 0 : rupiah(500_000, 3_000_000);
      break;
    }
    case 'beda-identitas': {
      const dokumen = random.pick(['Ijazah SMA', 'Paspor', 'Buku Nikah', 'Akta Kelahiran']);
      const perbedaan = random.pick(['Penulisan nama', 'Tanggal lahir', 'Tempat lahir']);
      v.dokumen_kedua = dokumen;
      v.nomor_dokumen_kedua = `DN-${random.int(100_000, 999_999)}`;
      // The old spelling (oe for u) is a common reason for a second identity on older documents.
      const ejaanLama = /u/i.test(p.nama) ? p.nama.replace(/u/g, 'oe').replace(/U/g, 'Oe') : `${p.nama} ${p.nama.split(' ')[0]}`;
      v.identitas_kedua = perbedaan === 'Penulisan nama' ? `${ejaanLama}, Padang` : `${p.nama}, ${perbedaan === 'Tempat lahir' ? 'Solok' : 'Padang'}`;
      v.perbedaan = perbedaan;
      break;
    }
    case 'kehilangan':
      v.barang_hilang = random.pick(['KTP-el', 'Dompet berisi KTP-el dan SIM', 'Buku tabungan', 'STNK sepeda motor', 'Ijazah SMA']);
      v.tanggal_hilang = addDays(day, -random.int(1, 7));
      v.tempat_hilang = random.pick(['Pasar Raya Padang', 'sekitar Jl. Sudirman', 'Pantai Padang', 'angkot jurusan Pasar Raya–Lubuk Buaya']);
      break;
  }
  // The catalogue is edited by admins: keep the fields it defines, fill new required ones plainly.
  const data: Record<string, string | number> = {};
  for (const f of jenis.fields) {
    const value = v[f.name];
    if (value !== undefined) data[f.name] = value;
    else if (f.required) data[f.name] = f.type === 'number' ? (f.min ?? 0) : f.type === 'date' ? day : f.type === 'select' ? (f.options?.[0] ?? '') : 'Data demo';
  }
  return { data, almarhumId };
}

const CATATAN_TIDAK_SAH = ['Foto tidak terbaca, mohon unggah ulang dengan pencahayaan yang cukup.', 'Berkas terpotong; unggah ulang halaman yang utuh.', 'Berkas yang diunggah bukan dokumen yang diminta.'];
const ALASAN_TOLAK: Record<'petugas' | 'lurah', string[]> = {
  petugas: ['Pemohon tidak berdomisili di RT yang tercantum pada surat pengantar.', 'Data pada berkas tidak sesuai dengan data kependudukan.', 'Surat pengantar RT/RW untuk keperluan lain.'],
  lurah: ['Berdasarkan pemeriksaan lapangan, usaha tidak berada di wilayah kelurahan ini.', 'Keperluan tidak sesuai dengan jenis surat; silakan ajukan jenis surat yang sesuai.'],
};
const ALASAN_BATAL = ['Sudah diurus langsung di kantor kelurahan.', 'Tidak jadi diperlukan.', 'Salah memilih jenis surat.', null];

/** One request's timeline for a final status. */
function linimasa(
  jadwal: Jadwal, random: SeededRandom, s: Skenario, jenis: JenisDemo, berkas: Rencana['berkas'], kanal: 'online' | 'loket',
): { diajukan: Saat; langkah: Langkah[] } {
  const open = OPEN.includes(s.akhir);
  const d = s.hariLalu
    ?? (open ? (s.terlambat ? jenis.slaHari + random.int(1, 3) : s.akhir === 'perlu_perbaikan' ? random.int(1, 4) : random.int(1, Math.max(1, jenis.slaHari)))
      : random.int(6, 110));
  const diajukan = jadwal.pada(jadwal.hariLalu(d), kanal === 'online');
  // Staff act on it before today: a request sent late on the last working day waits for the morning, so it was sent earlier.
  if (s.akhir !== 'baru' && diajukan.day === jadwal.last && diajukan.min > 13 * 60) diajukan.min = random.int(7 * 60, 13 * 60);
  const langkah: Langkah[] = [];
  const wajib = berkas.map((b) => b.syarat);
  const salah = () => random.pick(wajib.length > 0 ? wajib : ['lainnya']);
  if (s.akhir === 'baru') return { diajukan, langkah };
  if (s.akhir === 'dibatalkan' && random.chance(0.6)) {
    langkah.push({ jenis: 'batal', at: iso(jadwal.lalu(diajukan, random.int(0, 2), true)), alasan: random.pick(ALASAN_BATAL) });
    return { diajukan, langkah };
  }
  /** Where the SLA clock starts: the submission, or the re-submission after changes. */
  let mulai = diajukan;
  let t = jadwal.lalu(diajukan, random.chance(0.55) ? 0 : 1);
  langkah.push({ jenis: 'ambil', at: iso(t) });
  if (s.akhir === 'verifikasi') return { diajukan, langkah };
  t = jadwal.lalu(t, 0);
  const perbaikan = s.akhir === 'perlu_perbaikan' || s.akhir === 'dibatalkan' || s.perbaikan === true || (s.akhir === 'selesai' && !s.hariLalu && random.chance(0.12));
  if (perbaikan && wajib.length > 0) {
    const syarat = salah();
    const catatan = random.pick(CATATAN_TIDAK_SAH);
    langkah.push({ jenis: 'periksa', at: iso(t), tidakSah: syarat, catatan });
    t = jadwal.segera(t);
    const label = jenis.syarat.find((x) => x.name === syarat)?.label ?? syarat;
    langkah.push({ jenis: 'perbaikan', at: iso(t), catatan: `${label}: ${catatan}` });
    if (s.akhir === 'perlu_perbaikan') return { diajukan, langkah };
    t = jadwal.lalu(t, random.int(0, 2), true);
    if (s.akhir === 'dibatalkan') {
      langkah.push({ jenis: 'batal', at: iso(t), alasan: random.pick(ALASAN_BATAL) });
      return { diajukan, langkah };
    }
    langkah.push({ jenis: 'unggah_ulang', at: iso(t), syarat });
    t = jadwal.segera(t);
    langkah.push({ jenis: 'ajukan_ulang', at: iso(t), catatan: random.pick([`${label} sudah saya unggah ulang.`, null]) });
    mulai = t;
    t = jadwal.lalu(t, random.chance(0.5) ? 0 : 1);
  }
  langkah.push({ jenis: 'periksa', at: iso(t), tidakSah: null, catatan: null });
  if (s.akhir === 'ditolak' && (s.tolakOleh ?? (random.chance(0.5) ? 'petugas' : 'lurah')) === 'petugas') {
    langkah.push({ jenis: 'tolak', at: iso(jadwal.segera(t)), oleh: 'petugas', alasan: random.pick(ALASAN_TOLAK.petugas) });
    return { diajukan, langkah };
  }
  t = jadwal.segera(t);
  langkah.push({ jenis: 'teruskan', at: iso(t), catatan: random.pick(['Berkas lengkap dan sah.', null]) });
  if (s.akhir === 'menunggu_ttd') return { diajukan, langkah };
  // Most letters are signed within the SLA: the same day once the time is up, else the same or the next day; a few late.
  const late = s.terlambat === true || (!s.hariLalu && random.chance(0.08));
  const used = workingDaysBetween(mulai.day, t.day, jadwal.holidays);
  t = jadwal.lalu(t, late ? jenis.slaHari + random.int(1, 3) : used >= jenis.slaHari ? 0 : random.int(0, Math.min(1, jenis.slaHari - used)));
  if (s.akhir === 'ditolak') langkah.push({ jenis: 'tolak', at: iso(t), oleh: 'lurah', alasan: random.pick(ALASAN_TOLAK.lurah) });
  else langkah.push({ jenis: 'terbit', at: iso(t) });
  return { diajukan, langkah };
}

/**
 * What the demo asks for, pure: the demo kelurahan's script (warga.demo's own requests, then one or
 * more in every status), then requests of the other places with weighted letter types and
 * statuses. The first request of up to three other kelurahan of the demo kecamatan is left
 * overdue, so the camat's view shows lateness across kelurahan.
 */
export function planDemo(random: SeededRandom, input: PlanInput): Rencana[] {
  const jadwal = new Jadwal(input.today, input.holidays, random);
  const jenisByKode = new Map(input.jenis.map((j) => [j.kode, j]));
  const bobot = BOBOT_JENIS.filter(([kode]) => jenisByKode.has(kode));
  const plans: Rencana[] = [];
  let overdueKelurahan = 0;
  input.tempat.forEach((tempat, index) => {
    const skrip: Skenario[] = index === 0 ? [...SKRIP_K0] : [];
    for (let i = 0; i < tempat.jumlah; i++) {
      if (index > 0 && i === 0 && tempat.kode.startsWith(`${DEMO_KECAMATAN}.`) && overdueKelurahan < 3) {
        overdueKelurahan++;
        skrip.push({ akhir: random.pick(['baru', 'verifikasi', 'menunggu_ttd'] as const), terlambat: true });
      } else skrip.push({ akhir: weighted(random, BOBOT_STATUS) });
    }
    const pemohonPool = tempat.warga.filter((w) => w.id !== input.wargaDemoId);
    for (const s of skrip) {
      let kode = s.jenis ?? weighted(random, bobot);
      if (!jenisByKode.has(kode)) kode = bobot[0]?.[0] ?? '';
      let jenis = jenisByKode.get(kode);
      if (!jenis) continue;
      let pemohon: WargaDemo | undefined;
      if (s.warga) pemohon = tempat.warga.find((w) => w.id === input.wargaDemoId);
      else {
        let candidates = pemohonPool.filter((w) => cocok(kode, w, input.today, tempat));
        if (candidates.length === 0 && jenisByKode.has('domisili')) {
          jenis = jenisByKode.get('domisili')!;
          candidates = pemohonPool.filter((w) => cocok('domisili', w, input.today, tempat));
        }
        pemohon = candidates.length > 0 ? random.pick(candidates) : undefined;
      }
      if (!pemohon) continue;
      const kanal = s.kanal ?? (random.chance(0.65) ? 'online' : 'loket');
      const berkas = berkasOf(random, jenis.syarat);
      const { diajukan, langkah } = linimasa(jadwal, random, s, jenis, berkas, kanal);
      const { data, almarhumId } = isian(random, jenis, pemohon, tempat, diajukan.day);
      plans.push({
        kodeKelurahan: tempat.kode, pemohonId: pemohon.id, akunWarga: s.warga === true, kanal, jenis: jenis.kode, data, almarhumId, berkas,
        diajukanAt: iso(diajukan), langkah, akhir: s.akhir,
      });
    }
  });
  return plans;
}

// ---------------------------------------------------------------- files

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small, valid grey-scale PNG that looks like a scanned page (a frame and lines of "text"). */
export function contohPng(): Buffer {
  const w = 120;
  const h = 80;
  const raw = Buffer.alloc((w + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const frame = x < 2 || y < 2 || x >= w - 2 || y >= h - 2;
      const line = y >= 12 && y < h - 10 && (y - 12) % 8 < 3 && x >= 10 && x < w - 10 - ((y * 13) % 31);
      raw[y * (w + 1) + 1 + x] = frame ? 0x50 : line ? 0x8c : 0xf6;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey-scale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A one-page PDF naming the requirement, marked as a demo file. */
export function contohPdf(judul: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A5', margin: 40, info: { Title: judul, Producer: 'Padu (data demo)', CreationDate: new Date(Date.UTC(2026, 0, 1)) } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(14).text(judul.toUpperCase(), { align: 'center' });
    doc.moveDown().font('Helvetica').fontSize(10).text('Contoh berkas untuk data demo Padu e-kelurahan. Bukan dokumen asli.', { align: 'center' });
    doc.end();
  });
}

// ---------------------------------------------------------------- seeding

const READER = new Access([{ role: 'pimpinan', scopeType: 'city', scopeCode: null }]);

function principalOf(userId: string, username: string, displayName: string, grants: Grant[], link: { nik?: string; nip?: string } = {}): Principal {
  return {
    kind: 'user', userId, username, displayName, email: null, nik: link.nik ?? null, nip: link.nip ?? null, access: new Access(grants),
    session: { tokenHash: Buffer.alloc(0), csrfToken: '' },
  };
}

const userActor = (p: Principal): Actor => ({ type: 'user', id: p.userId, name: p.username, requestId: null });

interface Penandatangan {
  nip: string;
  nama: string;
}

interface Kantor {
  nama: string;
  petugas: Principal;
  lurah: Principal;
  ttdLurah: Penandatangan | null;
  ttdSekretaris: Penandatangan | null;
  /** The timeline names these (the demo accounts in the demo kelurahan); null keeps the seeder. */
  cerita: { petugas: Actor; lurah: Actor; sekretaris: Actor } | null;
}

type PegawaiItem = { nip?: string | null; nama?: string; gelarDepan?: string | null; gelarBelakang?: string | null; jenis?: string; golongan?: string | null };

const fullName = (p: PegawaiItem) => [p.gelarDepan, p.nama].filter(Boolean).join(' ') + (p.gelarBelakang ? `, ${p.gelarBelakang}` : '');

/** Employees with a NIP, PNS first, then by golongan (highest first) and NIP: who signs. */
async function pegawaiBerNip(kernel: Kernel, opdKode: string | null, exclude: ReadonlySet<string>): Promise<PegawaiItem[]> {
  const page = await listPegawai(kernel.db, READER, { ...(opdKode ? { opd: opdKode } : {}), status: 'aktif', sort: 'nip', limit: opdKode ? 200 : 50 });
  const items = (page.items as PegawaiItem[]).filter((p) => p.nip && !exclude.has(p.nip));
  const rank = (p: PegawaiItem) => (p.jenis === 'pns' ? 0 : 1);
  return items.sort((a, b) => rank(a) - rank(b) || (b.golongan ?? '').localeCompare(a.golongan ?? '') || a.nip!.localeCompare(b.nip!));
}

async function opdOf(kernel: Kernel, jenis: 'kelurahan' | 'kecamatan', kodeWilayah: string): Promise<{ kode: string; nama: string } | null> {
  const item = (await listOpd(kernel.db, { jenis, kodeWilayah, limit: 1 })).items[0];
  return item?.kode && item.nama ? { kode: item.kode, nama: item.nama } : null;
}

type WargaItem = { id?: string; nama?: string; jenisKelamin?: 'L' | 'P'; tahunLahir?: number; statusKawin?: number; shdk?: number; keluargaId?: string };

async function wargaOf(kernel: Kernel, kode: string, status: 'hidup' | 'mati', limit: number): Promise<WargaDemo[]> {
  const page = await listPenduduk(kernel.db, READER, { kelurahan: kode, status, sort: 'createdAt', limit });
  return (page.items as WargaItem[]).map((w) => ({
    id: w.id!, nama: w.nama!, jenisKelamin: w.jenisKelamin!, tahunLahir: w.tahunLahir!, statusKawin: w.statusKawin!, shdk: w.shdk!, keluargaId: w.keluargaId!,
  }));
}

/** Creates a demo account through the users service (audited), or finds the one made before. */
async function akun(
  kernel: Kernel, actor: Actor, username: string, displayName: string, roles: { role: string; scopeCode?: string }[], link: { nik?: string; nip?: string },
): Promise<string> {
  const existing = await findUserIdByUsername(kernel.db, username);
  if (existing) return existing;
  const user = await createUser(kernel, actor, { username, displayName, password: DEMO_PASSWORD, roles, nik: link.nik ?? null });
  if (link.nip) await setUserIdentity(kernel, actor, user.id, { nip: link.nip });
  return user.id;
}

/** The address printed in the letters' QR codes: PADU_PUBLIC_BASE_URL, else where this server listens. */
function baseUrlOf(config: Config): string {
  if (config.publicBaseUrl) return config.publicBaseUrl;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port || 3000}`;
}

/** Issues the letter of a request waiting for its signature, dated `at`, through the one issuing path (terbit.ts). */
async function terbitkanPada(kernel: Kernel, actor: Actor, id: string, at: Date, sebagai: 'lurah' | 'sekretaris', signer: Penandatangan, baseUrl: string): Promise<string> {
  return kernel.db.transaction().execute(async (trx) => {
    const row = (await findPermohonan(trx, id, true))!;
    if (row.status !== 'menunggu_ttd') throw new Error(`demo: request ${id} is ${row.status}, not menunggu_ttd`);
    const { nomor } = await terbitkan(kernel, trx, actor, row, { at, sebagai, signer, baseUrl, auditNote: { demo: true } });
    return nomor;
  });
}

/** What phase 3 writes back for one request: its dates, and who each timeline step names. */
interface Jejak {
  id: string;
  sla: number;
  dibuat: string;
  diajukan: string;
  riwayat: { at: string; actor: Actor | null }[];
  lampiran: Map<string, { id: string; dibuat: string; diperiksa: string | null }>;
  selesai: string | null;
}

/**
 * The demo's requests, accounts and letters (see the top of this file). At `small`, the demo
 * kelurahan, the other kelurahan of Kecamatan Padang Timur and two of Padang Barat; at `city`,
 * every kelurahan of the city.
 */
export async function seedLayananDemo(kernel: Kernel, context: DemoContext): Promise<void> {
  if ((await sql`SELECT 1 FROM layanan.permohonan LIMIT 1`.execute(kernel.db)).rows.length > 0) return;
  // Thousands of small transactions: on connections of their own that do not wait for each commit
  // to reach the disk (a crash may lose the last ones, never corrupts); the database stays durable.
  const pool = new pg.Pool({ connectionString: kernel.database.url, max: KONKURENSI + 1, application_name: 'padu-demo', options: '-c synchronous_commit=off' });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    await seed({ ...kernel, db }, context);
  } finally {
    await db.destroy();
  }
}

async function seed(kernel: Kernel, context: DemoContext): Promise<void> {
  const { random, actor, scale } = context;
  const size = SIZE[scale];
  const kelurahan = await listKelurahan(kernel.db);
  const k0 = kelurahan.find((k) => k.kode === DEMO_KELURAHAN);
  if (!k0) return;
  const chosen = [
    k0,
    ...kelurahan.filter((k) => k.kode !== k0.kode && (scale === 'city' || k.parentKode === DEMO_KECAMATAN)),
    ...(scale === 'small' ? kelurahan.filter((k) => k.parentKode === KECAMATAN_KEDUA).slice(0, size.keduaKecamatan) : []),
  ];
  const kecamatan = await Promise.all([...new Set(chosen.map((k) => k.parentKode!))].map(async (kode) => [kode, (await getWilayah(kernel.db, kode))?.nama ?? kode] as const));
  const namaKecamatan = new Map(kecamatan);

  const today = dayWib();
  const holidays = await loadHolidays(kernel.db);
  const tempat: TempatDemo[] = [];
  for (const [index, k] of chosen.entries()) {
    const warga = await wargaOf(kernel, k.kode, 'hidup', size.pool);
    if (warga.length === 0) continue;
    tempat.push({
      kode: k.kode, nama: titleCase(k.nama), kecamatan: titleCase(namaKecamatan.get(k.parentKode!) ?? ''), warga,
      meninggal: await wargaOf(kernel, k.kode, 'mati', 10), jumlah: index === 0 ? size.tambahanK0 : size.perKelurahan,
    });
  }
  // warga.demo: a living head of a family aged 25–60 in the demo kelurahan (the first in the registry's order).
  const wargaDemo = tempat[0]?.kode === k0.kode ? tempat[0].warga.find((w) => w.shdk === 1 && age(w, today) >= 25 && age(w, today) <= 60) ?? tempat[0].warga.find((w) => age(w, today) >= 17) : undefined;
  if (!wargaDemo) return;
  const jenis = (await listJenis(kernel.db)).map((j): JenisDemo => ({ kode: j.kode, slaHari: j.slaHari, penandatangan: j.penandatangan, fields: j.fields, syarat: j.syarat }));
  const rencana = planDemo(random, { today, holidays, tempat, wargaDemoId: wargaDemo.id, jenis });

  // ---- accounts
  const linked = new Set((await sql<{ nip: string }>`SELECT nip FROM core.app_user WHERE nip IS NOT NULL`.execute(kernel.db)).rows.map((r) => r.nip));
  const kantorK0 = await opdOf(kernel, 'kelurahan', k0.kode);
  const kantorKec = await opdOf(kernel, 'kecamatan', DEMO_KECAMATAN);
  const calon = [
    ...(kantorK0 ? await pegawaiBerNip(kernel, kantorK0.kode, linked) : []),
    ...(kantorKec ? await pegawaiBerNip(kernel, kantorKec.kode, linked) : []),
    ...(await pegawaiBerNip(kernel, null, linked)),
  ].filter((p, i, all) => all.findIndex((q) => q.nip === p.nip) === i);
  const [pegLurah, pegSekretaris] = calon;
  const namaK0 = titleCase(k0.nama);
  const wargaFull = (await getPendudukLengkap(kernel.db, wargaDemo.id))!;
  const kel = (role: string) => ({ role, scopeCode: k0.kode });
  const ids = {
    warga: await akun(kernel, actor, DEMO_USERNAMES.warga, wargaFull.nama, [{ role: 'warga' }], { nik: wargaFull.nik }),
    petugas: await akun(kernel, actor, DEMO_USERNAMES.petugas, `Petugas Kelurahan ${namaK0} (demo)`, [kel('petugas_kelurahan')], {}),
    sekretaris: await akun(kernel, actor, DEMO_USERNAMES.sekretaris, pegSekretaris ? `${fullName(pegSekretaris)} (demo)` : `Sekretaris Kelurahan ${namaK0} (demo)`, [kel('sekretaris_kelurahan')], pegSekretaris ? { nip: pegSekretaris.nip! } : {}),
    lurah: await akun(kernel, actor, DEMO_USERNAMES.lurah, pegLurah ? `${fullName(pegLurah)} (demo)` : `Lurah ${namaK0} (demo)`, [kel('lurah')], pegLurah ? { nip: pegLurah.nip! } : {}),
    camat: kantorKec ? await akun(kernel, actor, DEMO_USERNAMES.camat, `Camat ${titleCase(namaKecamatan.get(DEMO_KECAMATAN) ?? '')} (demo)`, [{ role: 'camat', scopeCode: kantorKec.kode }], {}) : null,
  };
  const grant = (role: string, kode: string): Grant => ({ role, scopeType: 'kelurahan', scopeCode: kode });
  const wargaP = principalOf(ids.warga, DEMO_USERNAMES.warga, wargaFull.nama, [{ role: 'warga', scopeType: 'self', scopeCode: null }], { nik: wargaFull.nik });
  const petugasK0 = principalOf(ids.petugas, DEMO_USERNAMES.petugas, `Petugas Kelurahan ${namaK0} (demo)`, [grant('petugas_kelurahan', k0.kode)]);
  const lurahK0 = principalOf(ids.lurah, DEMO_USERNAMES.lurah, `Lurah ${namaK0} (demo)`, [grant('lurah', k0.kode)], pegLurah ? { nip: pegLurah.nip! } : {});
  const sekretarisK0 = principalOf(ids.sekretaris, DEMO_USERNAMES.sekretaris, `Sekretaris Kelurahan ${namaK0} (demo)`, [grant('sekretaris_kelurahan', k0.kode)]);
  const penyemai = principalOf(PENYEMAI, 'demo', 'demo', []);
  const signer = (p: PegawaiItem | undefined): Penandatangan | null => (p?.nip ? { nip: p.nip, nama: fullName(p) } : null);

  const kantor = new Map<string, Kantor>();
  kantor.set(k0.kode, {
    nama: namaK0, petugas: petugasK0, lurah: lurahK0, ttdLurah: signer(pegLurah), ttdSekretaris: signer(pegSekretaris),
    cerita: { petugas: userActor(petugasK0), lurah: userActor(lurahK0), sekretaris: userActor(sekretarisK0) },
  });
  // Other kelurahan sign with their own office's employees; an office without any borrows one of
  // its kecamatan office (else of the city), a different one each time, never a demo account's.
  const demoSigners = new Set([pegLurah?.nip, pegSekretaris?.nip].filter((nip): nip is string => Boolean(nip)));
  const pinjaman = new Map<string, PegawaiItem[]>();
  let dipinjam = 0;
  const pinjam = async (kodeKecamatan: string): Promise<PegawaiItem | undefined> => {
    if (!pinjaman.has(kodeKecamatan)) {
      const office = await opdOf(kernel, 'kecamatan', kodeKecamatan);
      const list = office ? await pegawaiBerNip(kernel, office.kode, demoSigners) : [];
      pinjaman.set(kodeKecamatan, list.length > 0 ? list : await pegawaiBerNip(kernel, null, demoSigners));
    }
    const list = pinjaman.get(kodeKecamatan)!;
    return list.length > 0 ? list[dipinjam++ % list.length] : undefined;
  };
  for (const t of tempat.slice(1)) {
    const office = await opdOf(kernel, 'kelurahan', t.kode);
    const staf = office ? await pegawaiBerNip(kernel, office.kode, demoSigners) : [];
    const [a, b] = staf.length > 0 ? staf : [await pinjam(t.kode.slice(0, 8))];
    kantor.set(t.kode, {
      nama: t.nama,
      petugas: principalOf(PENYEMAI, 'demo', `Petugas Kelurahan ${t.nama}`, [grant('petugas_kelurahan', t.kode)]),
      lurah: principalOf(PENYEMAI, 'demo', `Lurah ${t.nama}`, [grant('lurah', t.kode)]),
      ttdLurah: signer(a), ttdSekretaris: signer(b), cerita: null,
    });
  }

  // ---- phase 1: each request through the services, up to its letter
  const limits = { maxBytes: kernel.config.layananMaxFileBytes, maxFiles: kernel.config.layananMaxFiles };
  const png = contohPng();
  const pdfs = new Map<string, Promise<Buffer>>();
  const jenisByKode = new Map(jenis.map((j) => [j.kode, j]));
  const bytesOf = (b: Rencana['berkas'][number], kodeJenis: string) => {
    if (b.tipe === 'png') return Promise.resolve(png);
    const label = jenisByKode.get(kodeJenis)?.syarat.find((s) => s.name === b.syarat)?.label ?? b.syarat;
    if (!pdfs.has(label)) pdfs.set(label, contohPdf(label));
    return pdfs.get(label)!;
  };
  const jejak: Jejak[] = [];
  const terbit: { id: string; at: string; kode: string; sebagai: 'lurah' | 'sekretaris' }[] = [];
  // Kelurahan by kelurahan, a few at once: each one's requests in plan order (the numbers are taken in phase 2).
  const byKelurahan = new Map<string, Rencana[]>();
  for (const r of rencana) byKelurahan.set(r.kodeKelurahan, [...(byKelurahan.get(r.kodeKelurahan) ?? []), r]);
  const antrean = [...byKelurahan.values()];
  const proses = async (r: Rencana) => {
    const office = kantor.get(r.kodeKelurahan)!;
    const pemohon = (await getPendudukLengkap(kernel.db, r.pemohonId))!;
    const data = { ...r.data };
    if (r.almarhumId) data.nik_almarhum = (await getPendudukLengkap(kernel.db, r.almarhumId))!.nik;
    const pembuat = r.kanal === 'loket' ? office.petugas : r.akunWarga ? wargaP : penyemai;
    const { row } = await ajukan(kernel, actor, pembuat, pemohon.nik, r.kanal, { jenis: r.jenis, data, email: null, telepon: null }, undefined);
    const wargaPelaku: Pelaku = { kind: 'warga', nik: pemohon.nik };
    const stafPelaku = await pelakuStaf(kernel.db, office.petugas, PROSES);
    const cerita = office.cerita;
    const residentActor = r.akunWarga ? userActor(wargaP) : null;
    const j: Jejak = {
      id: row.id, sla: row.jenis.slaHari, dibuat: r.diajukanAt, diajukan: r.diajukanAt,
      riwayat: [{ at: r.diajukanAt, actor: r.kanal === 'loket' ? (cerita?.petugas ?? null) : residentActor }], lampiran: new Map(), selesai: null,
    };
    jejak.push(j);
    const upload = async (b: Rencana['berkas'][number], at: string) => {
      const l = await unggah(kernel, actor, r.kanal === 'loket' ? stafPelaku : wargaPelaku, row.id, b.syarat, b.nama, await bytesOf(b, r.jenis), limits);
      j.lampiran.set(b.syarat, { id: l.id, dibuat: at, diperiksa: null });
    };
    const after = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();
    for (const [n, b] of r.berkas.entries()) await upload(b, after(r.diajukanAt, 1 + n));
    for (const step of r.langkah) {
      switch (step.jenis) {
        case 'ambil':
          await ambil(kernel, actor, office.petugas, row.id);
          j.riwayat.push({ at: step.at, actor: cerita?.petugas ?? null });
          break;
        case 'periksa':
          for (const [syarat, l] of j.lampiran) {
            if (l.diperiksa) continue;
            const sah = syarat !== step.tidakSah;
            await verifikasiLampiran(kernel, actor, stafPelaku, row.id, l.id, sah, sah ? null : step.catatan);
            l.diperiksa = step.at;
          }
          break;
        case 'perbaikan':
          await mintaPerbaikan(kernel, actor, office.petugas, row.id, step.catatan);
          j.riwayat.push({ at: step.at, actor: cerita?.petugas ?? null });
          break;
        case 'unggah_ulang': {
          const b = r.berkas.find((x) => x.syarat === step.syarat);
          if (b) await upload({ ...b, nama: b.nama.replace(/\.(png|pdf)$/, '-baru.$1') }, step.at);
          break;
        }
        case 'ajukan_ulang':
          await ajukanUlang(kernel, actor, pemohon.nik, row.id, { catatan: step.catatan });
          j.riwayat.push({ at: step.at, actor: r.kanal === 'loket' ? (cerita?.petugas ?? null) : residentActor });
          j.diajukan = step.at;
          break;
        case 'teruskan':
          await teruskan(kernel, actor, office.petugas, row.id, step.catatan);
          j.riwayat.push({ at: step.at, actor: cerita?.petugas ?? null });
          break;
        case 'tolak':
          await tolak(kernel, actor, step.oleh === 'lurah' ? office.lurah : office.petugas, row.id, step.alasan);
          j.riwayat.push({ at: step.at, actor: (step.oleh === 'lurah' ? cerita?.lurah : cerita?.petugas) ?? null });
          j.selesai = step.at;
          break;
        case 'batal':
          await batal(kernel, actor, pemohon.nik, row.id, step.alasan);
          j.riwayat.push({ at: step.at, actor: residentActor });
          break;
        case 'terbit': {
          const sebagai = row.jenis.penandatangan === 'sekretaris' && office.ttdSekretaris ? 'sekretaris' : 'lurah';
          terbit.push({ id: row.id, at: step.at, kode: r.kodeKelurahan, sebagai });
          j.riwayat.push({ at: step.at, actor: (sebagai === 'lurah' ? cerita?.lurah : cerita?.sekretaris) ?? null });
          j.selesai = step.at;
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: KONKURENSI }, async () => {
    for (let group = antrean.shift(); group; group = antrean.shift()) for (const r of group) await proses(r);
  }));

  // ---- phase 2: letters in date order, so each sequence's numbers rise with the dates
  const baseUrl = baseUrlOf(kernel.config);
  terbit.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  for (const t of terbit) {
    const office = kantor.get(t.kode)!;
    const ttd = t.sebagai === 'sekretaris' ? office.ttdSekretaris : office.ttdLurah;
    if (!ttd) throw new Error(`demo: no employee with a NIP to sign letters of ${office.nama}`);
    await terbitkanPada(kernel, actor, t.id, new Date(t.at), t.sebagai, ttd, baseUrl);
  }

  // ---- phase 3: the planned dates, and the demo accounts named in the demo kelurahan's timelines
  await kernel.db.transaction().execute(async (trx) => {
    for (const j of jejak) {
      const jatuhTempo = addWorkingDays(dayWib(new Date(j.diajukan)), j.sla, holidays);
      const updated = j.riwayat.at(-1)!.at;
      await sql`UPDATE layanan.permohonan SET created_at = ${j.dibuat}::timestamptz, diajukan_at = ${j.diajukan}::timestamptz, jatuh_tempo = ${jatuhTempo}::date,
          updated_at = ${updated}::timestamptz, selesai_at = ${j.selesai}::timestamptz
        WHERE id = ${j.id}::uuid`.execute(trx);
      const at = j.riwayat.map((s) => s.at);
      const type = j.riwayat.map((s) => s.actor?.type ?? null);
      const actorId = j.riwayat.map((s) => s.actor?.id ?? null);
      const name = j.riwayat.map((s) => s.actor?.name ?? null);
      await sql`UPDATE layanan.permohonan_riwayat r SET at = t.at,
          actor_type = coalesce(t.actor_type, r.actor_type), actor_id = CASE WHEN t.actor_type IS NULL THEN r.actor_id ELSE t.actor_id END,
          actor_name = coalesce(t.actor_name, r.actor_name)
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM layanan.permohonan_riwayat WHERE permohonan_id = ${j.id}::uuid) o
        JOIN unnest(${at}::timestamptz[], ${type}::text[], ${actorId}::text[], ${name}::text[]) WITH ORDINALITY AS t (at, actor_type, actor_id, actor_name, n) USING (n)
        WHERE r.id = o.id`.execute(trx);
      const files = [...j.lampiran.values()];
      if (files.length > 0) {
        await sql`UPDATE layanan.lampiran l SET created_at = t.dibuat, diverifikasi_at = CASE WHEN l.diverifikasi_at IS NULL THEN NULL ELSE t.diperiksa END
          FROM unnest(${files.map((f) => f.id)}::uuid[], ${files.map((f) => f.dibuat)}::timestamptz[], ${files.map((f) => f.diperiksa)}::timestamptz[]) AS t (id, dibuat, diperiksa)
          WHERE l.id = t.id`.execute(trx);
      }
    }
    const count = (status: Status) => rencana.filter((r) => r.akhir === status).length;
    await recordAudit(trx, actor, {
      action: 'layanan.demo_seeded',
      entityType: 'layanan',
      entityId: null,
      after: {
        scale, kelurahan: tempat.length, permohonan: jejak.length, surat: terbit.length, akun: Object.values(DEMO_USERNAMES),
        status: Object.fromEntries(['baru', 'verifikasi', 'perlu_perbaikan', 'menunggu_ttd', 'selesai', 'ditolak', 'dibatalkan'].map((s) => [s, count(s as Status)])),
        catatan: 'Tanggal pengajuan, riwayat, berkas dan surat dimundurkan ke tanggal rencana demo; jejak audit mencatat waktu penyemaian.',
      },
    });
  });
  await sql`ANALYZE layanan.permohonan, layanan.permohonan_riwayat, layanan.lampiran, layanan.surat`.execute(kernel.db);
}

/**
 * The start-up lines about the demo accounts (when they exist): which kelurahan, the names and
 * the shared password. Short on purpose; the README has the walk-through.
 */
export async function demoAccountLines(kernel: Kernel): Promise<string[]> {
  const found: string[] = [];
  for (const username of Object.values(DEMO_USERNAMES)) if (await findUserIdByUsername(kernel.db, username)) found.push(username);
  if (found.length === 0) return [];
  return [
    `Akun demo e-kelurahan (Kelurahan Ganting Parak Gadang), kata sandi "${DEMO_PASSWORD}":`,
    `  ${found.join(', ')}   (lihat README.md, bagian E-kelurahan)`,
  ];
}
