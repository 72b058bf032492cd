/**
 * The starting data of e-kelurahan, seeded once (idempotent) and then edited by admins:
 * twelve common kelurahan letters (shared/reference/domain-indonesia.md §4, after OpenSID's
 * letter types and requirements) and the 2026 holidays.
 */
import type { JenisInput } from './katalog.js';

export const DEFAULT_FORMAT_NOMOR = '[kode_surat]/[nomor,3]/[kode_kelurahan]/[bulan_romawi]/[tahun]';

const PEMBUKA = 'Yang bertanda tangan di bawah ini, Lurah [kelurahan], Kecamatan [kecamatan], [kota], dengan ini menerangkan bahwa:';

const KEPERLUAN = { name: 'keperluan', label: { id: 'Keperluan', en: 'Purpose' }, type: 'text', required: true, minLength: 5, maxLength: 200 } as const;

const PENGANTAR_RT = { name: 'pengantar_rt', label: 'Surat Pengantar RT/RW', required: true };
const KTP = { name: 'ktp', label: 'KTP-el', required: true };
const KK = { name: 'kk', label: 'Kartu Keluarga', required: true };

const text = (name: string, id: string, en: string, required = true, maxLength = 200) =>
  ({ name, label: { id, en }, type: 'text' as const, required, minLength: required ? 1 : 0, maxLength });
const date = (name: string, id: string, en: string, required = true) => ({ name, label: { id, en }, type: 'date' as const, required });
const number = (name: string, id: string, en: string, min = 0, max = 1_000_000_000_000) => ({ name, label: { id, en }, type: 'number' as const, required: true, min, max });
const select = (name: string, id: string, en: string, options: string[]) => ({ name, label: { id, en }, type: 'select' as const, required: true, options });

