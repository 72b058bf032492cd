import { useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { SIGN_IN_PATH } from '../../auth/redirect';
import { TextField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { LocalInvalid, useFormSubmission } from '../../hooks/useFormSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import { Brand } from '../../shell/Brand';
import { Footer } from '../../shell/Footer';
import { LanguageSwitch } from '../../shell/LanguageSwitch';
import { MAIN_CONTENT_ID, SkipLink } from '../../shell/SkipLink';
import { daftarWarga } from './api';

const MIN_PASSWORD = 10;

/**
 * "Daftar akun warga": a resident opens their own account by giving their NIK, full name and
 * birth date as the registry holds them, and a password; they are signed in and land on the home
 * page. When the three do not match, the page says so without saying which one (the server does not
 * tell either). Public: reached from the sign-in page.
 */
export function DaftarPage() {
  const { state, refresh } = useAuth();
  const { t } = useI18n();
  const [nik, setNik] = useState('');
  const [nama, setNama] = useState('');
  const [tanggalLahir, setTanggalLahir] = useState('');
  const [telepon, setTelepon] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [ulang, setUlang] = useState('');
  const { pending, error, submit, form, errors } = useFormSubmission();

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'authenticated') return <Navigate to="/" replace />;

  const code = error instanceof ApiError ? error.problem?.code : undefined;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      const local: Record<string, string> = {};
      const digits = nik.replace(/[\s.-]/g, '');
      if (!/^\d{16}$/.test(digits)) local.nik = t('daftar.error.nik');
      if (!nama.trim()) local.nama = t('daftar.error.nama');
      if (!tanggalLahir) local.tanggalLahir = t('daftar.error.tanggalLahir');
      if (password.length < MIN_PASSWORD) local.password = t('daftar.error.password', { min: MIN_PASSWORD });
      else if (password !== ulang) local.ulang = t('daftar.error.ulang');
      if (Object.keys(local).length > 0) throw new LocalInvalid(local);
      try {
        await daftarWarga({ nik: digits, nama: nama.trim(), tanggalLahir, password, telepon: telepon.trim() || null, email: email.trim() || null });
      } catch (failure) {
        setPassword('');
        setUlang('');
        throw failure;
      }
      // The account is signed in by the answer's cookie; loading it moves the page to home.
      await refresh();
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
          <PageHeading>{t('daftar.title')}</PageHeading>
          <p className="lead">{t('daftar.intro')}</p>
          <FormAlert error={error} checkFields={t('daftar.checkFields')} />
          {code === 'portal.nik_sudah_terdaftar' && (
            <p>
              <Link to={SIGN_IN_PATH}>{t('daftar.toSignIn')}</Link>
            </p>
          )}
          <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-label={t('daftar.title')}>
            <TextField
              label={t('daftar.nik')}
              hint={t('daftar.nik.hint')}
              name="nik"
              inputMode="numeric"
              autoComplete="off"
              maxLength={24}
              required
              value={nik}
              error={errors.nik}
              onChange={(event) => setNik(event.target.value)}
            />
            <TextField
              label={t('daftar.nama')}
              hint={t('daftar.nama.hint')}
              name="nama"
              autoComplete="name"
              maxLength={150}
              required
              value={nama}
              error={errors.nama}
              onChange={(event) => setNama(event.target.value)}
            />
            <TextField
              label={t('daftar.tanggalLahir')}
              name="tanggalLahir"
              type="date"
              autoComplete="bday"
              required
              value={tanggalLahir}
              error={errors.tanggalLahir}
              onChange={(event) => setTanggalLahir(event.target.value)}
            />
            <TextField
              label={t('daftar.telepon')}
              hint={t('daftar.telepon.hint')}
              name="telepon"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              maxLength={30}
              value={telepon}
              error={errors.telepon}
              onChange={(event) => setTelepon(event.target.value)}
            />
            <TextField
              label={t('daftar.email')}
              name="email"
              type="email"
              autoComplete="email"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={200}
              value={email}
              error={errors.email}
              onChange={(event) => setEmail(event.target.value)}
            />
            <TextField
              label={t('daftar.password')}
              hint={t('daftar.password.hint', { min: MIN_PASSWORD })}
              name="password"
              type="password"
              autoComplete="new-password"
              required
              value={password}
              error={errors.password}
              onChange={(event) => setPassword(event.target.value)}
            />
            <TextField
              label={t('daftar.ulang')}
              name="ulang"
              type="password"
              autoComplete="new-password"
              required
              value={ulang}
              error={errors.ulang}
              onChange={(event) => setUlang(event.target.value)}
            />
            <button type="submit" className="button">
              {pending ? t('daftar.pending') : t('daftar.submit')}
            </button>
          </form>
          <p>
            {t('daftar.haveAccount')} <Link to={SIGN_IN_PATH}>{t('daftar.signIn')}</Link>
          </p>
        </div>
      </main>
      <Footer />
    </>
  );
}
