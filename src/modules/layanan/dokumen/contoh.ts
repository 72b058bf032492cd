/** A filled example letter: the fixture of the renderer's tests and of the PDF benchmark. */
import type { SuratDocument } from './index.js';

export function contohSurat(overrides: Partial<SuratDocument> = {}): SuratDocument {
  return {
    pemda: 'PEMERINTAH KOTA PADANG',
    kecamatan: 'KECAMATAN PADANG SELATAN',
    kelurahan: 'KELURAHAN RANAH PARAK RUMBIO',
    alamatKantor: 'Jl. Sutan Syahrir No. 12, Ranah Parak Rumbio, Padang Selatan, Kota Padang 25211',
    judul: 'SURAT KETERANGAN DOMISILI',
    nomor: '470/001/13.71.01.1001/XI/2026',
    tanggal: '2026-11-28',
    tempat: 'Padang',
    pembuka:
      'Yang bertanda tangan di bawah ini Lurah Ranah Parak Rumbio, Kecamatan Padang Selatan, Kota Padang, dengan ini menerangkan bahwa:',
    rincian: [
      ['Nama', 'RAHMAT HIDAYAT'],
      ['NIK', '1371011203900001'],
      ['Tempat/Tanggal Lahir', 'Padang, 12 Maret 1990'],
      ['Jenis Kelamin', 'Laki-laki'],
      ['Agama', 'Islam'],
      ['Pekerjaan', 'Wiraswasta'],
      ['Alamat', 'Jl. Ranah Parak Rumbio No. 45, RT 002 RW 001, Kelurahan Ranah Parak Rumbio, Kecamatan Padang Selatan'],
    ],
    isi: [
      'Orang tersebut di atas benar berdomisili di wilayah Kelurahan Ranah Parak Rumbio, Kecamatan Padang Selatan, Kota Padang, sesuai data kependudukan yang tercatat pada kelurahan.',
      'Surat keterangan ini diberikan untuk keperluan pembukaan rekening bank. Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.',
    ],
    berlakuSampai: '2027-02-28',
    penandatangan: { jabatan: 'Lurah Ranah Parak Rumbio', nama: 'Drs. Syafrizal Mukhtar', nip: '197003151995031002' },
    verifikasiUrl: 'https://padu.padang.go.id/verifikasi/Zq7hV3kP9xWm2RtB4nYc8LdE',
    ...overrides,
  };
}