export const SEED_JENIS: JenisInput[] = [
  {
    kode: 'domisili',
    kodeSurat: '470',
    nama: 'Surat Keterangan Domisili',
    deskripsi: 'Menerangkan bahwa pemohon berdomisili di kelurahan ini.',
    fields: [KEPERLUAN],
    syarat: [PENGANTAR_RT, KTP, KK],
    slaHari: 1,
    penandatangan: 'lurah',
    masaBerlaku: { nilai: 6, satuan: 'bulan' },
    template: {
      judul: 'SURAT KETERANGAN DOMISILI',
      pembuka: PEMBUKA,
      isi: [
        'Orang tersebut di atas benar berdomisili di [alamat], [kota].',
        'Surat keterangan ini diberikan untuk keperluan: [keperluan].',
        'Demikian surat keterangan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.',
      ],
    },
    online: true,
  },
  {
    kode: 'sktm',
    kodeSurat: '400.7',
    nama: 'Surat Keterangan Tidak Mampu (SKTM)',
    deskripsi: 'Menerangkan bahwa keluarga pemohon tergolong tidak mampu; pemohon adalah kepala keluarga.',
    fields: [KEPERLUAN, number('penghasilan', 'Penghasilan keluarga per bulan (Rp)', 'Household income per month (Rp)'), number('tanggungan', 'Jumlah tanggungan', 'Number of dependants', 0, 30)],
    syarat: [PENGANTAR_RT, KTP, KK, { name: 'foto_rumah', label: 'Foto rumah', required: true }, { name: 'pernyataan', label: 'Surat pernyataan tidak mampu', required: true }],
    slaHari: 2,
    penandatangan: 'lurah',
    masaBerlaku: { nilai: 3, satuan: 'bulan' },
    template: {
      judul: 'SURAT KETERANGAN TIDAK MAMPU',
      pembuka: PEMBUKA,
      isi: [
        'Orang tersebut di atas adalah penduduk Kelurahan [kelurahan] yang menurut pengantar RT/RW dan pemeriksaan kami tergolong keluarga tidak mampu, dengan penghasilan keluarga sekitar Rp[penghasilan] per bulan dan [tanggungan] orang tanggungan.',
        'Surat keterangan ini diberikan untuk keperluan: [keperluan].',
        'Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.',
      ],
    },
    online: true,
  },
  {
    kode: 'usaha',
    kodeSurat: '500',
    nama: 'Surat Keterangan Usaha',
    deskripsi: 'Menerangkan bahwa pemohon menjalankan usaha di kelurahan ini.',
    fields: [text('nama_usaha', 'Nama usaha', 'Business name'), text('jenis_usaha', 'Jenis usaha', 'Kind of business'), text('alamat_usaha', 'Alamat usaha', 'Business address'), KEPERLUAN],
    syarat: [PENGANTAR_RT, KTP, KK, { name: 'foto_usaha', label: 'Foto tempat usaha', required: false }],
    slaHari: 2,
    penandatangan: 'lurah',
    masaBerlaku: { nilai: 1, satuan: 'bulan' },
    template: {
      judul: 'SURAT KETERANGAN USAHA',
      pembuka: PEMBUKA,
      isi: [
        'Orang tersebut di atas benar menjalankan usaha [jenis_usaha] dengan nama "[nama_usaha]" yang berlokasi di [alamat_usaha], Kelurahan [kelurahan].',
        'Surat keterangan ini diberikan untuk keperluan: [keperluan].',
        'Demikian surat keterangan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.',
      ],
    },
    online: true,
  },
  {
    kode: 'pengantar-nikah',
    kodeSurat: '474.2',
    nama: 'Surat Pengantar Nikah (N1)',
    deskripsi: 'Model N1: pengantar dari kelurahan untuk pendaftaran kehendak nikah di KUA atau catatan sipil.',
    fields: [
      text('bin_binti', 'Bin/binti (nama ayah)', 'Son/daughter of (father’s name)'),
      text('nama_ayah', 'Nama ayah', 'Father’s name'),
      text('nama_ibu', 'Nama ibu', 'Mother’s name'),
      text('nama_pasangan', 'Nama calon pasangan', 'Name of the intended spouse'),
      date('tanggal_nikah', 'Rencana tanggal nikah', 'Planned wedding date'),
      text('tempat_nikah', 'Rencana tempat nikah', 'Planned wedding place'),
      text('istri_suami_terdahulu', 'Nama istri/suami terdahulu (bila ada)', 'Former spouse (if any)', false),
    ],
    syarat: [PENGANTAR_RT, KTP, KK, { name: 'akta_lahir', label: 'Akta Kelahiran', required: true }, { name: 'pas_foto', label: 'Pas foto 2x3', required: true }, { name: 'akta_cerai', label: 'Akta cerai / surat kematian pasangan (bila ada)', required: false }],
    slaHari: 2,
    penandatangan: 'lurah',
    masaBerlaku: null,
    template: {
      judul: 'SURAT PENGANTAR NIKAH',
      pembuka: PEMBUKA,
      rincian: [
        ['Nama', '[nama]'], ['Bin/Binti', '[bin_binti]'], ['NIK', '[nik]'], ['Jenis Kelamin', '[jenis_kelamin]'], ['Tempat/Tgl. Lahir', '[ttl]'],
        ['Kewarganegaraan', '[kewarganegaraan]'], ['Agama', '[agama]'], ['Pekerjaan', '[pekerjaan]'], ['Alamat', '[alamat]'], ['Status Perkawinan', '[status_kawin]'],
        ['Istri/Suami Terdahulu', '[istri_suami_terdahulu]'],
      ],
      isi: [
        'Adalah benar anak dari pasangan [nama_ayah] dan [nama_ibu], yang bermaksud melangsungkan pernikahan dengan [nama_pasangan] pada tanggal [tanggal_nikah] di [tempat_nikah].',
        'Demikian surat pengantar ini dibuat dengan mengingat sumpah jabatan dan untuk dipergunakan sebagaimana mestinya.',
      ],
    },
    online: true,
  },
  {
    kode: 'kematian',
    kodeSurat: '474.3',
    nama: 'Surat Keterangan Kematian',
    deskripsi: 'Diajukan oleh pelapor (keluarga) tentang anggota keluarga yang meninggal dunia.',
    fields: [
      text('nama_almarhum', 'Nama yang meninggal', 'Name of the deceased'),
      text('nik_almarhum', 'NIK yang meninggal', 'NIK of the deceased', true, 16),
      date('tanggal_meninggal', 'Tanggal meninggal', 'Date of death'),
      text('tempat_meninggal', 'Tempat meninggal', 'Place of death'),
      text('sebab_meninggal', 'Sebab meninggal', 'Cause of death'),
      text('hubungan_pelapor', 'Hubungan pelapor dengan yang meninggal', 'Reporter’s relationship to the deceased'),
    ],
    syarat: [PENGANTAR_RT, { name: 'ktp_pelapor', label: 'KTP pelapor', required: true }, { name: 'ktp_almarhum', label: 'KTP yang meninggal', required: true }, KK, { name: 'surat_rs', label: 'Surat kematian dari rumah sakit/puskesmas', required: false }, { name: 'ktp_saksi', label: 'KTP 2 orang saksi', required: true }],
    slaHari: 1,
    penandatangan: 'lurah',
    masaBerlaku: null,
    template: {
      judul: 'SURAT KETERANGAN KEMATIAN',
      pembuka: 'Yang bertanda tangan di bawah ini, Lurah [kelurahan], Kecamatan [kecamatan], [kota], berdasarkan laporan dari:',
      isi: [
        'Menerangkan bahwa [nama_almarhum] (NIK [nik_almarhum]) telah meninggal dunia pada tanggal [tanggal_meninggal] di [tempat_meninggal] karena [sebab_meninggal].',
        'Pelapor adalah [hubungan_pelapor] dari yang meninggal.',
        'Demikian surat keterangan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.',
      ],
    },
    online: true,
  },
  {
    kode: 'kelahiran',
    kodeSurat: '474.1',
    nama: 'Surat Keterangan Kelahiran',
    deskripsi: 'Diajukan oleh orang tua atau pelapor untuk kelahiran anak.',
    fields: [
      text('nama_anak', 'Nama anak', 'Child’s name'),
      select('jenis_kelamin_anak', 'Jenis kelamin anak', 'Child’s sex', ['Laki-laki', 'Perempuan']),
      date('tanggal_lahir_anak', 'Tanggal lahir anak', 'Child’s birth date'),
      text('tempat_lahir_anak', 'Tempat lahir anak', 'Child’s birthplace'),
      number('anak_ke', 'Anak ke-', 'Birth order', 1, 30),
      text('nama_ibu', 'Nama ibu', 'Mother’s name'),
      text('nama_ayah', 'Nama ayah', 'Father’s name'),
      text('penolong', 'Penolong kelahiran', 'Birth attendant', false),
    ],
    syarat: [{ name: 'surat_bidan', label: 'Surat keterangan lahir dari bidan/dokter', required: true }, KK, { name: 'ktp_orang_tua', label: 'KTP orang tua', required: true }, { name: 'buku_nikah', label: 'Buku nikah/akta perkawinan orang tua', required: true }, { name: 'ktp_saksi', label: 'KTP 2 orang saksi', required: false }],
    slaHari: 1,
    penandatangan: 'lurah',
    masaBerlaku: null,
    template: {
      judul: 'SURAT KETERANGAN KELAHIRAN',
      pembuka: 'Yang bertanda tangan di bawah ini, Lurah [kelurahan], Kecamatan [kecamatan], [kota], berdasarkan laporan dari:',
      isi: [
        'Menerangkan bahwa pada tanggal [tanggal_lahir_anak] di [tempat_lahir_anak] telah lahir seorang anak [jenis_kelamin_anak] bernama [nama_anak], anak ke-[anak_ke] dari ibu [nama_ibu] dan ayah [nama_ayah].',
        'Demikian surat keterangan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.',
      ],
    },
    online: true,
  },
  {
    kode: 'pindah',
    kodeSurat: '474.4',
    nama: 'Surat Keterangan Pindah',
    deskripsi: 'Pengantar pindah domisili ke luar kelurahan.',
    fields: [
      text('alamat_tujuan', 'Alamat tujuan lengkap', 'Full destination address', true, 300),
      text('alasan_pindah', 'Alasan pindah', 'Reason for moving'),
      select('klasifikasi', 'Klasifikasi pindah', 'Kind of move', ['Dalam satu kota', 'Antarkota/kabupaten', 'Antarprovinsi']),
      date('tanggal_pindah', 'Rencana tanggal pindah', 'Planned moving date'),
      number('jumlah_pengikut', 'Jumlah anggota keluarga yang ikut', 'Family members moving along', 0, 30),
    ],
    syarat: [PENGANTAR_RT, KTP, KK],
    slaHari: 2,
    penandatangan: 'lurah',
    masaBerlaku: { nilai: 30, satuan: 'hari' },
    template: {
      judul: 'SURAT KETERANGAN PINDAH',
      pembuka: PEMBUKA,
      isi: [
        'Orang tersebut di atas bermaksud pindah ([klasifikasi]) ke [alamat_tujuan] pada tanggal [tanggal_pindah] dengan alasan [alasan_pindah], diikuti [jumlah_pengikut] orang anggota keluarga.',
        'Demikian surat keterangan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.',
      ],
    },
    online: true,
  },
  {
    kode: 'pengantar-skck',
    kodeSurat: '331',
    nama: 'Surat Pengantar SKCK',
    deskripsi: 'Pengantar ke kepolisian untuk pembuatan Surat Keterangan Catatan Kepolisian.',
    fields: [KEPERLUAN],
    syarat: [PENGANTAR_RT, KTP, KK],
    slaHari: 1,
    penandatangan: 'sekretaris',
    masaBerlaku: { nilai: 1, satuan: 'bulan' },
    template: {
      judul: 'SURAT PENGANTAR SKCK',
      pembuka: PEMBUKA,
      isi: [
        'Orang tersebut di atas adalah penduduk Kelurahan [kelurahan] yang sepanjang pengetahuan kami berkelakuan baik dan tidak pernah tersangkut perkara pidana.',
        'Surat pengantar ini diberikan untuk keperluan pembuatan SKCK guna: [keperluan].',
        'Demikian surat pengantar ini dibuat untuk dapat dipergunakan sebagaimana mestinya.',
      ],
    },
    online: true,
  },
  {
    kode: 'izin-keramaian',
    kodeSurat: '331.1',
    nama: 'Surat Pengantar Izin Keramaian',
    deskripsi: 'Pengantar ke kepolisian untuk izin acara yang mengundang keramaian.',
    fields: [
      text('jenis_acara', 'Jenis acara', 'Kind of event'),
      date('tanggal_acara', 'Tanggal acara', 'Event date'),
      text('waktu_acara', 'Waktu acara (jam)', 'Event time'),
      text('tempat_acara', 'Tempat acara', 'Event venue'),
      number('jumlah_undangan', 'Perkiraan jumlah undangan', 'Expected number of guests', 1, 100000),
    ],
    syarat: [PENGANTAR_RT, KTP],
    slaHari: 2,
    penandatangan: 'lurah',
    masaBerlaku: null,
    template: {
      judul: 'SURAT PENGANTAR IZIN KERAMAIAN',
      pembuka: PEMBUKA,
      isi: [
        'Orang tersebut di atas akan menyelenggarakan [jenis_acara] pada tanggal [tanggal_acara] pukul [waktu_acara] bertempat di [tempat_acara], dengan perkiraan [jumlah_undangan] orang undangan.',
        'Pada prinsipnya kami tidak berkeberatan atas penyelenggaraan acara tersebut, dengan ketentuan tetap menjaga ketertiban dan keamanan lingkungan.',
        'Demikian surat pengantar ini dibuat untuk dapat dipergunakan sebagaimana mestinya.',
      ],
    },
    online: true,
  },
  {
    kode: 'penghasilan-orang-tua',
    kodeSurat: '400.8',
    nama: 'Surat Keterangan Penghasilan Orang Tua',
    deskripsi: 'Untuk keperluan beasiswa atau keringanan biaya pendidikan anak.',
    fields: [
      text('nama_anak', 'Nama anak (siswa/mahasiswa)', 'Student’s name'),
      text('nomor_induk', 'Nomor induk siswa/mahasiswa', 'Student number', false, 40),
      text('sekolah', 'Sekolah/perguruan tinggi', 'School or university'),
      text('kelas', 'Kelas/semester', 'Class or semester', false, 40),
      number('penghasilan_ayah', 'Penghasilan ayah per bulan (Rp)', 'Father’s income per month (Rp)'),
      number('penghasilan_ibu', 'Penghasilan ibu per bulan (Rp)', 'Mother’s income per month (Rp)'),
    ],
    syarat: [KK, PENGANTAR_RT, { name: 'kartu_pelajar', label: 'Kartu pelajar/mahasiswa', required: false }],
    slaHari: 2,
    penandatangan: 'lurah',
    masaBerlaku: { nilai: 3, satuan: 'bulan' },
    template: {
      judul: 'SURAT KETERANGAN PENGHASILAN ORANG TUA',
      pembuka: PEMBUKA,
      isi: [
        'Orang tersebut di atas adalah orang tua dari [nama_anak], siswa/mahasiswa [sekolah] [kelas], dengan penghasilan ayah Rp[penghasilan_ayah] dan penghasilan ibu Rp[penghasilan_ibu] per bulan.',
        'Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.',
      ],
    },
    online: true,
  },
  {
    kode: 'beda-identitas',
    kodeSurat: '471.1',
    nama: 'Surat Keterangan Beda Identitas',
    deskripsi: 'Menerangkan bahwa dua dokumen dengan data berbeda adalah milik orang yang sama.',
    fields: [
      text('dokumen_kedua', 'Dokumen kedua (mis. ijazah, paspor)', 'Second document (e.g. diploma, passport)'),
      text('nomor_dokumen_kedua', 'Nomor dokumen kedua', 'Number of the second document', false, 60),
      text('identitas_kedua', 'Data pada dokumen kedua (nama, tempat/tanggal lahir)', 'Data on the second document (name, place/date of birth)', true, 300),
      text('perbedaan', 'Data yang berbeda', 'What differs'),
    ],
    syarat: [KTP, KK, { name: 'dokumen_kedua', label: 'Dokumen kedua yang berbeda', required: true }],
    slaHari: 2,
    penandatangan: 'lurah',
    masaBerlaku: null,
    template: {
      judul: 'SURAT KETERANGAN BEDA IDENTITAS',
      pembuka: PEMBUKA,
      isi: [
        'Orang tersebut di atas dalam [dokumen_kedua] tercatat dengan data: [identitas_kedua]. Perbedaan data terdapat pada [perbedaan].',
        'Kedua data tersebut adalah benar milik satu orang yang sama, yaitu orang tersebut di atas.',
        'Demikian surat keterangan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.',
      ],
    },
    online: true,
  },
  {
    kode: 'kehilangan',
    kodeSurat: '331.2',
    nama: 'Surat Keterangan Kehilangan',
    deskripsi: 'Pengantar laporan kehilangan barang atau dokumen.',
    fields: [
      text('barang_hilang', 'Barang/dokumen yang hilang', 'Item or document lost'),
      date('tanggal_hilang', 'Tanggal kehilangan', 'Date of the loss'),
      text('tempat_hilang', 'Perkiraan tempat kehilangan', 'Where it was lost'),
    ],
    syarat: [PENGANTAR_RT, KTP],
    slaHari: 1,
    penandatangan: 'sekretaris',
    masaBerlaku: { nilai: 1, satuan: 'bulan' },
    template: {
      judul: 'SURAT KETERANGAN KEHILANGAN',
      pembuka: PEMBUKA,
      isi: [
        'Orang tersebut di atas telah melaporkan kehilangan [barang_hilang] pada tanggal [tanggal_hilang] di sekitar [tempat_hilang].',
        'Surat keterangan ini diberikan sebagai pengantar untuk pelaporan kepada pihak kepolisian dan/atau pengurusan dokumen pengganti.',
        'Demikian surat keterangan ini dibuat untuk dapat dipergunakan sebagaimana mestinya.',
      ],
    },
    online: true,
  },
];

