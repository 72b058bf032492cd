import type { Text } from '../i18n/locale.js';

/** Messages for broken field rules: JSON Schema keywords first, then Padu's own rules. */
export const fieldRuleMessages = {
  required: { id: 'Wajib diisi.', en: 'Required.' },
  type: { id: 'Harus bertipe {type}.', en: 'Must be of type {type}.' },
  minLength: { id: 'Minimal {limit} karakter.', en: 'At least {limit} characters.' },
  maxLength: { id: 'Maksimal {limit} karakter.', en: 'At most {limit} characters.' },
  pattern: { id: 'Formatnya tidak sesuai.', en: 'Has the wrong format.' },
  format: { id: 'Harus berformat {format}.', en: 'Must be a valid {format}.' },
  additionalProperties: { id: 'Kolom "{property}" tidak dikenal.', en: 'Unknown field "{property}".' },
  enum: { id: 'Harus salah satu dari: {allowed}.', en: 'Must be one of: {allowed}.' },
  const: { id: 'Nilainya tidak diizinkan.', en: 'This value is not allowed.' },
  minimum: { id: 'Minimal {limit}.', en: 'At least {limit}.' },
  maximum: { id: 'Maksimal {limit}.', en: 'At most {limit}.' },
  minItems: { id: 'Minimal {limit} butir.', en: 'At least {limit} items.' },
  maxItems: { id: 'Maksimal {limit} butir.', en: 'At most {limit} items.' },
  uniqueItems: { id: 'Ada butir yang sama.', en: 'Items must be unique.' },
  anyOf: { id: 'Nilainya tidak sesuai dengan bentuk yang diizinkan.', en: 'Does not match any allowed shape.' },
  invalid: { id: 'Nilainya tidak valid.', en: 'Invalid value.' },
  'password.too_weak': {
    id: 'Kata sandi minimal {limit} karakter dan tidak boleh sama dengan nama pengguna.',
    en: 'The password needs at least {limit} characters and must differ from the username.',
  },
  'role.unknown': { id: 'Peran "{role}" tidak dikenal.', en: 'Unknown role "{role}".' },
  'role.duplicate': { id: 'Peran ini sudah diberikan dengan cakupan yang sama.', en: 'This role is already granted with the same scope.' },
  'scope.required': {
    id: 'Peran ini memerlukan kode {scopeType}.',
    en: 'This role needs a {scopeType} code.',
  },
  'scope.not_allowed': { id: 'Peran ini tidak memakai kode cakupan.', en: 'This role takes no scope code.' },
  'scope.invalid_kelurahan': {
    id: 'Kode kelurahan harus berbentuk {pemda}.KK.DDDD (contoh {example}).',
    en: 'A kelurahan code looks like {pemda}.KK.DDDD (e.g. {example}).',
  },
  'scope.invalid_opd': {
    id: 'Kode OPD hanya boleh berisi angka, huruf, titik dan tanda hubung.',
    en: 'An OPD code may hold only digits, letters, dots and dashes.',
  },
  'scope.unknown_opd': {
    id: 'Tidak ada OPD dengan kode {code} di registri.',
    en: 'There is no OPD with code {code} in the registry.',
  },
  'scope.unknown_kelurahan': {
    id: 'Tidak ada kelurahan dengan kode {code} di registri.',
    en: 'There is no kelurahan with code {code} in the registry.',
  },
  'identity.nik_format': { id: 'NIK harus 16 angka.', en: 'A NIK is 16 digits.' },
  'identity.nip_format': { id: 'NIP harus 18 angka.', en: 'A NIP is 18 digits.' },
  'identity.nik_unknown': { id: 'NIK ini tidak ada di registri penduduk.', en: 'This NIK is not in the resident registry.' },
  'identity.nip_unknown': { id: 'NIP ini tidak ada di registri pegawai.', en: 'This NIP is not in the employee registry.' },
  'date.range': { id: 'Tanggal akhir harus setelah tanggal awal.', en: 'The end date must be after the start date.' },

  // --- registry identity rules (src/registry/identity): NIK, NIP, No. KK, kode wilayah, kode program ---
  // Messages never echo the number itself: it is personal data.
  'nik.digits': {
    id: 'NIK hanya boleh berisi angka (spasi, titik dan tanda hubung diabaikan).',
    en: 'A NIK may hold only digits (spaces, dots and dashes are ignored).',
  },
  'nik.length': { id: 'NIK harus 16 digit, bukan {length}.', en: 'A NIK has 16 digits, not {length}.' },
  'nik.kecamatan_unknown': {
    id: 'Kode kecamatan {kecamatan} pada 6 digit pertama NIK tidak dikenal.',
    en: 'The kecamatan code {kecamatan} in the first 6 digits of the NIK is unknown.',
  },
  'nik.birth_date': {
    id: 'Digit 7–12 NIK bukan tanggal lahir yang valid (tanggal perempuan ditambah 40).',
    en: 'Digits 7–12 of the NIK are not a valid birth date (women add 40 to the day).',
  },
  'nik.serial_zero': { id: 'Nomor urut NIK (4 digit terakhir) tidak boleh 0000.', en: 'The NIK serial (last 4 digits) cannot be 0000.' },
  'nik.mismatch_birth_date': {
    id: 'Tanggal lahir tidak sesuai dengan NIK.',
    en: 'The birth date does not match the NIK.',
  },
  'nik.mismatch_sex': {
    id: 'Jenis kelamin tidak sesuai dengan NIK (tanggal lahir perempuan ditambah 40).',
    en: 'The sex does not match the NIK (women add 40 to the day of birth).',
  },
  'nip.digits': {
    id: 'NIP hanya boleh berisi angka (spasi, titik dan tanda hubung diabaikan).',
    en: 'A NIP may hold only digits (spaces, dots and dashes are ignored).',
  },
  'nip.length': { id: 'NIP harus 18 digit, bukan {length}.', en: 'A NIP has 18 digits, not {length}.' },
  'nip.birth_date': {
    id: '8 digit pertama NIP harus tanggal lahir yang valid (TTTTBBHH) antara tahun {min} dan {max}.',
    en: 'The first 8 digits of the NIP must be a valid birth date (YYYYMMDD) between {min} and {max}.',
  },
  'nip.tmt_cpns': {
    id: 'Digit 9–14 NIP harus TMT CPNS yang valid (TTTTBB), tidak sebelum tahun {min} dan tidak setelah {max}.',
    en: 'Digits 9–14 of the NIP must be a valid TMT CPNS (YYYYMM), not before {min} and not after {max}.',
  },
  'nip.gender_digit': {
    id: 'Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan).',
    en: 'Digit 15 of the NIP must be 1 (male) or 2 (female).',
  },
  'nip.serial_zero': { id: 'Nomor urut NIP (3 digit terakhir) tidak boleh 000.', en: 'The NIP serial (last 3 digits) cannot be 000.' },
  'nip.mismatch_birth_date': { id: 'Tanggal lahir tidak sesuai dengan NIP.', en: 'The birth date does not match the NIP.' },
  'nip.mismatch_sex': { id: 'Jenis kelamin tidak sesuai dengan NIP.', en: 'The sex does not match the NIP.' },
  'no_kk.digits': {
    id: 'Nomor KK hanya boleh berisi angka (spasi, titik dan tanda hubung diabaikan).',
    en: 'A family card number may hold only digits (spaces, dots and dashes are ignored).',
  },
  'no_kk.length': { id: 'Nomor KK harus 16 digit, bukan {length}.', en: 'A family card number has 16 digits, not {length}.' },
  'no_kk.kecamatan_unknown': {
    id: 'Kode kecamatan {kecamatan} pada 6 digit pertama nomor KK tidak dikenal.',
    en: 'The kecamatan code {kecamatan} in the first 6 digits of the family card number is unknown.',
  },
  'no_kk.serial_zero': {
    id: 'Nomor urut KK (4 digit terakhir) tidak boleh 0000.',
    en: 'The family card serial (last 4 digits) cannot be 0000.',
  },
  'kode_wilayah.format': {
    id: 'Kode wilayah harus berbentuk PP, PP.KK, PP.KK.CC atau PP.KK.CC.DDDD (contoh 13.71.01.1001).',
    en: 'A region code looks like PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD (e.g. 13.71.01.1001).',
  },
  'kode_wilayah.province_range': { id: 'Kode provinsi tidak boleh diawali 0.', en: 'A province code cannot start with 0.' },
  'kode_wilayah.kabkota_range': {
    id: 'Kode kabupaten harus 01–69 dan kode kota 71–99.',
    en: 'A kabupaten code is 01–69 and a kota code 71–99.',
  },
  'kode_wilayah.kecamatan_zero': { id: 'Kode kecamatan tidak boleh 00.', en: 'A kecamatan code cannot be 00.' },
  'kode_wilayah.village_type': {
    id: 'Digit pertama kode kelurahan/desa harus 1 (kelurahan), 2 (desa) atau 3 (desa adat).',
    en: 'The first digit of a kelurahan/desa code must be 1 (kelurahan), 2 (desa) or 3 (desa adat).',
  },
  'kode_wilayah.village_serial_zero': {
    id: 'Nomor urut kelurahan/desa (3 digit terakhir) tidak boleh 000.',
    en: 'The kelurahan/desa serial (last 3 digits) cannot be 000.',
  },
  'kode_wilayah.level': {
    id: 'Kode wilayah harus tingkat {expected}, bukan {actual}.',
    en: 'The region code must be of level {expected}, not {actual}.',
  },
  'kode_program.format': {
    id: 'Kode harus berbentuk U, U.BB, U.BB.PP, U.BB.PP.K.KK atau U.BB.PP.K.KK.SSSS (contoh 1.02.02.2.02.0008).',
    en: 'A code looks like U, U.BB, U.BB.PP, U.BB.PP.K.KK or U.BB.PP.K.KK.SSSS (e.g. 1.02.02.2.02.0008).',
  },
  'kode_program.segment_width': {
    id: 'Bagian {part} pada U.BB.PP.K.KK.SSSS maksimal {width} digit.',
    en: 'Part {part} of U.BB.PP.K.KK.SSSS has at most {width} digits.',
  },
  'kode_program.segment_zero': {
    id: 'Bagian {part} pada U.BB.PP.K.KK.SSSS tidak boleh nol.',
    en: 'Part {part} of U.BB.PP.K.KK.SSSS cannot be zero.',
  },
  'kode_program.placeholder': {
    id: 'Kode X hanya boleh berpasangan: urusan X dengan bidang XX.',
    en: 'The X placeholder goes in pairs: urusan X with bidang XX.',
  },
  'kode_program.level': {
    id: 'Kode harus tingkat {expected}, bukan {actual}.',
    en: 'The code must be of level {expected}, not {actual}.',
  },
  // --- end of registry identity rules ---
  // --- registry organisasi rules (src/registry/organisasi) ---
  'opd.kode_wilayah_jenis': {
    id: 'Kode wilayah hanya diisi untuk OPD berjenis kecamatan atau kelurahan.',
    en: 'A region code is only given for agencies of kind kecamatan or kelurahan.',
  },
  'opd.kode_wilayah_pemda': { id: 'Kode wilayah harus berada di wilayah {pemda}.', en: 'The region code must lie within {pemda}.' },
  'jabatan.eselon_struktural': {
    id: 'Eselon wajib untuk jabatan struktural dan tidak diisi untuk jabatan lain.',
    en: 'An eselon is required for structural positions and not given for others.',
  },
  // --- end of registry organisasi rules ---
  // --- registry wilayah rules (src/registry/wilayah): boundary uploads, per GeoJSON feature ---
  'geojson.feature': {
    id: 'Harus berupa GeoJSON Feature ("type": "Feature").',
    en: 'Must be a GeoJSON Feature ("type": "Feature").',
  },
  'wilayah.kode_missing': {
    id: 'Fitur tidak memuat kode wilayah (properties.kode, kode_wilayah atau code).',
    en: 'The feature carries no region code (properties.kode, kode_wilayah or code).',
  },
  'wilayah.kode_unknown': { id: 'Kode wilayah {kode} tidak terdaftar.', en: 'The region code {kode} is not in the registry.' },
  'wilayah.kode_duplicate': {
    id: 'Kode wilayah {kode} sudah dipakai fitur nomor {first} dalam berkas ini.',
    en: 'The region code {kode} is already used by feature number {first} in this file.',
  },
  'geometry.type': {
    id: 'Geometri harus Polygon atau MultiPolygon, bukan {type}.',
    en: 'The geometry must be a Polygon or MultiPolygon, not {type}.',
  },
  'geometry.coordinates': {
    id: 'Koordinat geometri tidak berbentuk GeoJSON yang benar (cincin berisi pasangan [bujur, lintang]).',
    en: 'The coordinates are not well-formed GeoJSON (rings of [longitude, latitude] pairs).',
  },
  'geometry.out_of_range': {
    id: 'Koordinat [{lon}, {lat}] di luar jangkauan: bujur −180..180, lintang −90..90 (WGS 84).',
    en: 'The position [{lon}, {lat}] is out of range: longitude −180..180, latitude −90..90 (WGS 84).',
  },
  'geometry.ring_too_short': {
    id: 'Setiap cincin poligon perlu minimal 4 titik (3 titik berbeda dan penutup), ada yang hanya {count}.',
    en: 'Every polygon ring needs at least 4 positions (3 distinct and the closing one); one has {count}.',
  },
  'geometry.ring_not_closed': {
    id: 'Cincin poligon yang dimulai di [{lon}, {lat}] tidak tertutup: titik terakhir harus sama dengan titik pertama.',
    en: 'The polygon ring starting at [{lon}, {lat}] is not closed: its last position must equal its first.',
  },
  'geometry.self_intersection': {
    id: 'Garis batas berpotongan atau bersinggungan dengan dirinya sendiri di sekitar [{lon}, {lat}].',
    en: 'The boundary crosses or touches itself near [{lon}, {lat}].',
  },
  'geometry.hole_outside': {
    id: 'Lubang poligon di sekitar [{lon}, {lat}] berada di luar batas luarnya.',
    en: 'The polygon hole near [{lon}, {lat}] lies outside its outer ring.',
  },
  'geometry.invalid': { id: 'Geometri poligon tidak valid.', en: 'The polygon geometry is not valid.' },
  // --- end of registry wilayah rules ---
  // --- registry penduduk rules (src/registry/penduduk); messages never echo personal values ---
  'penduduk.keluarga_unknown': { id: 'Nomor KK ini belum terdaftar; daftarkan keluarganya dahulu.', en: 'This family card number is not registered; register the family first.' },
  'penduduk.kelurahan_unknown': { id: 'Kode {kode} bukan kelurahan/desa yang terdaftar.', en: 'The code {kode} is not a registered kelurahan/desa.' },
  'penduduk.kode_unknown': { id: 'Kode {kode} tidak ada dalam daftar {list}.', en: 'The code {kode} is not in the {list} list.' },
  'penduduk.nik_immutable': { id: 'NIK tidak dapat diubah.', en: 'A NIK cannot be changed.' },
  'penduduk.alasan_blank': { id: 'Alasan minimal {limit} karakter selain spasi.', en: 'The reason needs at least {limit} non-blank characters.' },
  // --- end of registry penduduk rules ---
  // --- registry pegawai rules (src/registry/pegawai) ---
  'pegawai.nip_required': { id: 'NIP wajib diisi untuk PNS dan PPPK.', en: 'A NIP is required for PNS and PPPK.' },
  'pegawai.nip_not_allowed': { id: 'Pegawai non-ASN tidak memiliki NIP; kosongkan NIP.', en: 'Non-ASN staff have no NIP; leave it empty.' },
  'pegawai.golongan_pns': { id: 'PNS wajib bergolongan I/a sampai IV/e.', en: 'A PNS needs a golongan from I/a to IV/e.' },
  'pegawai.golongan_pppk': { id: 'Golongan PPPK harus I sampai XVII (boleh kosong).', en: 'A PPPK golongan is I to XVII (or empty).' },
  'pegawai.golongan_non_asn': { id: 'Pegawai non-ASN tidak memiliki golongan.', en: 'Non-ASN staff have no golongan.' },
  'pegawai.opd_unknown': { id: 'OPD {ref} tidak ditemukan atau sudah diarsipkan.', en: 'Agency {ref} does not exist or is archived.' },
  'pegawai.unit_opd': { id: 'Unit ini bukan bagian dari OPD yang dipilih.', en: 'This unit does not belong to the chosen agency.' },
  'pegawai.unit_not_in_force': { id: 'Unit ini tidak berlaku pada {tanggal}.', en: 'This unit is not in force on {tanggal}.' },
  'pegawai.jabatan_unit': { id: 'Jabatan ini bukan jabatan pada unit yang dipilih.', en: 'This position does not belong to the chosen unit.' },
  'pegawai.tmt_future': { id: 'TMT tidak boleh setelah hari ini ({today}).', en: 'The TMT cannot be after today ({today}).' },
  'pegawai.tmt_order': { id: 'TMT harus setelah TMT jabatan sekarang ({tmt}).', en: 'The TMT must be after the TMT of the current position ({tmt}).' },
  'pegawai.mutasi_same': { id: 'Unit dan jabatan tujuan sama dengan yang sekarang.', en: 'The target unit and position are the current ones.' },
  'pegawai.not_in_service': { id: 'Pegawai berstatus {status} tidak dapat dimutasi.', en: 'An employee with status {status} cannot be transferred.' },
  'pegawai.tanggal_lahir': { id: 'Tanggal lahir harus sebelum hari ini.', en: 'The birth date must be before today.' },
  // --- end of registry pegawai rules ---
  // --- registry program rules (src/registry/program) ---
  'program.kode_unknown': { id: 'Kode {kode} bukan sub-kegiatan yang terdaftar di nomenklatur.', en: 'The code {kode} is not a registered sub-kegiatan.' },
  'program.opd_unknown': { id: 'OPD {ref} tidak ditemukan atau sudah diarsipkan.', en: 'Agency {ref} does not exist or is archived.' },
  'program.pagu_whole': { id: 'Pagu harus bilangan bulat Rupiah tidak negatif, mis. 1.250.000.000 atau 1250000000.', en: 'The pagu must be a whole, non-negative number of Rupiah, e.g. 1.250.000.000 or 1250000000.' },
  'program.tahun': { id: 'Tahun anggaran harus 4 angka antara 2000 dan 2100.', en: 'The fiscal year must be 4 digits between 2000 and 2100.' },
  'program.target': { id: 'Target harus berupa angka.', en: 'The target must be a number.' },
  'program.parent_mismatch': { id: 'Kode {kode} tidak sesuai dengan kode sub-kegiatan (seharusnya {expected}).', en: 'The code {kode} does not match the sub-kegiatan code (expected {expected}).' },
  'program.required': { id: 'Kolom {column} wajib diisi.', en: 'The column {column} is required.' },
  'program.header': { id: 'Kolom {column} tidak ada di baris judul.', en: 'The header has no column {column}.' },
  'program.columns': { id: 'Baris ini memiliki {actual} kolom, baris judul {expected}.', en: 'This row has {actual} columns, the header {expected}.' },
  'program.pagu_conflict': { id: 'Pagu berbeda dengan baris {line} untuk sub-kegiatan, OPD dan tahun yang sama.', en: 'The pagu differs from line {line} for the same sub-kegiatan, agency and year.' },
  'program.nama_conflict': { id: 'Nama untuk kode {kode} berbeda dengan baris {line}.', en: 'The name for code {kode} differs from line {line}.' },
  'program.anggaran_archived': { id: 'Anggaran ini sudah diarsipkan dan tidak dapat diimpor ulang.', en: 'This budget line is archived and cannot be imported again.' },
  'program.csv_syntax': { id: 'Tanda kutip tidak ditutup.', en: 'A quote is not closed.' },
  'program.csv_empty': { id: 'Berkas tidak memiliki baris data.', en: 'The file has no data rows.' },
  // --- end of registry program rules ---
  // --- e-kelurahan rules (src/modules/layanan) ---
  'layanan.nama_isian': { id: 'Nama harus huruf kecil, angka dan garis bawah, diawali huruf.', en: 'A name holds lowercase letters, digits and underscores, starting with a letter.' },
  'layanan.isian_registri': { id: '"{name}" sudah diisi dari registri; pakai nama lain.', en: '"{name}" is filled from the registry; choose another name.' },
  'layanan.isian_ganda': { id: 'Nama "{name}" dipakai lebih dari sekali.', en: 'The name "{name}" is used more than once.' },
  'layanan.pilihan_kosong': { id: 'Isian pilihan memerlukan daftar pilihan.', en: 'A select field needs options.' },
  'layanan.pilihan_hanya_select': { id: 'Daftar pilihan hanya untuk isian bertipe select.', en: 'Options are only for select fields.' },
  'layanan.rentang': { id: 'Batas bawah melebihi batas atas.', en: 'The lower bound exceeds the upper bound.' },
  'layanan.placeholder_unknown': { id: 'Isian [{names}] tidak dikenal: pakai data registri atau nama isian formulir.', en: 'Unknown placeholder [{names}]: use registry data or a form field name.' },
  'layanan.format_token': { id: 'Bagian {token} tidak dikenal; pakai [kode_surat], [nomor,N], [kode_kelurahan], [bulan_romawi], [bulan], [tahun].', en: 'Unknown part {token}; use [kode_surat], [nomor,N], [kode_kelurahan], [bulan_romawi], [bulan], [tahun].' },
  'layanan.format_tanpa_nomor': { id: 'Format nomor harus memuat [nomor] atau [nomor,N].', en: 'The numbering format must hold [nomor] or [nomor,N].' },
  'layanan.syarat_belum_sah': { id: '{label} belum diunggah atau belum dinyatakan sah.', en: '{label} is missing or not verified as valid.' },
  // --- end of e-kelurahan rules ---
  // --- resident portal rules (src/modules/portal) ---
  'portal.telepon_format': { id: 'Isi nomor HP Indonesia, misalnya 0812 3456 7890.', en: 'Enter an Indonesian mobile number, e.g. 0812 3456 7890.' },
  'portal.telepon_dipakai': { id: 'Nomor HP ini sudah dipakai akun lain.', en: 'This phone number is used by another account.' },
  'portal.email_dipakai': { id: 'E-mail ini sudah dipakai akun lain.', en: 'This e-mail is used by another account.' },
  // --- end of resident portal rules ---
} satisfies Record<string, Text>;

export type FieldRule = keyof typeof fieldRuleMessages;

export function isFieldRule(rule: string): rule is FieldRule {
  return rule in fieldRuleMessages;
}
