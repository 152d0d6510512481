import { NavLink, Outlet } from 'react-router';
import { useT } from '../i18n';
import { AccountMenu } from './AccountMenu';
import { LanguageSwitcher } from './LanguageSwitcher';
import { NottaMark } from './NottaMark';

/** The frame of every page: skip link, header with product name, navigation and language switcher, main, footer. */
export function Layout() {
  const { t } = useT();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="header">
        <div className="header__inner">
          <NavLink to="/integrations" className="brand">
            <NottaMark />
            <span className="brand__name">{t('app.name')}</span>
          </NavLink>
          <nav className="nav" aria-label={t('nav.label')}>
            <NavLink to="/integrations" className="nav__link">
              {t('nav.integrations')}
            </NavLink>
            <NavLink to="/status" className="nav__link">
              {t('nav.status')}
            </NavLink>
          </nav>
          <div className="header__end">
            <LanguageSwitcher />
            <AccountMenu />
          </div>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer">
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}