export interface HariLiburSeed {
  tanggal: string;
  nama: string;
  jenis: 'nasional' | 'cuti_bersama' | 'daerah';
  /** The date may still move (lunar calendar, awaiting the government's decision): an admin confirms or corrects it. */
  perkiraan: boolean;
}

/**
 * National holidays and cuti bersama of 2026 after the joint ministerial decree (SKB 3
 * Menteri). Holidays following the Hijri, Saka and Buddhist calendars are marked `perkiraan`:
 * their dates depend on sightings or decisions an admin must confirm through the API.
 */
export const SEED_HARI_LIBUR_2026: HariLiburSeed[] = [
  { tanggal: '2026-01-01', nama: 'Tahun Baru 2026 Masehi', jenis: 'nasional', perkiraan: false },
  { tanggal: '2026-01-16', nama: 'Isra Mikraj Nabi Muhammad SAW', jenis: 'nasional', perkiraan: true },
  { tanggal: '2026-02-16', nama: 'Cuti bersama Tahun Baru Imlek', jenis: 'cuti_bersama', perkiraan: true },
  { tanggal: '2026-02-17', nama: 'Tahun Baru Imlek 2577 Kongzili', jenis: 'nasional', perkiraan: false },
  { tanggal: '2026-03-18', nama: 'Cuti bersama Hari Suci Nyepi', jenis: 'cuti_bersama', perkiraan: true },
  { tanggal: '2026-03-19', nama: 'Hari Suci Nyepi (Tahun Baru Saka 1948)', jenis: 'nasional', perkiraan: true },
  { tanggal: '2026-03-20', nama: 'Cuti bersama Idul Fitri 1447 H', jenis: 'cuti_bersama', perkiraan: true },
  { tanggal: '2026-03-21', nama: 'Hari Raya Idul Fitri 1447 H', jenis: 'nasional', perkiraan: true },
  { tanggal: '2026-03-22', nama: 'Hari Raya Idul Fitri 1447 H (hari kedua)', jenis: 'nasional', perkiraan: true },
  { tanggal: '2026-03-23', nama: 'Cuti bersama Idul Fitri 1447 H', jenis: 'cuti_bersama', perkiraan: true },
  { tanggal: '2026-03-24', nama: 'Cuti bersama Idul Fitri 1447 H', jenis: 'cuti_bersama', perkiraan: true },
  { tanggal: '2026-04-03', nama: 'Wafat Yesus Kristus', jenis: 'nasional', perkiraan: false },
  { tanggal: '2026-04-05', nama: 'Kebangkitan Yesus Kristus (Paskah)', jenis: 'nasional', perkiraan: false },
  { tanggal: '2026-05-01', nama: 'Hari Buruh Internasional', jenis: 'nasional', perkiraan: false },
  { tanggal: '2026-05-14', nama: 'Kenaikan Yesus Kristus', jenis: 'nasional', perkiraan: false },
  { tanggal: '2026-05-15', nama: 'Cuti bersama Kenaikan Yesus Kristus', jenis: 'cuti_bersama', perkiraan: true },
  { tanggal: '2026-05-27', nama: 'Hari Raya Idul Adha 1447 H', jenis: 'nasional', perkiraan: true },
  { tanggal: '2026-05-28', nama: 'Cuti bersama Idul Adha 1447 H', jenis: 'cuti_bersama', perkiraan: true },
  { tanggal: '2026-05-31', nama: 'Hari Raya Waisak 2570 BE', jenis: 'nasional', perkiraan: true },
  { tanggal: '2026-06-01', nama: 'Hari Lahir Pancasila', jenis: 'nasional', perkiraan: false },
  { tanggal: '2026-06-16', nama: 'Tahun Baru Islam 1448 H', jenis: 'nasional', perkiraan: true },
  { tanggal: '2026-08-17', nama: 'Hari Kemerdekaan Republik Indonesia', jenis: 'nasional', perkiraan: false },
  { tanggal: '2026-08-25', nama: 'Maulid Nabi Muhammad SAW', jenis: 'nasional', perkiraan: true },
  { tanggal: '2026-12-24', nama: 'Cuti bersama Hari Raya Natal', jenis: 'cuti_bersama', perkiraan: true },
  { tanggal: '2026-12-25', nama: 'Hari Raya Natal', jenis: 'nasional', perkiraan: false },
];
