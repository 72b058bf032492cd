/**
 * The agencies (OPD) of a typical kota government, shaped after Kota Padang's, with SIPD-style
 * unit codes `U.BB.0.00.0.00.NN.0000` built from the bidang urusan codes of Permendagri 90/2019
 * (see reference/domain-indonesia.md §6). Demo data: the real list comes from the city's SOTK.
 */
export type OpdJenis = 'sekretariat' | 'dinas' | 'badan' | 'inspektorat' | 'kecamatan' | 'kelurahan' | 'rsud' | 'satpol_pp' | 'lainnya';

export interface DemoOpd {
  kode: string;
  nama: string;
  singkatan: string;
  jenis: OpdJenis;
}

const unit = (bidang: string, n = 1) => `${bidang}.0.00.0.00.${String(n).padStart(2, '0')}.0000`;

export const padangOpd: DemoOpd[] = [
  { kode: unit('4.01'), nama: 'Sekretariat Daerah', singkatan: 'Setda', jenis: 'sekretariat' },
  { kode: unit('4.02'), nama: 'Sekretariat Dewan Perwakilan Rakyat Daerah', singkatan: 'Setwan', jenis: 'sekretariat' },
  { kode: unit('6.01'), nama: 'Inspektorat', singkatan: 'Inspektorat', jenis: 'inspektorat' },
  { kode: unit('5.01'), nama: 'Badan Perencanaan Pembangunan Daerah', singkatan: 'Bappeda', jenis: 'badan' },
  { kode: unit('5.02'), nama: 'Badan Keuangan Daerah', singkatan: 'BKD', jenis: 'badan' },
  { kode: unit('5.02', 2), nama: 'Badan Pendapatan Daerah', singkatan: 'Bapenda', jenis: 'badan' },
  { kode: unit('5.03'), nama: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia', singkatan: 'BKPSDM', jenis: 'badan' },
  { kode: unit('5.05'), nama: 'Badan Penelitian dan Pengembangan', singkatan: 'Balitbang', jenis: 'badan' },
  { kode: unit('1.05', 2), nama: 'Badan Penanggulangan Bencana Daerah', singkatan: 'BPBD', jenis: 'badan' },
  { kode: unit('8.01'), nama: 'Badan Kesatuan Bangsa dan Politik', singkatan: 'Kesbangpol', jenis: 'badan' },
  { kode: unit('1.01'), nama: 'Dinas Pendidikan', singkatan: 'Disdik', jenis: 'dinas' },
  { kode: unit('1.02'), nama: 'Dinas Kesehatan', singkatan: 'Dinkes', jenis: 'dinas' },
  { kode: unit('1.02', 2), nama: 'Rumah Sakit Umum Daerah dr. Rasidin', singkatan: 'RSUD Rasidin', jenis: 'rsud' },
  { kode: unit('1.03'), nama: 'Dinas Pekerjaan Umum dan Penataan Ruang', singkatan: 'Dinas PUPR', jenis: 'dinas' },
  { kode: unit('1.04'), nama: 'Dinas Perumahan Rakyat, Kawasan Permukiman dan Pertanahan', singkatan: 'Disperkimtan', jenis: 'dinas' },
  { kode: unit('1.05'), nama: 'Satuan Polisi Pamong Praja', singkatan: 'Satpol PP', jenis: 'satpol_pp' },
  { kode: unit('1.05', 3), nama: 'Dinas Pemadam Kebakaran', singkatan: 'Damkar', jenis: 'dinas' },
  { kode: unit('1.06'), nama: 'Dinas Sosial', singkatan: 'Dinsos', jenis: 'dinas' },
  { kode: unit('2.07'), nama: 'Dinas Tenaga Kerja dan Perindustrian', singkatan: 'Disnakerin', jenis: 'dinas' },
  { kode: unit('2.08'), nama: 'Dinas Pemberdayaan Perempuan dan Perlindungan Anak', singkatan: 'DP3A', jenis: 'dinas' },
  { kode: unit('2.09'), nama: 'Dinas Pangan', singkatan: 'Dispangan', jenis: 'dinas' },
  { kode: unit('2.11'), nama: 'Dinas Lingkungan Hidup', singkatan: 'DLH', jenis: 'dinas' },
  { kode: unit('2.12'), nama: 'Dinas Kependudukan dan Pencatatan Sipil', singkatan: 'Disdukcapil', jenis: 'dinas' },
  { kode: unit('2.14'), nama: 'Dinas Pengendalian Penduduk dan Keluarga Berencana', singkatan: 'DPPKB', jenis: 'dinas' },
  { kode: unit('2.15'), nama: 'Dinas Perhubungan', singkatan: 'Dishub', jenis: 'dinas' },
  { kode: unit('2.16'), nama: 'Dinas Komunikasi dan Informatika', singkatan: 'Diskominfo', jenis: 'dinas' },
  { kode: unit('2.17'), nama: 'Dinas Koperasi dan Usaha Mikro', singkatan: 'Diskop UM', jenis: 'dinas' },
  { kode: unit('2.18'), nama: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', singkatan: 'DPMPTSP', jenis: 'dinas' },
  { kode: unit('2.19'), nama: 'Dinas Pemuda dan Olahraga', singkatan: 'Dispora', jenis: 'dinas' },
  { kode: unit('2.22'), nama: 'Dinas Kebudayaan', singkatan: 'Disbud', jenis: 'dinas' },
  { kode: unit('2.23'), nama: 'Dinas Perpustakaan dan Kearsipan', singkatan: 'Dispussip', jenis: 'dinas' },
  { kode: unit('3.25'), nama: 'Dinas Kelautan dan Perikanan', singkatan: 'DKP', jenis: 'dinas' },
  { kode: unit('3.26'), nama: 'Dinas Pariwisata', singkatan: 'Dispar', jenis: 'dinas' },
  { kode: unit('3.27'), nama: 'Dinas Pertanian', singkatan: 'Distan', jenis: 'dinas' },
  { kode: unit('3.30'), nama: 'Dinas Perdagangan', singkatan: 'Disdag', jenis: 'dinas' },
];
