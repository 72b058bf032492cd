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
  'auth.invalid_token': {
    status: 401,
    title: { id: 'Token tidak berlaku', en: 'Invalid token' },
    detail: {
      id: 'Token akses tidak valid, kedaluwarsa, atau aplikasinya sudah dicabut. Minta token baru di /api/v1/oauth/token.',
      en: 'The access token is invalid or expired, or its app was revoked. Get a new one from /api/v1/oauth/token.',
    },
  },
  'auth.scope_missing': {
    status: 403,
    title: { id: 'Cakupan token tidak cukup', en: 'Insufficient scope' },
    detail: { id: 'Token aplikasi ini tidak memuat cakupan "{scope}" yang diperlukan.', en: 'This app token lacks the required scope "{scope}".' },
  },
  'auth.not_for_apps': {
    status: 403,
    title: { id: 'Tidak terbuka untuk aplikasi', en: 'Not open to apps' },
    detail: {
      id: 'Rute ini hanya untuk pengguna yang masuk, tidak untuk aplikasi dengan token, apa pun cakupannya.',
      en: 'This route is for signed-in people only, not for apps with a token, whatever their scopes.',
    },
  },
  'auth.app_rate_limited': {
    status: 429,
    title: { id: 'Terlalu banyak permintaan', en: 'Too many requests' },
    detail: { id: 'Aplikasi ini melampaui batas {limit} permintaan per menit. Coba lagi dalam {seconds} detik.', en: 'This app exceeded its limit of {limit} requests per minute. Retry in {seconds} seconds.' },
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
  // --- integration hub: app catalogue and credentials (src/integration/katalog, src/integration/kredensial) ---
  'integrasi.aplikasi_not_found': {
    status: 404,
    title: { id: 'Aplikasi tidak ditemukan', en: 'App not found' },
    detail: { id: 'Tidak ada aplikasi "{ref}" di katalog.', en: 'There is no app "{ref}" in the catalogue.' },
  },
  'integrasi.aplikasi_kode_dipakai': {
    status: 409,
    title: { id: 'Kode aplikasi sudah dipakai', en: 'App code taken' },
    detail: { id: 'Kode "{kode}" sudah dipakai aplikasi lain; pilih kode lain.', en: 'The code "{kode}" is used by another app; choose another.' },
  },
  'integrasi.aplikasi_bukan_wewenang': {
    status: 403,
    title: { id: 'Bukan aplikasi OPD Anda', en: 'Not your agency\'s app' },
    detail: { id: 'Anda hanya dapat mengelola aplikasi milik OPD Anda; "{kode}" bukan salah satunya.', en: 'You can manage only the apps your agency owns; "{kode}" is not one of them.' },
  },
  // katalog helper (src/integration/katalog): validation, inventory import
  'integrasi.aplikasi_invalid': {
    status: 422,
    title: { id: 'Data aplikasi tidak valid', en: 'Invalid app data' },
    detail: { id: 'Ada isian aplikasi yang tidak memenuhi aturan; lihat daftar kesalahan.', en: 'Some fields of the app break the rules; see the list of errors.' },
  },
  'integrasi.inventaris_invalid': {
    status: 422,
    title: { id: 'Inventaris tidak dapat diterapkan', en: 'Inventory not applied' },
    detail: { id: '{count} baris tidak memenuhi aturan; tidak ada yang disimpan. Perbaiki baris yang disebut lalu unggah lagi.', en: '{count} rows break the rules; nothing was stored. Fix the rows listed and upload again.' },
  },
  'integrasi.inventaris_format': {
    status: 415,
    title: { id: 'Jenis berkas tidak didukung', en: 'Unsupported file type' },
    detail: { id: 'Unggah inventaris sebagai CSV (UTF-8) atau XLSX (Excel 2007 ke atas).', en: 'Upload the inventory as CSV (UTF-8) or XLSX (Excel 2007 or later).' },
  },
  'integrasi.inventaris_encoding': {
    status: 400,
    title: { id: 'Pengodean berkas salah', en: 'Wrong file encoding' },
    detail: {
      id: 'Berkas CSV harus UTF-8, tetapi berkas ini {found}. Di Excel pilih "Simpan Sebagai" → "CSV UTF-8", lalu unggah lagi.',
      en: 'A CSV file must be UTF-8, but this file is {found}. In Excel choose "Save As" → "CSV UTF-8", then upload again.',
    },
  },
  'integrasi.inventaris_csv_rusak': {
    status: 400,
    title: { id: 'CSV tidak dapat dibaca', en: 'CSV cannot be read' },
    detail: {
      id: 'CSV rusak mulai baris {line}: {reason}. Periksa tanda kutip yang tidak ditutup, lalu unggah lagi.',
      en: 'The CSV is broken from line {line}: {reason}. Look for an unclosed quote, then upload again.',
    },
  },
  'integrasi.inventaris_xlsx_rusak': {
    status: 400,
    title: { id: 'XLSX tidak dapat dibaca', en: 'XLSX cannot be read' },
    detail: { id: 'Berkas XLSX rusak atau bukan buku kerja Excel. Buka dan simpan ulang di Excel, lalu unggah lagi.', en: 'The XLSX file is broken or not an Excel workbook. Open and save it again in Excel, then upload again.' },
  },
  'integrasi.inventaris_kosong': {
    status: 400,
    title: { id: 'Inventaris kosong', en: 'Empty inventory' },
    detail: { id: 'Berkas tidak berisi baris judul kolom dan baris aplikasi.', en: 'The file holds no header row and no app rows.' },
  },
  'integrasi.inventaris_kolom_wajib': {
    status: 400,
    title: { id: 'Kolom wajib tidak ada', en: 'Required columns missing' },
    detail: { id: 'Baris judul tidak memuat kolom {columns}. Kolom yang ditemukan: {found}.', en: 'The header row lacks the columns {columns}. Columns found: {found}.' },
  },
  'integrasi.inventaris_kolom_ganda': {
    status: 400,
    title: { id: 'Kolom ganda', en: 'Duplicate column' },
    detail: { id: 'Kolom {column} muncul lebih dari sekali di baris judul ({headers}).', en: 'The column {column} appears more than once in the header row ({headers}).' },
  },
  'integrasi.inventaris_kepala_gabung': {
    status: 400,
    title: { id: 'Sel judul digabung', en: 'Merged header cells' },
    detail: {
      id: 'Baris judul memuat sel yang digabung ({cells}). Pisahkan sel itu (Batalkan Gabung Sel) sehingga setiap kolom punya judulnya sendiri.',
      en: 'The header row has merged cells ({cells}). Unmerge them so that every column has its own header.',
    },
  },
  'integrasi.inventaris_terlalu_banyak': {
    status: 413,
    title: { id: 'Terlalu banyak baris', en: 'Too many rows' },
    detail: { id: 'Inventaris berisi {rows} baris; paling banyak {limit} baris per unggahan.', en: 'The inventory has {rows} rows; at most {limit} rows per upload.' },
  },
  'integrasi.klien_not_found': {
    status: 404,
    title: { id: 'Klien tidak ditemukan', en: 'Client not found' },
    detail: { id: 'Tidak ada klien aplikasi dengan client_id "{clientId}".', en: 'There is no app client with client_id "{clientId}".' },
  },
  'integrasi.klien_dicabut': {
    status: 409,
    title: { id: 'Klien sudah dicabut', en: 'Client revoked' },
    detail: { id: 'Klien "{clientId}" sudah dicabut; buat klien baru.', en: 'Client "{clientId}" was revoked; create a new one.' },
  },
  'oauth.invalid_request': {
    status: 400,
    title: { id: 'Permintaan token tidak lengkap', en: 'Invalid token request' },
    detail: { id: 'Kirim grant_type=client_credentials beserta client_id dan client_secret.', en: 'Send grant_type=client_credentials with client_id and client_secret.' },
  },
  'oauth.unsupported_grant_type': {
    status: 400,
    title: { id: 'Jenis grant tidak didukung', en: 'Unsupported grant type' },
    detail: { id: 'Padu hanya mendukung grant_type=client_credentials untuk aplikasi.', en: 'Padu supports only grant_type=client_credentials for apps.' },
  },
  'oauth.invalid_client': {
    status: 401,
    title: { id: 'Klien tidak dikenali', en: 'Invalid client' },
    detail: {
      id: 'client_id atau client_secret salah, atau klien/aplikasinya sudah dicabut atau nonaktif.',
      en: 'The client_id or client_secret is wrong, or the client or its app was revoked or deactivated.',
    },
  },
  'oauth.invalid_scope': {
    status: 400,
    title: { id: 'Cakupan tidak diizinkan', en: 'Invalid scope' },
    detail: { id: 'Aplikasi ini tidak diberi cakupan: {scopes}.', en: 'This app was not granted the scopes: {scopes}.' },
  },
  // --- end of integration hub: app catalogue and credentials ---
  // --- integration hub: change feed and webhooks (src/integration/feed, src/integration/webhook) ---
  'integrasi.webhook_not_found': {
    status: 404,
    title: { id: 'Langganan webhook tidak ditemukan', en: 'Webhook subscription not found' },
    detail: { id: 'Tidak ada langganan webhook "{id}".', en: 'There is no webhook subscription "{id}".' },
  },
  'integrasi.kiriman_not_found': {
    status: 404,
    title: { id: 'Kiriman webhook tidak ditemukan', en: 'Webhook delivery not found' },
    detail: { id: 'Tidak ada kiriman webhook "{id}".', en: 'There is no webhook delivery "{id}".' },
  },
  // --- end of integration hub: change feed and webhooks ---
  // --- integration hub: imports and reconciliation (src/integration/impor) ---
  'integrasi.impor_not_found': {
    status: 404,
    title: { id: 'Impor tidak ditemukan', en: 'Import not found' },
    detail: { id: 'Tidak ada impor "{ref}".', en: 'There is no import "{ref}".' },
  },
  'integrasi.impor_dataset': {
    status: 400,
    title: { id: 'Dataset tidak didukung', en: 'Dataset not supported' },
    detail: { id: 'Impor mendukung dataset: {allowed}; bukan "{dataset}".', en: 'Imports support the datasets {allowed}; not "{dataset}".' },
  },
  'integrasi.impor_kosong': {
    status: 422,
    title: { id: 'Berkas kosong', en: 'Empty file' },
    detail: { id: 'Berkas tidak berisi baris data ({detail}).', en: 'The file holds no data rows ({detail}).' },
  },
  'integrasi.impor_terlalu_besar': {
    status: 413,
    title: { id: 'Berkas terlalu besar', en: 'File too large' },
    detail: { id: 'Berkas impor paling besar {limit} bita.', en: 'An import file may be at most {limit} bytes.' },
  },
  'integrasi.impor_encoding': {
    status: 422,
    title: { id: 'Encoding berkas salah', en: 'Wrong file encoding' },
    detail: {
      id: 'Berkas bukan UTF-8: bita 0x{byte} pada baris {line} (kemungkinan Windows-1252/ANSI dari Excel). Simpan ulang sebagai "CSV UTF-8".',
      en: 'The file is not UTF-8: byte 0x{byte} on line {line} (likely Windows-1252/ANSI from Excel). Save it again as "CSV UTF-8".',
    },
  },
  'integrasi.impor_csv_rusak': {
    status: 422,
    title: { id: 'CSV rusak', en: 'Malformed CSV' },
    detail: { id: 'CSV tidak dapat dibaca pada baris {line}: {reason}.', en: 'The CSV cannot be read at line {line}: {reason}.' },
  },
  'integrasi.impor_json_rusak': {
    status: 422,
    title: { id: 'JSON tidak sesuai', en: 'Malformed JSON' },
    detail: { id: 'Berkas JSON harus berupa larik objek, satu objek per baris data: {reason}.', en: 'A JSON file must be an array of objects, one per record: {reason}.' },
  },
  'integrasi.impor_xlsx_rusak': {
    status: 422,
    title: { id: 'XLSX tidak dapat dibaca', en: 'Unreadable XLSX' },
    detail: { id: 'Berkas XLSX tidak dapat dibaca: {reason}.', en: 'The XLSX file cannot be read: {reason}.' },
  },
  'integrasi.impor_header_gabung': {
    status: 422,
    title: { id: 'Judul kolom digabung', en: 'Merged header cells' },
    detail: {
      id: 'Baris judul berisi sel yang digabung ({ranges}). Pisahkan sel judul agar setiap kolom punya satu judul.',
      en: 'The header row has merged cells ({ranges}). Unmerge them so each column has one header.',
    },
  },
  'integrasi.impor_header_ganda': {
    status: 422,
    title: { id: 'Judul kolom ganda', en: 'Duplicate column headers' },
    detail: { id: 'Judul kolom harus unik dan tidak kosong: {columns}.', en: 'Column headers must be unique and not blank: {columns}.' },
  },
  'integrasi.impor_status': {
    status: 409,
    title: { id: 'Impor tidak dapat diproses', en: 'Import cannot proceed' },
    detail: { id: 'Impor berstatus "{status}": {reason}.', en: 'The import is "{status}": {reason}.' },
  },
  'integrasi.impor_tidak_valid': {
    status: 409,
    title: { id: 'Masih ada baris tidak valid', en: 'Invalid rows remain' },
    detail: {
      id: '{count} baris tidak valid; tidak ada yang diterapkan. Perbaiki berkas dan unggah ulang.',
      en: '{count} rows are invalid; nothing was applied. Fix the file and upload it again.',
    },
  },
  'integrasi.pemetaan_tidak_valid': {
    status: 400,
    title: { id: 'Pemetaan kolom tidak valid', en: 'Invalid column mapping' },
    detail: { id: 'Pemetaan kolom tidak valid: {reason}.', en: 'The column mapping is invalid: {reason}.' },
  },
  'integrasi.konflik_not_found': {
    status: 404,
    title: { id: 'Konflik tidak ditemukan', en: 'Conflict not found' },
    detail: { id: 'Tidak ada konflik "{ref}".', en: 'There is no conflict "{ref}".' },
  },
  'integrasi.konflik_diputuskan': {
    status: 409,
    title: { id: 'Konflik sudah diputuskan', en: 'Conflict already decided' },
    detail: { id: 'Konflik ini sudah diputuskan.', en: 'This conflict has been decided already.' },
  },
  'integrasi.konflik_nilai': {
    status: 422,
    title: { id: 'Nilai koreksi tidak valid', en: 'Invalid corrected value' },
    detail: { id: 'Nilai untuk {field} melanggar aturan: {rules}.', en: 'The value for {field} breaks the rules: {rules}.' },
  },
  // --- end of integration hub: imports and reconciliation ---
  // --- integration hub: service gateway (src/integration/gateway) ---
  'integrasi.gw_layanan_not_found': {
    status: 404,
    title: { id: 'Layanan gateway tidak ditemukan', en: 'Gateway service not found' },
    detail: { id: 'Tidak ada layanan gateway "{ref}".', en: 'There is no gateway service "{ref}".' },
  },
  'integrasi.gw_layanan_kode_dipakai': {
    status: 409,
    title: { id: 'Kode layanan sudah dipakai', en: 'Service code taken' },
    detail: { id: 'Aplikasi "{aplikasi}" sudah punya layanan berkode "{kode}"; pilih kode lain.', en: 'The app "{aplikasi}" already has a service with code "{kode}"; choose another.' },
  },
  'integrasi.gw_openapi_tidak_sah': {
    status: 422,
    title: { id: 'Dokumen OpenAPI tidak valid', en: 'Invalid OpenAPI document' },
    detail: { id: 'Dokumen harus objek JSON dengan "openapi" (versi 3.x) dan "paths".', en: 'The document must be a JSON object with "openapi" (version 3.x) and "paths".' },
  },
  'integrasi.gw_openapi_tidak_ada': {
    status: 404,
    title: { id: 'Belum ada dokumen OpenAPI', en: 'No OpenAPI document' },
    detail: { id: 'Layanan "{ref}" belum punya dokumen OpenAPI.', en: 'The service "{ref}" has no OpenAPI document yet.' },
  },
  'integrasi.gw_izin_not_found': {
    status: 404,
    title: { id: 'Izin tidak ditemukan', en: 'Grant not found' },
    detail: { id: 'Tidak ada izin "{ref}" pada layanan ini.', en: 'There is no grant "{ref}" on this service.' },
  },
  'integrasi.gw_izin_sudah_ada': {
    status: 409,
    title: { id: 'Izin sudah ada', en: 'Grant exists' },
    detail: { id: 'Aplikasi "{klien}" sudah diberi izin memanggil layanan "{kode}"; ubah izin yang ada.', en: 'The app "{klien}" already holds a grant for the service "{kode}"; edit that grant.' },
  },
  'integrasi.gw_tidak_dikenal': {
    status: 404,
    title: { id: 'Layanan tidak dikenal', en: 'Unknown service' },
    detail: { id: 'Tidak ada layanan "{service}" milik aplikasi "{app}" di gateway.', en: 'The gateway has no service "{service}" of the app "{app}".' },
  },
  'integrasi.gw_tidak_diizinkan': {
    status: 403,
    title: { id: 'Tidak diizinkan', en: 'Not granted' },
    detail: { id: 'Aplikasi "{caller}" tidak diberi izin untuk {method} {path} pada layanan "{service}".', en: 'The app "{caller}" is not granted {method} {path} on the service "{service}".' },
  },
  'integrasi.gw_dijeda': {
    status: 503,
    title: { id: 'Layanan dijeda', en: 'Service paused' },
    detail: { id: 'Layanan "{service}" sedang dijeda oleh pengelolanya. Coba lagi nanti.', en: 'The service "{service}" is paused by its managers. Try again later.' },
  },
  'integrasi.gw_path_tidak_sah': {
    status: 400,
    title: { id: 'Alamat tidak sah', en: 'Invalid path' },
    detail: { id: 'Alamat yang memuat segmen titik atau garis miring yang disandikan tidak diteruskan.', en: 'Paths with dot segments or encoded slashes are not forwarded.' },
  },
  'integrasi.gw_permintaan_terlalu_besar': {
    status: 413,
    title: { id: 'Permintaan terlalu besar', en: 'Request too large' },
    detail: { id: 'Isi permintaan melebihi batas layanan ini ({limit} bita).', en: 'The request body exceeds this service\'s limit ({limit} bytes).' },
  },
  'integrasi.gw_respons_terlalu_besar': {
    status: 502,
    title: { id: 'Jawaban terlalu besar', en: 'Response too large' },
    detail: { id: 'Jawaban layanan melebihi batas {limit} bita dan tidak diteruskan.', en: 'The service\'s response exceeds the limit of {limit} bytes and was not passed on.' },
  },
  'integrasi.gw_waktu_habis': {
    status: 504,
    title: { id: 'Layanan tidak menjawab', en: 'Service timed out' },
    detail: { id: 'Layanan "{service}" tidak menjawab dalam {ms} ms.', en: 'The service "{service}" did not answer within {ms} ms.' },
  },
  'integrasi.gw_backend_gagal': {
    status: 502,
    title: { id: 'Layanan tidak dapat dihubungi', en: 'Service unreachable' },
    detail: { id: 'Padu tidak dapat menghubungi layanan "{service}".', en: 'Padu could not reach the service "{service}".' },
  },
  // --- end of integration hub: service gateway ---
} satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof errorCatalog;
