import type { RoleDefinition, RoleGrant } from '../api/types';
import type { Lang, MessageParams } from './I18nProvider';
import type { MessageKey } from './id';

/**
 * Labels of the built-in roles (as the server's GET /api/v1/roles gives them), for pages that
 * cannot load the catalogue: it needs `user.read`, while everyone sees their own roles.
 */
const BUILT_IN_LABELS: Record<Lang, Record<string, string>> = {
  id: {
    admin: 'Admin Platform (Diskominfo)',
    pimpinan: 'Pimpinan',
    opd_operator: 'Operator OPD',
    pegawai: 'Pegawai',
    petugas_kelurahan: 'Petugas Kelurahan',
    lurah: 'Lurah',
    auditor: 'Auditor Inspektorat',
    warga: 'Warga',
    walidata: 'Walidata',
  },
  en: {
    admin: 'Platform admin (Diskominfo)',
    pimpinan: 'Leader',
    opd_operator: 'Agency operator',
    pegawai: 'Employee',
    petugas_kelurahan: 'Kelurahan officer',
    lurah: 'Lurah (village head)',
    auditor: 'Auditor (Inspectorate)',
    warga: 'Resident',
    walidata: 'Data steward (walidata)',
  },
};

export function roleLabel(code: string, lang: Lang, catalogue?: readonly RoleDefinition[]): string {
  return catalogue?.find((role) => role.code === code)?.label[lang] ?? BUILT_IN_LABELS[lang][code] ?? code;
}

type Translate = (key: MessageKey, params?: MessageParams) => string;

export function scopeLabel(grant: Pick<RoleGrant, 'scopeType' | 'scopeCode'>, t: Translate): string {
  const code = grant.scopeCode ?? '';
  switch (grant.scopeType) {
    case 'city':
      return t('scope.city');
    case 'opd':
      return t('scope.opd', { code });
    case 'kelurahan':
      return t('scope.kelurahan', { code });
    case 'self':
      return t('scope.self');
  }
}
