/**
 * Generated legacy exports of residents for tests and the bench: every NIK and No. KK valid by
 * the registry's rules (Kecamatan 13.71.01), families of four in Kelurahan 13.71.01.1001.
 */
const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const CONTOH_HEADER = ['NIK', 'No KK', 'Nama Lengkap', 'JK', 'Tempat Lahir', 'Tgl Lahir', 'Agama', 'Pendidikan', 'Pekerjaan', 'Status Kawin', 'SHDK', 'Kode Kelurahan', 'Alamat', 'RT', 'RW'];

export interface ContohPenduduk {
  nik: string;
  noKk: string;
  nama: string;
  jenisKelamin: 'L' | 'P';
  tanggalLahir: string;
}

/** The i-th resident (0-based) of a generated export; `offset` shifts the serials so two exports do not overlap. */
export function contohPenduduk(i: number, offset = 0): ContohPenduduk {
  const n = i + offset;
  const dateIdx = n % 16_800;
  const serial = Math.floor(n / 16_800) + 1;
  const year = 1950 + (dateIdx % 50);
  const month = (Math.floor(dateIdx / 50) % 12) + 1;
  const day = (Math.floor(dateIdx / 600) % 28) + 1;
  const jenisKelamin = n % 2 === 0 ? 'L' : 'P';
  const nik = `137101${pad(day + (jenisKelamin === 'P' ? 40 : 0), 2)}${pad(month, 2)}${pad(year % 100, 2)}${pad(serial, 4)}`;
  const family = Math.floor(n / 4);
  const noKk = `137101${pad((Math.floor(family / 9999) % 28) + 1, 2)}01${pad(25 - Math.floor(family / (9999 * 28)), 2)}${pad((family % 9999) + 1, 4)}`;
  return { nik, noKk, nama: `Warga Impor ${n}`, jenisKelamin, tanggalLahir: `${year}-${pad(month, 2)}-${pad(day, 2)}` };
}

export function contohBaris(p: ContohPenduduk, overrides: Partial<Record<string, string>> = {}): string[] {
  const [y, m, d] = p.tanggalLahir.split('-');
  const values: Record<string, string> = {
    NIK: p.nik, 'No KK': p.noKk, 'Nama Lengkap': p.nama, JK: p.jenisKelamin, 'Tempat Lahir': 'Padang', 'Tgl Lahir': `${d}-${m}-${y}`,
    Agama: 'Islam', Pendidikan: '5', Pekerjaan: '15', 'Status Kawin': '1', SHDK: '4', 'Kode Kelurahan': '13.71.01.1001', Alamat: 'Jl. Impor No. 1',
    RT: '1', RW: '2', ...overrides,
  };
  return CONTOH_HEADER.map((h) => values[h] ?? '');
}

const csvField = (value: string) => (/[",;\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function contohCsv(rows: string[][], header = CONTOH_HEADER, delimiter = ','): string {
  return [header, ...rows].map((row) => row.map(csvField).join(delimiter)).join('\n') + '\n';
}

/** `count` valid residents as a CSV export. */
export function contohCsvPenduduk(count: number, offset = 0): string {
  const lines = [CONTOH_HEADER.join(',')];
  for (let i = 0; i < count; i += 1) lines.push(contohBaris(contohPenduduk(i, offset)).map(csvField).join(','));
  return lines.join('\n') + '\n';
}
