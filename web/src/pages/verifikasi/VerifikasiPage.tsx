import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../hooks/useResource';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n, type Lang } from '../../i18n/I18nProvider';
import { Brand } from '../../shell/Brand';
import { Footer } from '../../shell/Footer';
import { LanguageSwitch } from '../../shell/LanguageSwitch';
import { MAIN_CONTENT_ID, SkipLink } from '../../shell/SkipLink';
import { fetchVerifikasi, periksaBerkas, type VerifikasiSurat } from './api';
import './verifikasi.css';

const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

/** '2026-11-28' → '28 November 2026'; a timestamp is read as its day in Padang (WIB). */
export function formatTanggalPanjang(iso: string, lang: Lang): string {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const date = dateOnly ? new Date(Date.UTC(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3]))) : new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: dateOnly ? 'UTC' : 'Asia/Jakarta' }).format(date);
}

/** The public page a letter's QR code leads to: is this letter genuine, and is this file the issued one? */
export function VerifikasiPage() {
  const { token = '' } = useParams();
  const { t } = useI18n();
  const { data, error, loading } = useResource((signal) => fetchVerifikasi(token, signal), [token]);
  const notFound = error instanceof ApiError && error.status === 404;

  return (
    <>
      <SkipLink />
      <header className="app-header">
        <div className="app-header__inner app-header__inner--simple">
          <Brand />
          <LanguageSwitch />
        </div>
      </header>
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="page page--narrow verifikasi">
        <PageHeading>{t('verifikasi.title')}</PageHeading>
        <p className="lead">{t('verifikasi.intro')}</p>
        {loading && !data && <Loading />}
        {notFound && <NotFound />}
        {!notFound && error ? <ErrorAlert error={error} /> : null}
        {data && (
          <>
            <Result surat={data} />
            <FileCheck token={token} surat={data} />
          </>
        )}
      </main>
      <Footer />
    </>
  );
}

function NotFound() {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="verifikasi-banner verifikasi-banner--unknown" role="alert">
      <p className="verifikasi-banner__title">{t('verifikasi.notFound.title')}</p>
      <p>{t('verifikasi.notFound.body')}</p>
    </div>
  );
}

function Result({ surat }: { surat: VerifikasiSurat }) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const valid = surat.status === 'valid';
  // The verdict is what the visitor came for: move focus there so it is read out first.
  useEffect(() => ref.current?.focus(), []);

  return (
    <section aria-labelledby="verifikasi-detail">
      <div
        ref={ref}
        tabIndex={-1}
        className={`verifikasi-banner ${valid ? 'verifikasi-banner--valid' : 'verifikasi-banner--dicabut'}`}
        role={valid ? 'status' : 'alert'}
      >
        <svg className="verifikasi-banner__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          {valid ? <path d="M4 12.5l5 5L20 6.5" /> : <path d="M6 6l12 12M18 6L6 18" />}
        </svg>
        <div>
          <p className="verifikasi-banner__title">{valid ? t('verifikasi.valid.title') : t('verifikasi.dicabut.title')}</p>
          {valid ? (
            <p>{t('verifikasi.valid.body', { kelurahan: surat.kelurahan })}</p>
          ) : (
            <>
              {surat.dicabutPada && <p>{t('verifikasi.dicabut.pada', { tanggal: formatTanggalPanjang(surat.dicabutPada, lang) })}</p>}
              {surat.alasanCabut && <p>{t('verifikasi.dicabut.alasan', { alasan: surat.alasanCabut })}</p>}
              <p>{t('verifikasi.dicabut.body')}</p>
            </>
          )}
        </div>
      </div>
      <div className="card">
        <h2 id="verifikasi-detail">{t('verifikasi.detail.title')}</h2>
        <dl className="details verifikasi-details">
          <dt>{t('verifikasi.detail.jenis')}</dt>
          <dd>{surat.jenis}</dd>
          <dt>{t('verifikasi.detail.nomor')}</dt>
          <dd className="verifikasi-details__nomor">{surat.nomor}</dd>
          <dt>{t('verifikasi.detail.tanggal')}</dt>
          <dd>{formatTanggalPanjang(surat.tanggal, lang)}</dd>
          <dt>{t('verifikasi.detail.pemegang')}</dt>
          <dd>{surat.pemegang}</dd>
          <dt>{t('verifikasi.detail.kelurahan')}</dt>
          <dd>{surat.kelurahan}</dd>
        </dl>
        <p className="verifikasi-note">{t('verifikasi.detail.note')}</p>
      </div>
    </section>
  );
}

function FileCheck({ token, surat }: { token: string; surat: VerifikasiSurat }) {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [cocok, setCocok] = useState<boolean | null>(null);
  const { pending, error, submit } = useSubmission();
  const inputRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (cocok !== null) resultRef.current?.focus();
  }, [cocok]);

  function handleChange(event: ChangeEvent<HTMLInputElement>) {
    setFile(event.target.files?.[0] ?? null);
    setFieldError(null);
    setCocok(null);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCocok(null);
    const problem = !file
      ? t('verifikasi.berkas.error.empty')
      : !/\.pdf$/i.test(file.name) && file.type !== 'application/pdf'
        ? t('verifikasi.berkas.error.type')
        : null;
    if (problem || !file) {
      setFieldError(problem);
      inputRef.current?.focus();
      return;
    }
    setFieldError(null);
    void submit(async () => {
      const result = await periksaBerkas(token, file, lang);
      setCocok(result.cocok);
    });
  }

  const tooLarge = error instanceof ApiError && error.status === 413;
  const errorId = 'verifikasi-berkas-error';
  return (
    <section className="card" aria-labelledby="verifikasi-berkas">
      <h2 id="verifikasi-berkas">{t('verifikasi.berkas.title')}</h2>
      <p>{t('verifikasi.berkas.intro')}</p>
      {tooLarge ? (
        <div className="alert alert--error" role="alert">
          <p>{t('verifikasi.berkas.error.tooLarge')}</p>
        </div>
      ) : (
        <ErrorAlert error={error} />
      )}
      <form className="form" onSubmit={handleSubmit} noValidate aria-busy={pending}>
        <div className="field">
          <label htmlFor="verifikasi-berkas-input">{t('verifikasi.berkas.label')}</label>
          <p id="verifikasi-berkas-hint" className="field__hint">
            {t('verifikasi.berkas.hint')}
          </p>
          {fieldError && (
            <p id={errorId} className="field__error" role="alert">
              {fieldError}
            </p>
          )}
          <input
            ref={inputRef}
            id="verifikasi-berkas-input"
            name="berkas"
            type="file"
            accept="application/pdf,.pdf"
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `verifikasi-berkas-hint ${errorId}` : 'verifikasi-berkas-hint'}
            onChange={handleChange}
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button">
            {pending ? t('verifikasi.berkas.pending') : t('verifikasi.berkas.submit')}
          </button>
        </div>
      </form>
      {cocok !== null && (
        <div
          ref={resultRef}
          tabIndex={-1}
          className={`verifikasi-berkas-result ${cocok ? 'verifikasi-berkas-result--cocok' : 'verifikasi-berkas-result--beda'}`}
          role={cocok ? 'status' : 'alert'}
        >
          <p className="verifikasi-berkas-result__title">{cocok ? t('verifikasi.berkas.cocok') : t('verifikasi.berkas.beda')}</p>
          <p>
            {cocok
              ? surat.status === 'valid'
                ? t('verifikasi.berkas.cocok.valid')
                : t('verifikasi.berkas.cocok.dicabut')
              : t('verifikasi.berkas.beda.body')}
          </p>
        </div>
      )}
    </section>
  );
}
