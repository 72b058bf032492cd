import type { Kernel } from '../../core/kernel.js';
import type { DemoContext } from '../demo/context.js';
import { listOpd, type Opd } from '../organisasi/index.js';
import { importSipd, SIPD_COLUMNS } from './import-sipd.js';
import { tahunIni } from './model.js';

/** One sub-kegiatan of the demo catalogue, with its ancestors' names and an indicator. */
interface Entry {
  kode: string;
  nama: string;
  indikator: string;
  satuan: string;
  /** Typical pagu range in millions of Rupiah. */
  juta: [number, number];
}

const NAMES: Record<string, string> = {
  X: 'Unsur Penunjang (Non-Urusan)',
  'X.XX': 'Penunjang Urusan Pemerintahan',
  'X.XX.01': 'PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA',
  'X.XX.01.2.02': 'Administrasi Keuangan Perangkat Daerah',
  'X.XX.01.2.06': 'Administrasi Umum Perangkat Daerah',
  '1': 'Urusan Pemerintahan Wajib yang Berkaitan dengan Pelayanan Dasar',
  '1.01': 'Pendidikan',
  '1.01.02': 'Program Pengelolaan Pendidikan',
  '1.01.02.2.01': 'Pengelolaan Pendidikan Sekolah Dasar',
  '1.02': 'Kesehatan',
  '1.02.02': 'Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat',
  '1.02.02.2.02': 'Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota',
  '1.03': 'Pekerjaan Umum dan Penataan Ruang',
  '1.03.10': 'Program Penyelenggaraan Jalan',
  '1.03.10.2.01': 'Penyelenggaraan Jalan Kabupaten/Kota',
  '2': 'Urusan Pemerintahan Wajib yang Tidak Berkaitan dengan Pelayanan Dasar',
  '2.16': 'Komunikasi dan Informatika',
  '2.16.02': 'Program Pengelolaan Informasi dan Komunikasi Publik',
  '2.16.02.2.01': 'Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah Kabupaten/Kota',
};

/** Every agency has the program penunjang. */
const PENUNJANG: Entry[] = [
  { kode: 'X.XX.01.2.02.0001', nama: 'Penyediaan Gaji dan Tunjangan ASN', indikator: 'Jumlah Orang yang Menerima Gaji dan Tunjangan ASN', satuan: 'orang/bulan', juta: [1_500, 25_000] },
  { kode: 'X.XX.01.2.06.0001', nama: 'Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor', indikator: 'Jumlah Paket Komponen Instalasi Listrik yang Disediakan', satuan: 'paket', juta: [20, 150] },
  { kode: 'X.XX.01.2.06.0002', nama: 'Penyediaan Peralatan dan Perlengkapan Kantor', indikator: 'Jumlah Paket Peralatan dan Perlengkapan Kantor yang Disediakan', satuan: 'paket', juta: [50, 400] },
];

/** Sub-kegiatan of the agencies whose name says what they do. */
const BY_NAME: [RegExp, Entry[]][] = [
  [/pendidikan/i, [
    { kode: '1.01.02.2.01.0009', nama: 'Rehabilitasi Sedang/Berat Ruang Kelas Sekolah', indikator: 'Jumlah Ruang Kelas yang Direhabilitasi', satuan: 'unit', juta: [1_000, 8_000] },
    { kode: '1.01.02.2.01.0026', nama: 'Pengadaan Perlengkapan Sekolah', indikator: 'Jumlah Paket Perlengkapan Sekolah yang Disediakan', satuan: 'paket', juta: [300, 2_500] },
  ]],
  [/kesehatan/i, [
    { kode: '1.02.02.2.02.0008', nama: 'Pengelolaan Pelayanan Kesehatan Penderita Hipertensi', indikator: 'Jumlah Penderita Hipertensi yang Mendapatkan Pelayanan Kesehatan', satuan: 'orang', juta: [100, 900] },
    { kode: '1.02.02.2.02.0003', nama: 'Pengelolaan Pelayanan Kesehatan Balita', indikator: 'Jumlah Balita yang Mendapatkan Pelayanan Kesehatan', satuan: 'orang', juta: [150, 1_200] },
  ]],
  [/pekerjaan umum|PUPR/i, [
    { kode: '1.03.10.2.01.0017', nama: 'Rehabilitasi Jalan', indikator: 'Panjang Jalan yang Direhabilitasi', satuan: 'km', juta: [2_000, 20_000] },
  ]],
  [/komunikasi|informatika|kominfo/i, [
    { kode: '2.16.02.2.01.0002', nama: 'Pengelolaan Konten dan Perencanaan Media Komunikasi Publik', indikator: 'Jumlah Konten Informasi yang Dipublikasikan', satuan: 'konten', juta: [100, 700] },
  ]],
];

const csvField = (value: string) => (/[",;\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** This fiscal year's budget lines for the demo agencies (not the kelurahan offices), through the SIPD import. */
export async function seedProgram(kernel: Kernel, context: DemoContext): Promise<void> {
  const opds: Opd[] = [];
  let cursor: string | undefined;
  do {
    const page = await listOpd(kernel.db, { limit: 200, ...(cursor ? { cursor } : {}) });
    opds.push(...(page.items as Opd[]));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const agencies = opds.filter((opd) => opd.jenis !== 'kelurahan');
  if (agencies.length === 0) return;

  const tahun = tahunIni();
  const lines = [SIPD_COLUMNS.join(',')];
  const { random } = context;
  for (const opd of agencies) {
    const own = BY_NAME.filter(([pattern]) => pattern.test(opd.nama)).flatMap(([, entries]) => entries);
    const entries = [...PENUNJANG.filter(() => random.chance(0.8)), ...own];
    for (const entry of entries.length > 0 ? entries : PENUNJANG.slice(0, 1)) {
      const parts = entry.kode.split('.');
      const at = (n: number) => parts.slice(0, n).join('.');
      // Pagu in whole thousands of Rupiah, as budgets are written.
      const pagu = random.int(entry.juta[0] * 1_000, entry.juta[1] * 1_000) * 1_000;
      const target = entry.satuan === 'km' ? random.int(5, 40) : random.int(1, 500);
      const row: Record<(typeof SIPD_COLUMNS)[number], string> = {
        tahun: String(tahun), kode_opd: opd.kode, nama_opd: opd.nama,
        kode_urusan: at(1), nama_urusan: NAMES[at(1)]!, kode_bidang_urusan: at(2), nama_bidang_urusan: NAMES[at(2)]!,
        kode_program: at(3), nama_program: NAMES[at(3)]!, kode_kegiatan: at(5), nama_kegiatan: NAMES[at(5)]!,
        kode_sub_kegiatan: entry.kode, nama_sub_kegiatan: entry.nama,
        pagu: String(pagu), indikator: entry.indikator, satuan: entry.satuan, target: String(target),
      };
      lines.push(SIPD_COLUMNS.map((column) => csvField(row[column])).join(','));
    }
  }
  await importSipd(kernel, context.actor, `${lines.join('\n')}\n`);
}
