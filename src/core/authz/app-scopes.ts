import type { Text } from '../i18n/locale.js';
import type { Permission } from './roles.js';

/**
 * What an app (OAuth client) may ask for in a token: `<dataset>:<operation>`. A route opens
 * itself to apps by declaring one of these (`config.appScope`); a route that declares none
 * answers 403 to every app, whatever its token says. A scope also grants the permissions the
 * route's service checks, in the place (city, OPD, kelurahan) the app was granted it.
 */
export const appScopes = {
  'wilayah:read': { permissions: [], label: { id: 'Baca wilayah', en: 'Read regions' } },
  'organisasi:read': { permissions: [], label: { id: 'Baca OPD, unit dan jabatan', en: 'Read agencies, units and positions' } },
  'pegawai:read': { permissions: ['pegawai.read'], label: { id: 'Baca data pegawai', en: 'Read employees' } },
  'pegawai:verify': { permissions: ['pegawai.verify'], label: { id: 'Verifikasi NIP (ya/tidak)', en: 'Verify a NIP (yes/no)' } },
  'pegawai:write': { permissions: ['pegawai.read', 'pegawai.manage'], label: { id: 'Ubah data pegawai', en: 'Change employees' } },
  'penduduk:read': { permissions: ['penduduk.read'], label: { id: 'Baca data penduduk (tersamar)', en: 'Read residents (masked)' } },
  'penduduk:read-full': {
    permissions: ['penduduk.read', 'penduduk.read_full'],
    label: { id: 'Baca data penduduk lengkap (dengan alasan, dicatat)', en: 'Read full resident records (with a reason, logged)' },
  },
  'penduduk:verify': { permissions: ['penduduk.verify'], label: { id: 'Verifikasi NIK (ya/tidak)', en: 'Verify a NIK (yes/no)' } },
  'program:read': { permissions: [], label: { id: 'Baca program dan anggaran', en: 'Read programmes and budgets' } },
  'events:read': { permissions: ['integrasi.read'], label: { id: 'Baca umpan perubahan (events)', en: 'Read the change feed' } },
} as const satisfies Record<string, { permissions: readonly Permission[]; label: Text }>;

export type AppScope = keyof typeof appScopes;

export const APP_SCOPES = Object.keys(appScopes) as AppScope[];

export function isAppScope(value: string): value is AppScope {
  return Object.hasOwn(appScopes, value);
}

/** The registry dataset a scope is about (`pegawai:read` → `pegawai`), for metering and levels. */
export function datasetOf(scope: string): string {
  return scope.split(':')[0] ?? scope;
}
