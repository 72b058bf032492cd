import { useEffect, useRef, useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';
import { Brand } from './Brand';
import { Footer } from './Footer';
import { MainNav } from './MainNav';
import { MAIN_CONTENT_ID, SkipLink } from './SkipLink';
import { UserPanel } from './UserPanel';

const MENU_ID = 'menu-aplikasi';

/** Layout of every signed-in page: header with navigation, main content, footer. */
export function Shell() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const main = useRef<HTMLElement>(null);
  const previousPath = useRef(pathname);

  // On navigation: close the phone menu and move focus to the new content,
  // so keyboard and screen-reader users start reading the new page.
  useEffect(() => {
    if (previousPath.current === pathname) return;
    previousPath.current = pathname;
    setMenuOpen(false);
    main.current?.focus();
  }, [pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    function closeOnEscape(event: KeyboardEvent) {
      if (event.key !== 'Escape') return;
      setMenuOpen(false);
      menuButton.current?.focus();
    }
    document.addEventListener('keydown', closeOnEscape);
    return () => document.removeEventListener('keydown', closeOnEscape);
  }, [menuOpen]);

  return (
    <>
      <SkipLink />
      <header className="app-header">
        <div className="app-header__inner">
          <Brand />
          <button
            ref={menuButton}
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls={MENU_ID}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d={menuOpen ? 'M6 6l12 12M18 6L6 18' : 'M4 7h16M4 12h16M4 17h16'} />
            </svg>
            {t('shell.menu')}
          </button>
          <div id={MENU_ID} className={menuOpen ? 'app-menu app-menu--open' : 'app-menu'}>
            <MainNav />
            <UserPanel />
          </div>
        </div>
      </header>
      <main id={MAIN_CONTENT_ID} ref={main} tabIndex={-1} className="page">
        <Outlet />
      </main>
      <Footer />
    </>
  );
}
