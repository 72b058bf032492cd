import { useState } from 'react';
import { useAuth, useMe } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { LanguageSwitch } from './LanguageSwitch';

export function UserPanel() {
  const me = useMe();
  const { signOut } = useAuth();
  const { t } = useI18n();
  const [signingOut, setSigningOut] = useState(false);

  async function handleSignOut() {
    setSigningOut(true);
    // Whatever the server says, the local session ends and RequireAuth shows the sign-in page.
    await signOut().catch(() => undefined);
  }

  return (
    <div className="user-panel">
      <p className="user-panel__name">
        <span className="visually-hidden">{t('shell.account')} </span>
        {me.user.displayName}
      </p>
      <LanguageSwitch />
      <button type="button" className="button button--secondary" onClick={handleSignOut} disabled={signingOut}>
        {t('shell.signOut')}
      </button>
    </div>
  );
}
