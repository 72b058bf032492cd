import { NavLink } from 'react-router';
import { hasPermission, useMe } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/id';

interface NavItem {
  to: string;
  label: MessageKey;
  permission?: string;
  /** Shown when the user has any one of these. */
  anyPermission?: readonly string[];
}

const ITEMS: NavItem[] = [
  { to: '/', label: 'nav.home' },
  { to: '/pengguna', label: 'nav.users', permission: 'user.read' },
  { to: '/audit', label: 'nav.audit', permission: 'audit.read' },
  { to: '/wilayah', label: 'nav.wilayah' },
  { to: '/organisasi', label: 'nav.organisasi' },
  { to: '/penduduk', label: 'nav.penduduk', permission: 'penduduk.read' },
  { to: '/pegawai', label: 'nav.pegawai', permission: 'pegawai.read' },
  { to: '/program', label: 'nav.program' },
  { to: '/saya', label: 'nav.saya', anyPermission: ['penduduk.self', 'pegawai.self'] },
  { to: '/layanan', label: 'nav.layanan', permission: 'layanan.self' },
  { to: '/antrian-layanan', label: 'nav.antrianLayanan', permission: 'layanan.proses' },
  { to: '/layanan-kecamatan', label: 'nav.layananKecamatan', permission: 'layanan.kecamatan' },
  { to: '/statistik-layanan', label: 'nav.statistikLayanan', permission: 'layanan.statistik' },
  { to: '/kelola-layanan', label: 'nav.kelolaLayanan', permission: 'layanan.kelola' },
  { to: '/integrasi', label: 'nav.integrasi', anyPermission: ['integrasi.read', 'integrasi.manage', 'integrasi.impor'] },
];

/** Main navigation; NavLink marks the active item with aria-current="page". */
export function MainNav() {
  const me = useMe();
  const { t } = useI18n();
  const visible = ITEMS.filter(
    (item) =>
      (!item.permission || hasPermission(me, item.permission)) &&
      (!item.anyPermission || item.anyPermission.some((permission) => hasPermission(me, permission))),
  );
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul>
        {visible.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.to === '/'}>
              {t(item.label)}
            </NavLink>
          </li>
        ))}
        {hasPermission(me, 'user.manage') && (
          <li>
            <a href="/api/docs">{t('nav.apiDocs')}</a>
          </li>
        )}
      </ul>
    </nav>
  );
}
