import { useState, type FormEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { nextPathFrom } from '../auth/redirect';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextField } from '../components/fields';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { useSubmission } from '../hooks/useSubmission';
import { useI18n } from '../i18n/I18nProvider';
import { Brand } from '../shell/Brand';
import { Footer } from '../shell/Footer';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { MAIN_CONTENT_ID, SkipLink } from '../shell/SkipLink';

export function SignInPage() {
  const { state, signIn } = useAuth();
  const { t } = useI18n();
  const [searchParams] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { pending, error, submit } = useSubmission();

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'authenticated') return <Navigate to={nextPathFrom(searchParams)} replace />;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      try {
        await signIn(username.trim(), password);
      } catch (failure) {
        setPassword('');
        throw failure;
      }
    });
  }

  return (
    <>
      <SkipLink />
      <header className="app-header">
        <div className="app-header__inner app-header__inner--simple">
          <Brand />
          <LanguageSwitch />
        </div>
      </header>
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="page page--narrow">
        <div className="card">
          <PageHeading>{t('signIn.title')}</PageHeading>
          <p className="lead">{t('signIn.intro')}</p>
          <ErrorAlert error={error} />
          <form className="form" onSubmit={handleSubmit} noValidate aria-busy={pending}>
            <TextField
              label={t('signIn.username')}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
            <TextField
              label={t('signIn.password')}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
            <button type="submit" className="button">
              {t('signIn.submit')}
            </button>
          </form>
          <p>
            {t('signIn.noAccount')} <Link to="/daftar">{t('signIn.daftar')}</Link>
          </p>
          <p>
            {t('signIn.trackQuestion')} <Link to="/lacak">{t('signIn.track')}</Link>
          </p>
        </div>
      </main>
      <Footer />
    </>
  );
}
