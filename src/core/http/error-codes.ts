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
} satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof errorCatalog;
