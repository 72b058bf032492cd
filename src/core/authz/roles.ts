import type { Text } from '../i18n/locale.js';

/** Every permission a route can declare. Modules add theirs here when they land. */
export const permissions = ['user.read', 'user.manage', 'audit.read', 'organisasi.manage', 'wilayah.manage',
  // registry penduduk: masked reads; full record with a stated reason (logged); changes; yes/no verification
  'penduduk.read', 'penduduk.read_full', 'penduduk.manage', 'penduduk.verify',
  // registry pegawai: read (OPD-scoped for operators), change, yes/no NIP verification
  'pegawai.read', 'pegawai.manage', 'pegawai.verify',
  // registry program: nomenclature import (city-wide) and anggaran writes (OPD-scoped for operators); reads are signed-in
  'program.manage',
  // self scope: the account's own resident record and who saw it (warga), own employee record (pegawai)
  'penduduk.self', 'pegawai.self',
  // e-kelurahan (src/modules/layanan): own requests (warga); kelurahan work queues; signing; the kecamatan view; figures; catalogue and calendar
  'layanan.self', 'layanan.proses', 'layanan.tandatangan', 'layanan.kecamatan', 'layanan.statistik', 'layanan.kelola',
  // integration hub (src/integration): see the catalogue, map, usage and logs; manage apps, credentials, webhooks and
  // services (OPD-scoped for operators: the apps their OPD owns); run imports; resolve conflicts in the reconciliation queue
  'integrasi.read', 'integrasi.manage', 'integrasi.impor', 'integrasi.rekonsiliasi',
  // which registry data an app may read or change (its scopes): decided city-wide, never by the app's own OPD
  'integrasi.izin'] as const;
export type Permission = (typeof permissions)[number];

export type ScopeType = 'city' | 'opd' | 'kelurahan' | 'self';

export interface RoleDefinition {
  code: string;
  scopeType: ScopeType;
  label: Text;
  permissions: readonly Permission[];
}

/**
 * The roles of a city government. A grant of a role carries one scope of the role's scope type:
 * the whole city, one OPD, one kelurahan, or only the person's own records.
 */
export const roles = [
  { code: 'admin', scopeType: 'city', label: { id: 'Admin Platform (Diskominfo)', en: 'Platform admin (Diskominfo)' }, permissions },
  { code: 'pimpinan', scopeType: 'city', label: { id: 'Pimpinan', en: 'Leader' }, permissions: ['user.read', 'penduduk.read', 'pegawai.read', 'layanan.statistik', 'integrasi.read'] },
  { code: 'auditor', scopeType: 'city', label: { id: 'Auditor Inspektorat', en: 'Auditor (Inspectorate)' }, permissions: ['audit.read', 'user.read', 'pegawai.read', 'integrasi.read'] },
  { code: 'opd_operator', scopeType: 'opd', label: { id: 'Operator OPD', en: 'Agency operator' }, permissions: ['organisasi.manage', 'pegawai.read', 'pegawai.manage', 'program.manage', 'integrasi.read', 'integrasi.manage'] },
  // Satu Data's walidata: brings legacy apps' data in (imports) and decides when apps disagree (reconciliation).
  { code: 'walidata', scopeType: 'city', label: { id: 'Walidata', en: 'Data steward (walidata)' }, permissions: ['integrasi.read', 'integrasi.impor', 'integrasi.rekonsiliasi', 'pegawai.read', 'penduduk.read'] },
  // Self roles read the records their account is linked to (PUT /api/v1/users/:id/identitas).
  { code: 'pegawai', scopeType: 'self', label: { id: 'Pegawai', en: 'Employee' }, permissions: ['pegawai.self'] },
  { code: 'petugas_kelurahan', scopeType: 'kelurahan', label: { id: 'Petugas Kelurahan', en: 'Kelurahan officer' }, permissions: ['penduduk.read', 'penduduk.read_full', 'penduduk.manage', 'layanan.proses'] },
  { code: 'lurah', scopeType: 'kelurahan', label: { id: 'Lurah', en: 'Lurah (village head)' }, permissions: ['penduduk.read', 'penduduk.read_full', 'penduduk.manage', 'layanan.proses', 'layanan.tandatangan', 'layanan.statistik'] },
  // Signs the letters whose type names the sekretaris as signer ("a.n. Lurah").
  { code: 'sekretaris_kelurahan', scopeType: 'kelurahan', label: { id: 'Sekretaris Kelurahan', en: 'Kelurahan secretary' }, permissions: ['layanan.proses', 'layanan.tandatangan'] },
  // The camat's scope is the kecamatan's OPD (organisasi, jenis kecamatan, with its kode wilayah).
  { code: 'camat', scopeType: 'opd', label: { id: 'Camat', en: 'Camat (district head)' }, permissions: ['layanan.kecamatan', 'layanan.statistik'] },
  { code: 'warga', scopeType: 'self', label: { id: 'Warga', en: 'Resident' }, permissions: ['penduduk.self', 'layanan.self'] },
] as const satisfies readonly RoleDefinition[];

export type RoleCode = (typeof roles)[number]['code'];

const byCode = new Map<string, RoleDefinition>(roles.map((role) => [role.code, role]));

export function findRole(code: string): RoleDefinition | undefined {
  return byCode.get(code);
}
