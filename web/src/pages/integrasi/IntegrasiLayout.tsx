import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { hasPermission, useMe } from '../../auth/AuthProvider';
import { AccessDeniedPage } from '../StatusPages';
import { useI18n } from '../../i18n/I18nProvider';
import { INTEGRASI_PERMISSIONS, INTEGRASI_TABS } from './tabs';
import './integrasi.css';

/** The integration hub: its tabs (one per part of the hub, from tabs.ts) above the page of the tab. */
export function IntegrasiLayout() {
  const me = useMe();
  const { t } = useI18n();
  const { pathname } = useLocation();
  // The catalogue tab also stands for its own sub-pages (an app, a new app, the inventory import).
  const inCatalogue = pathname === '/integrasi' || /^\/integrasi\/(aplikasi|inventaris)(\/|$)/.test(pathname);
  if (!INTEGRASI_PERMISSIONS.some((permission) => hasPermission(me, permission))) return <AccessDeniedPage />;
  const tabs = INTEGRASI_TABS.filter((tab) => tab.anyPermission.some((permission) => hasPermission(me, permission)));
  return (
    <div className="integrasi">
      <nav className="tab-links" aria-label={t('integrasi.tabs.label')}>
        <ul>
          {tabs.map((tab) => (
            <li key={tab.path}>
              {tab.path === '' ? (
                <Link to="/integrasi" aria-current={inCatalogue ? 'page' : undefined}>
                  {t(tab.label)}
                </Link>
              ) : (
                <NavLink to={`/integrasi/${tab.path}`}>{t(tab.label)}</NavLink>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
