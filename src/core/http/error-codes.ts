import type { Text } from '../i18n/locale.js';

interface ErrorDefinition {
  status: number;
  title: Text;
  detail: Text;
}

/**
 * Every machine code Padu answers with. Codes are stable: apps branch on them, so a code is
 * never renamed or reused for another meaning. Details may use {placeholders}.
 */
export const errorCatalog = {
  'request.invalid': {
    status: 400,
    title: { id: 'Permintaan tidak valid', en: 'Invalid request' },
    detail: { id: 'Ada data yang tidak memenuhi aturan; lihat daftar kesalahan.', en: 'Some fields break the rules; see the list of errors.' },
  },
  'request.malformed_json': {
    status: 400,
    title: { id: 'JSON tidak valid', en: 'Malformed JSON' },
    detail: { id: 'Isi permintaan bukan JSON yang valid.', en: 'The request body is not valid JSON.' },
  },
  'request.empty_body': {
    status: 400,
    title: { id: 'Isi permintaan kosong', en: 'Empty body' },
    detail: { id: 'Permintaan ini harus berisi data JSON.', en: 'This request needs a JSON body.' },
  },
  'request.unsupported_media_type': {
    status: 415,
    title: { id: 'Jenis isi tidak didukung', en: 'Unsupported media type' },
    detail: { id: 'Kirim data sebagai application/json.', en: 'Send the body as application/json.' },
  },
  'request.too_large': {
    status: 413,
    title: { id: 'Permintaan terlalu besar', en: 'Payload too large' },
    detail: { id: 'Isi permintaan melebihi batas {limit} bita.', en: 'The request body exceeds the limit of {limit} bytes.' },
  },
  'request.not_found': {
    status: 404,
    title: { id: 'Tidak ditemukan', en: 'Not found' },
    detail: { id: 'Alamat {method} {path} tidak ada.', en: 'There is no {method} {path}.' },
  },
  'auth.required': {
    status: 401,
    title: { id: 'Perlu masuk', en: 'Sign-in required' },
    detail: { id: 'Silakan masuk terlebih dahulu; sesi Anda tidak ada atau sudah berakhir.', en: 'Please sign in; your session is missing or has expired.' },
  },
  'auth.invalid_credentials': {
    status: 401,
    title: { id: 'Gagal masuk', en: 'Sign-in failed' },
    detail: { id: 'Nama pengguna atau kata sandi salah.', en: 'Wrong username or password.' },
  },
  'auth.throttled': {
    status: 429,
    title: { id: 'Terlalu banyak percobaan', en: 'Too many attempts' },
    detail: {
      id: 'Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.',
      en: 'Too many failed sign-in attempts. Try again in {minutes} minutes.',
    },
  },
  'auth.csrf_failed': {
    status: 403,
    title: { id: 'Token CSRF tidak valid', en: 'Invalid CSRF token' },
    detail: {
      id: 'Permintaan perubahan harus menyertakan header X-CSRF-Token dari sesi Anda.',
      en: 'Write requests must carry the X-CSRF-Token header of your session.',
    },
  },
  'auth.forbidden': {
    status: 403,
    title: { id: 'Akses ditolak', en: 'Forbidden' },
    detail: { id: 'Anda tidak memiliki izin "{permission}" untuk tindakan ini.', en: 'You lack the permission "{permission}" for this action.' },
  },
  'auth.undeclared_route': {
    status: 403,
    title: { id: 'Akses ditolak', en: 'Forbidden' },
    detail: { id: 'Alamat ini belum menyatakan izin yang diperlukan.', en: 'This route does not declare the permission it needs.' },
  },
  'user.not_found': {
    status: 404,
    title: { id: 'Pengguna tidak ditemukan', en: 'User not found' },
    detail: { id: 'Tidak ada pengguna dengan id {id}.', en: 'There is no user with id {id}.' },
  },
  'user.username_taken': {
    status: 409,
    title: { id: 'Nama pengguna sudah dipakai', en: 'Username taken' },
    detail: { id: 'Nama pengguna "{username}" sudah dipakai.', en: 'The username "{username}" is already taken.' },
  },
  'user.cannot_lock_out_self': {
    status: 409,
    title: { id: 'Tidak dapat mengunci diri sendiri', en: 'Cannot lock yourself out' },
    detail: {
      id: 'Anda tidak dapat menonaktifkan akun sendiri atau mencabut peran admin Anda sendiri.',
      en: 'You cannot deactivate your own account or remove your own admin role.',
    },
  },
  // Registry records: optimistic concurrency and archiving.
  'precondition.required': {
    status: 428,
    title: { id: 'If-Match diperlukan', en: 'If-Match required' },
    detail: {
      id: 'Perubahan data induk harus menyertakan header If-Match berisi ETag versi yang Anda ubah.',
      en: 'Changes to master data must send an If-Match header with the ETag of the version you edited.',
    },
  },
  'precondition.failed': {
    status: 412,
    title: { id: 'Data sudah berubah', en: 'Record has changed' },
    detail: {
      id: 'Data ini sudah diubah orang lain (versi sekarang {current}). Muat ulang lalu ulangi perubahan Anda.',
      en: 'Someone else changed this record (current version {current}). Reload it and apply your change again.',
    },
  },
  'record.archived': {
    status: 409,
    title: { id: 'Data sudah diarsipkan', en: 'Record archived' },
    detail: { id: 'Data ini sudah diarsipkan dan tidak dapat diubah.', en: 'This record is archived and cannot be changed.' },
  },
  'request.invalid_cursor': {
    status: 400,
    title: { id: 'Kursor tidak valid', en: 'Invalid cursor' },
    detail: { id: 'Kursor halaman tidak dikenali; mulai lagi dari halaman pertama.', en: 'The page cursor is not recognised; start again from the first page.' },
  },
  'internal': {
    status: 500,
    title: { id: 'Kesalahan server', en: 'Server error' },
    detail: {
      id: 'Terjadi kesalahan di server. Sebutkan nomor permintaan {requestId} kepada admin.',
      en: 'Something went wrong on the server. Quote request id {requestId} to the admin.',
    },
  },
  'service.unavailable': {
    status: 503,
    title: { id: 'Layanan tidak tersedia', en: 'Service unavailable' },
    detail: { id: 'Layanan sedang tidak tersedia. Coba lagi sebentar lagi.', en: 'The service is unavailable. Try again shortly.' },
  },
  // --- registry organisasi (src/registry/organisasi): OPD, unit, jabatan ---
  'opd.not_found': {
    status: 404,
    title: { id: 'OPD tidak ditemukan', en: 'Agency not found' },
    detail: { id: 'Tidak ada OPD dengan id atau kode {ref}.', en: 'There is no agency (OPD) with id or code {ref}.' },
  },
  'opd.kode_taken': {
    status: 409,
    title: { id: 'Kode OPD sudah dipakai', en: 'Agency code taken' },
    detail: { id: 'Kode OPD "{kode}" sudah dipakai OPD lain (termasuk yang diarsipkan).', en: 'The agency code "{kode}" is already used by another agency (archived ones included).' },
  },
  'unit.not_found': {
    status: 404,
    title: { id: 'Unit tidak ditemukan', en: 'Unit not found' },
    detail: { id: 'Tidak ada unit organisasi dengan id {id}.', en: 'There is no organisational unit with id {id}.' },
  },
  'unit.parent_not_found': {
    status: 422,
    title: { id: 'Unit induk tidak ditemukan', en: 'Parent unit not found' },
    detail: { id: 'Unit induk {ref} tidak ada.', en: 'The parent unit {ref} does not exist.' },
  },
  'unit.cycle': {
    status: 422,
    title: { id: 'Struktur melingkar', en: 'Cycle in the structure' },
    detail: { id: 'Sebuah unit tidak dapat menjadi induk dari dirinya sendiri atau dari unit di atasnya.', en: 'A unit cannot become the parent of itself or of a unit above it.' },
  },
  'unit.parent_other_opd': {
    status: 422,
    title: { id: 'Unit induk milik OPD lain', en: 'Parent unit of another agency' },
    detail: { id: 'Unit induk harus berada di OPD yang sama.', en: 'The parent unit must belong to the same agency.' },
  },
  'unit.parent_not_in_force': {
    status: 422,
    title: { id: 'Unit induk tidak berlaku', en: 'Parent unit not in force' },
    detail: { id: 'Unit induk harus berlaku sepanjang masa berlaku unit ini ({from} s.d. {to}).', en: 'The parent unit must be in force for the whole period of this unit ({from} to {to}).' },
  },
  'unit.not_in_force': {
    status: 422,
    title: { id: 'Unit tidak berlaku', en: 'Unit not in force' },
    detail: { id: 'Unit {id} tidak berlaku pada {tanggal}, jadi tidak dapat ditutup pada tanggal itu.', en: 'Unit {id} is not in force on {tanggal}, so it cannot be closed then.' },
  },
  'unit.open_children': {
    status: 422,
    title: { id: 'Unit masih memiliki sub-unit', en: 'Unit still has sub-units' },
    detail: { id: 'Unit {id} masih memiliki {count} sub-unit yang berlaku setelah {tanggal}; tutup sub-unit itu juga.', en: 'Unit {id} still has {count} sub-units in force after {tanggal}; close those as well.' },
  },
  'unit.has_children': {
    status: 422,
    title: { id: 'Unit masih memiliki sub-unit', en: 'Unit still has sub-units' },
    detail: { id: 'Unit {id} masih memiliki {count} sub-unit; pindahkan atau arsipkan sub-unit itu dahulu.', en: 'Unit {id} still has {count} sub-units; move or archive those first.' },
  },
  'jabatan.not_found': {
    status: 404,
    title: { id: 'Jabatan tidak ditemukan', en: 'Position not found' },
    detail: { id: 'Tidak ada jabatan dengan id {id}.', en: 'There is no position (jabatan) with id {id}.' },
  },
  // --- end of registry organisasi ---
  // --- registry wilayah (src/registry/wilayah): regions and their boundaries ---
  'wilayah.not_found': {
    status: 404,
    title: { id: 'Wilayah tidak ditemukan', en: 'Region not found' },
    detail: { id: 'Tidak ada wilayah dengan kode atau id {kode}.', en: 'There is no region with code or id {kode}.' },
  },
  'wilayah.boundary_not_found': {
    status: 404,
    title: { id: 'Batas wilayah belum ada', en: 'No boundary' },
    detail: { id: 'Wilayah {kode} belum memiliki batas wilayah.', en: 'Region {kode} has no boundary yet.' },
  },
  'wilayah.boundaries_invalid': {
    status: 422,
    title: { id: 'Batas wilayah ditolak', en: 'Boundaries rejected' },
    detail: {
      id: '{count} fitur tidak dapat diterima, jadi tidak ada batas wilayah yang disimpan. Perbaiki fitur yang disebut lalu unggah ulang seluruh berkas.',
      en: '{count} features cannot be accepted, so no boundary was stored. Fix the features listed and upload the whole file again.',
    },
  },
  // --- end of registry wilayah ---
  // --- registry penduduk (src/registry/penduduk): residents and families ---
  'penduduk.invalid': {
    status: 422,
    title: { id: 'Data penduduk tidak valid', en: 'Invalid resident data' },
    detail: { id: 'Data penduduk melanggar aturan; lihat daftar kesalahan.', en: 'The resident data breaks the rules; see the list of errors.' },
  },
  'penduduk.not_found': {
    status: 404,
    title: { id: 'Penduduk tidak ditemukan', en: 'Resident not found' },
    detail: { id: 'Tidak ada penduduk dengan rujukan itu yang dapat Anda lihat.', en: 'There is no resident with that reference that you may see.' },
  },
  'penduduk.nik_taken': {
    status: 409,
    title: { id: 'NIK sudah terdaftar', en: 'NIK already registered' },
    detail: { id: 'NIK ini sudah dipakai penduduk lain (termasuk yang diarsipkan).', en: 'This NIK already belongs to another resident (archived ones included).' },
  },
  'keluarga.not_found': {
    status: 404,
    title: { id: 'Keluarga tidak ditemukan', en: 'Family not found' },
    detail: { id: 'Tidak ada kartu keluarga dengan rujukan itu yang dapat Anda lihat.', en: 'There is no family card with that reference that you may see.' },
  },
  'keluarga.no_kk_taken': {
    status: 409,
    title: { id: 'Nomor KK sudah terdaftar', en: 'Family card number taken' },
    detail: { id: 'Nomor KK ini sudah terdaftar.', en: 'This family card number is already registered.' },
  },
  'penduduk.export_too_large': {
    status: 422,
    title: { id: 'Ekspor terlalu besar', en: 'Export too large' },
    detail: {
      id: 'Filter ini cocok dengan lebih dari {limit} penduduk. Persempit filter (misalnya per kelurahan atau status), lalu ekspor lagi.',
      en: 'These filters match more than {limit} residents. Narrow them (e.g. by kelurahan or status) and export again.',
    },
  },
  // --- end of registry penduduk ---
  // --- registry pegawai (src/registry/pegawai): employees, riwayat jabatan, mutasi ---
  'pegawai.not_found': {
    status: 404,
    title: { id: 'Pegawai tidak ditemukan', en: 'Employee not found' },
    detail: { id: 'Tidak ada pegawai dengan id atau NIP {ref}.', en: 'There is no employee with id or NIP {ref}.' },
  },
  'pegawai.nip_taken': {
    status: 409,
    title: { id: 'NIP sudah terdaftar', en: 'NIP already registered' },
    detail: { id: 'NIP ini sudah dipakai pegawai lain (termasuk yang diarsipkan).', en: 'This NIP already belongs to another employee (archived ones included).' },
  },
  'pegawai.invalid': {
    status: 422,
    title: { id: 'Data pegawai tidak memenuhi aturan', en: 'Employee data breaks the rules' },
    detail: { id: 'Ada aturan data pegawai yang dilanggar; lihat daftar kesalahan.', en: 'Some employee rules are broken; see the list of errors.' },
  },
  // --- end of registry pegawai ---
  // --- registry program (src/registry/program): nomenklatur, anggaran, SIPD import ---
  'program.nomenklatur_not_found': {
    status: 404,
    title: { id: 'Nomenklatur tidak ditemukan', en: 'Nomenclature entry not found' },
    detail: { id: 'Tidak ada nomenklatur dengan kode {kode}.', en: 'There is no nomenclature entry with code {kode}.' },
  },
  'program.anggaran_not_found': {
    status: 404,
    title: { id: 'Anggaran tidak ditemukan', en: 'Budget line not found' },
    detail: { id: 'Tidak ada anggaran dengan id {id}.', en: 'There is no budget line with id {id}.' },
  },
  'program.anggaran_exists': {
    status: 409,
    title: { id: 'Anggaran sudah ada', en: 'Budget line already exists' },
    detail: { id: 'OPD ini sudah memiliki anggaran untuk sub-kegiatan {kode} pada tahun {tahun}.', en: 'This agency already has a budget line for sub-kegiatan {kode} in {tahun}.' },
  },
  'program.invalid': {
    status: 422,
    title: { id: 'Data anggaran tidak memenuhi aturan', en: 'Budget data breaks the rules' },
    detail: { id: 'Ada aturan data anggaran yang dilanggar; lihat daftar kesalahan.', en: 'Some budget rules are broken; see the list of errors.' },
  },
  'program.import_invalid': {
    status: 422,
    title: { id: 'Berkas impor tidak valid', en: 'Import file is invalid' },
    detail: { id: '{count} baris bermasalah; tidak ada yang disimpan. Lihat `rows`.', en: '{count} rows have problems; nothing was stored. See `rows`.' },
  },
  // --- end of registry program ---
  // --- accounts linked to people (core users; registry self paths under /api/v1/saya) ---
  'user.identity_invalid': {
    status: 422,
    title: { id: 'Identitas tidak dapat ditautkan', en: 'Identity cannot be linked' },
    detail: { id: 'NIK atau NIP tidak berformat benar atau tidak ada di registri; lihat daftar kesalahan.', en: 'The NIK or NIP is malformed or not in the registry; see the list of errors.' },
  },
  'user.identity_taken': {
    status: 409,
    title: { id: 'Identitas sudah ditautkan', en: 'Identity already linked' },
    detail: { id: '{field} ini sudah ditautkan ke akun lain.', en: 'This {field} is already linked to another account.' },
  },
  'penduduk.self_unlinked': {
    status: 404,
    title: { id: 'Akun belum ditautkan ke data penduduk', en: 'Account not linked to a resident' },
    detail: { id: 'Akun ini belum ditautkan ke NIK yang terdaftar. Hubungi kelurahan Anda.', en: 'This account is not linked to a registered NIK. Contact your kelurahan.' },
  },
  'pegawai.self_unlinked': {
    status: 404,
    title: { id: 'Akun belum ditautkan ke data pegawai', en: 'Account not linked to an employee' },
    detail: { id: 'Akun ini belum ditautkan ke NIP yang terdaftar. Hubungi pengelola kepegawaian.', en: 'This account is not linked to a registered NIP. Contact the HR administrator.' },
  },
  // --- end of accounts linked to people ---
  // --- e-kelurahan (src/modules/layanan): catalogue, calendar, requests, attachments, letters, public lookups ---
  'layanan.jenis_not_found': {
    status: 404,
    title: { id: 'Jenis surat tidak ditemukan', en: 'Letter type not found' },
    detail: { id: 'Tidak ada jenis surat aktif dengan id atau kode {ref}.', en: 'There is no active letter type with id or code {ref}.' },
  },
  'layanan.jenis_kode_taken': {
    status: 409,
    title: { id: 'Kode jenis surat sudah dipakai', en: 'Letter type code taken' },
    detail: { id: 'Kode "{kode}" sudah dipakai jenis surat lain (termasuk yang diarsipkan).', en: 'The code "{kode}" is already used by another letter type (archived ones included).' },
  },
  'layanan.jenis_invalid': {
    status: 422,
    title: { id: 'Definisi jenis surat tidak valid', en: 'Invalid letter type definition' },
    detail: { id: 'Ada aturan definisi jenis surat yang dilanggar; lihat daftar kesalahan.', en: 'The letter type definition breaks some rules; see the list of errors.' },
  },
  'layanan.jenis_tidak_online': {
    status: 422,
    title: { id: 'Tidak dapat diajukan daring', en: 'Not requestable online' },
    detail: { id: '{nama} hanya dapat diajukan di kantor kelurahan.', en: '{nama} can only be requested at the kelurahan office.' },
  },
  'layanan.hari_libur_not_found': {
    status: 404,
    title: { id: 'Hari libur tidak ditemukan', en: 'Holiday not found' },
    detail: { id: 'Tidak ada hari libur dengan id {id}.', en: 'There is no holiday with id {id}.' },
  },
  'layanan.hari_libur_taken': {
    status: 409,
    title: { id: 'Tanggal sudah tercatat', en: 'Date already listed' },
    detail: { id: 'Tanggal {tanggal} sudah tercatat sebagai hari libur; ubah yang ada.', en: 'The date {tanggal} is already a holiday; change that one.' },
  },
  'layanan.self_unlinked': {
    status: 404,
    title: { id: 'Akun belum ditautkan ke data penduduk', en: 'Account not linked to a resident' },
    detail: { id: 'Akun ini belum ditautkan ke NIK penduduk yang terdaftar dan masih hidup. Hubungi kelurahan Anda.', en: 'This account is not linked to a registered, living resident’s NIK. Contact your kelurahan.' },
  },
  'layanan.pemohon_tidak_dikenal': {
    status: 422,
    title: { id: 'Pemohon tidak dikenal', en: 'Unknown applicant' },
    detail: { id: 'NIK ini tidak terdaftar sebagai penduduk yang masih hidup.', en: 'This NIK is not a registered, living resident.' },
  },
  'layanan.data_invalid': {
    status: 422,
    title: { id: 'Isian formulir tidak valid', en: 'Invalid form data' },
    detail: { id: 'Ada isian formulir yang tidak memenuhi aturan; lihat daftar kesalahan.', en: 'Some form fields break the rules; see the list of errors.' },
  },
  'layanan.idempotency_conflict': {
    status: 422,
    title: { id: 'Kunci idempotensi sudah dipakai', en: 'Idempotency key reused' },
    detail: { id: 'Idempotency-Key ini sudah dipakai untuk permohonan dengan isi berbeda. Pakai kunci baru untuk permohonan baru.', en: 'This Idempotency-Key was used for a request with a different body. Use a new key for a new request.' },
  },
  'layanan.permohonan_not_found': {
    status: 404,
    title: { id: 'Permohonan tidak ditemukan', en: 'Request not found' },
    detail: { id: 'Tidak ada permohonan {ref} yang dapat Anda lihat.', en: 'There is no request {ref} that you may see.' },
  },
  'layanan.status_conflict': {
    status: 409,
    title: { id: 'Status permohonan sudah berubah', en: 'Request status has changed' },
    detail: { id: 'Tindakan ini tidak dapat dilakukan pada permohonan berstatus {status}. Muat ulang lalu periksa lagi.', en: 'This action is not possible on a request with status {status}. Reload and check again.' },
  },
  'layanan.syarat_belum_lengkap': {
    status: 422,
    title: { id: 'Persyaratan belum lengkap', en: 'Requirements not met' },
    detail: { id: '{count} persyaratan wajib belum diunggah atau belum dinyatakan sah; lihat daftar kesalahan.', en: '{count} required files are missing or not verified as valid; see the list of errors.' },
  },
  'layanan.syarat_unknown': {
    status: 422,
    title: { id: 'Persyaratan tidak dikenal', en: 'Unknown requirement' },
    detail: { id: 'Jenis surat ini tidak memiliki persyaratan "{syarat}".', en: 'This letter type has no requirement "{syarat}".' },
  },
  'layanan.lampiran_kosong': {
    status: 422,
    title: { id: 'Berkas kosong', en: 'Empty file' },
    detail: { id: 'Kirim isi berkas sebagai badan permintaan.', en: 'Send the file’s content as the request body.' },
  },
  'layanan.lampiran_terlalu_besar': {
    status: 413,
    title: { id: 'Berkas terlalu besar', en: 'File too large' },
    detail: { id: 'Ukuran berkas maksimal {limit} bita.', en: 'A file may be at most {limit} bytes.' },
  },
  'layanan.lampiran_jenis': {
    status: 415,
    title: { id: 'Jenis berkas tidak diterima', en: 'File type not accepted' },
    detail: { id: 'Hanya berkas PDF, JPG atau PNG yang diterima (diperiksa dari isinya, bukan namanya).', en: 'Only PDF, JPG or PNG files are accepted (checked by their content, not their name).' },
  },
  'layanan.lampiran_terlalu_banyak': {
    status: 422,
    title: { id: 'Terlalu banyak berkas', en: 'Too many files' },
    detail: { id: 'Satu permohonan paling banyak memuat {limit} berkas.', en: 'A request holds at most {limit} files.' },
  },
  'layanan.lampiran_not_found': {
    status: 404,
    title: { id: 'Berkas tidak ditemukan', en: 'File not found' },
    detail: { id: 'Tidak ada berkas {id} pada permohonan ini.', en: 'There is no file {id} on this request.' },
  },
  'layanan.penandatangan_belum_tertaut': {
    status: 422,
    title: { id: 'Akun penanda tangan belum ditautkan ke NIP', en: 'Signer account not linked to a NIP' },
    detail: { id: 'Surat memerlukan nama dan NIP penanda tangan: tautkan akun Anda ke data pegawai (NIP) terlebih dahulu.', en: 'A letter needs the signer’s name and NIP: link your account to your employee record (NIP) first.' },
  },
  'layanan.bukan_penandatangan': {
    status: 403,
    title: { id: 'Bukan penanda tangan kelurahan ini', en: 'Not a signer of this kelurahan' },
    detail: { id: 'Hanya lurah atau sekretaris kelurahan {kelurahan} yang dapat menandatangani surat ini.', en: 'Only the lurah or the sekretaris of kelurahan {kelurahan} may sign this letter.' },
  },
  'layanan.perlu_lurah': {
    status: 403,
    title: { id: 'Harus ditandatangani lurah', en: 'The lurah must sign' },
    detail: { id: '{jenis} ditandatangani oleh lurah.', en: '{jenis} is signed by the lurah.' },
  },
  'layanan.surat_not_found': {
    status: 404,
    title: { id: 'Surat belum terbit', en: 'No letter issued' },
    detail: { id: 'Permohonan {ref} belum memiliki surat yang terbit.', en: 'Request {ref} has no issued letter.' },
  },
  'layanan.surat_sudah_dicabut': {
    status: 409,
    title: { id: 'Surat sudah dicabut', en: 'Letter already revoked' },
    detail: { id: 'Surat nomor {nomor} sudah dicabut sebelumnya.', en: 'Letter number {nomor} was already revoked.' },
  },
  'layanan.notifikasi_not_found': {
    status: 404,
    title: { id: 'Notifikasi tidak ditemukan', en: 'Notification not found' },
    detail: { id: 'Tidak ada notifikasi itu untuk Anda.', en: 'There is no such notification for you.' },
  },
  'layanan.surat_tidak_dikenal': {
    status: 404,
    title: { id: 'Surat tidak dikenal', en: 'Unknown letter' },
    detail: { id: 'Tidak ada surat dengan kode verifikasi ini. Periksa kembali kode QR atau tautannya.', en: 'No letter has this verification code. Check the QR code or link again.' },
  },
  'layanan.lacak_tidak_dikenal': {
    status: 404,
    title: { id: 'Kode lacak tidak dikenal', en: 'Unknown tracking code' },
    detail: { id: 'Tidak ada permohonan dengan kode lacak ini.', en: 'No request has this tracking code.' },
  },
  'layanan.terlalu_banyak_percobaan': {
    status: 429,
    title: { id: 'Terlalu banyak percobaan', en: 'Too many attempts' },
    detail: { id: 'Terlalu banyak kode yang tidak dikenal dari alamat Anda. Coba lagi dalam {minutes} menit.', en: 'Too many unknown codes from your address. Try again in {minutes} minutes.' },
  },
  // --- end of e-kelurahan ---
  // --- resident portal (src/modules/portal): self sign-up of residents ---
  'portal.data_tidak_cocok': {
    status: 422,
    title: { id: 'Data tidak cocok', en: 'Details do not match' },
    detail: {
      id: 'NIK, nama lengkap dan tanggal lahir tidak cocok dengan data kependudukan. Periksa kembali sesuai KTP atau Kartu Keluarga; bila sudah benar, hubungi kelurahan Anda.',
      en: 'The NIK, full name and date of birth do not match the population records. Check them against your KTP or family card; if they are right, contact your kelurahan.',
    },
  },
  'portal.nik_sudah_terdaftar': {
    status: 409,
    title: { id: 'NIK sudah memiliki akun', en: 'NIK already has an account' },
    detail: {
      id: 'NIK ini sudah memiliki akun; masuk dengan NIK Anda atau hubungi kelurahan.',
      en: 'This NIK already has an account; sign in with your NIK or contact the kelurahan.',
    },
  },
  'portal.kontak_dipakai': {
    status: 409,
    title: { id: 'Nomor HP atau e-mail sudah dipakai', en: 'Phone number or e-mail in use' },
    detail: {
      id: 'Nomor HP atau e-mail ini sudah dipakai akun lain; pakai yang lain atau kosongkan; lihat daftar kesalahan.',
      en: 'This phone number or e-mail is used by another account; use another or leave it empty; see the list of errors.',
    },
  },
  'portal.daftar_dibatasi': {
    status: 429,
    title: { id: 'Terlalu banyak percobaan', en: 'Too many attempts' },
    detail: {
      id: 'Terlalu banyak percobaan pendaftaran yang gagal. Coba lagi dalam {minutes} menit.',
      en: 'Too many failed sign-up attempts. Try again in {minutes} minutes.',
    },
  },
  // --- end of resident portal ---
  // --- e-kelurahan counter pre-fill (src/modules/layanan) ---
  'layanan.pemohon_not_found': {
    status: 404,
    title: { id: 'Penduduk tidak ditemukan', en: 'Resident not found' },
    detail: { id: 'NIK ini tidak terdaftar sebagai penduduk yang masih hidup. Periksa kembali NIK pada KTP-el atau KK.', en: 'This NIK is not a registered, living resident. Check the NIK on the KTP-el or family card.' },
  },
  'layanan.pemohon_luar_wilayah': {
    status: 403,
    title: { id: 'Penduduk di luar wilayah kerja Anda', en: 'Resident outside your area' },
    detail: {
      id: 'Penduduk ini tidak terdaftar di kelurahan wilayah kerja Anda. Permohonan dicatat oleh kelurahan tempat ia terdaftar.',
      en: 'This resident is not registered in a kelurahan you serve. The request is entered by the kelurahan they are registered in.',
    },
  },
  // --- end of e-kelurahan counter pre-fill ---
} satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof errorCatalog;
