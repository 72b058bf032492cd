import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { TextField } from '../../components/fields';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { Brand } from '../../shell/Brand';
import { Footer } from '../../shell/Footer';
import { LanguageSwitch } from '../../shell/LanguageSwitch';
import { MAIN_CONTENT_ID, SkipLink } from '../../shell/SkipLink';
import { formatTanggal, statusLabel } from './labels';
import { lacak, type Lacak } from './layananApi';
import { StatusBadge } from './parts';
import './layanan.css';

/** Public tracking by code, without signing in: the status and dates only, never personal data. */
export function LacakPage() {
  const { t } = useI18n();
  const { kode = '' } = useParams();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(kode);
  const [error, setError] = useState('');
  const input = useRef<HTMLFormElement>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const clean = draft.toUpperCase().replace(/[\s-]/g, '');
    if (!/^[A-Z0-9]{10}$/.test(clean)) {
      setError(t('layanan.lacak.format'));
      input.current?.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    setError('');
    navigate(`/lacak/${clean}`);
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
      <main id={MAIN_CONTENT_ID} tabIndex={-1} className="page page--narrow layanan">
        <PageHeading>{t('layanan.lacak.title')}</PageHeading>
        <p className="lead">{t('layanan.lacak.intro')}</p>
        <form ref={input} className="form panel" onSubmit={handleSubmit} noValidate role="search" aria-labelledby="lacak-form-heading">
          <h2 id="lacak-form-heading" className="visually-hidden">
            {t('layanan.lacak.formTitle')}
          </h2>
          <TextField
            label={t('layanan.lacak.kode')}
            hint={t('layanan.lacak.kodeHint')}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            error={error}
            maxLength={30}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
          />
          <div className="form__actions">
            <button type="submit" className="button">
              {t('layanan.lacak.submit')}
            </button>
          </div>
        </form>
        {kode && <LacakResult key={kode} kode={kode} />}
      </main>
      <Footer />
    </>
  );
}

function LacakResult({ kode }: { kode: string }) {
  const { t } = useI18n();
  const result = useResource((signal) => lacak(kode, signal), [kode]);
  const notFound = result.error instanceof ApiError && result.error.status === 404;
  return (
    <>
      {result.loading && !result.data && <Loading />}
      {notFound && (
        <div className="alert alert--error" role="alert">
          <p>{t('layanan.lacak.notFound')}</p>
        </div>
      )}
      {!notFound && result.error ? <ErrorAlert error={result.error} /> : null}
      {result.data && <LacakCard data={result.data} />}
    </>
  );
}

function LacakCard({ data }: { data: Lacak }) {
  const { t, lang, formatDateTime } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card" aria-labelledby="lacak-hasil-heading">
      <h2 id="lacak-hasil-heading" ref={heading} tabIndex={-1}>
        {t('layanan.lacak.hasil', { kode: data.kodeLacak })}
      </h2>
      <div role="status">
        <p>
          {t('layanan.lacak.statusNow')} <StatusBadge status={data.status} />
        </p>
      </div>
      <dl className="details layanan-details">
        <div className="layanan-details__row">
          <dt>{t('layanan.lacak.jenis')}</dt>
          <dd>{data.jenis}</dd>
        </div>
        <div className="layanan-details__row">
          <dt>{t('layanan.field.diajukan')}</dt>
          <dd>{formatTanggal(data.diajukanPada, lang)}</dd>
        </div>
        <div className="layanan-details__row">
          <dt>{t('layanan.field.jatuhTempo')}</dt>
          <dd>{formatTanggal(data.jatuhTempo, lang)}</dd>
        </div>
        <div className="layanan-details__row">
          <dt>{t('layanan.lacak.selesai')}</dt>
          <dd>{data.selesaiPada ? formatTanggal(data.selesaiPada, lang) : '—'}</dd>
        </div>
      </dl>
      <h3 id="lacak-riwayat-heading">{t('layanan.timeline.title')}</h3>
      <ol className="layanan-timeline" aria-labelledby="lacak-riwayat-heading">
        {data.riwayat.map((step, index) => (
          <li key={`${step.pada}-${index}`} className={`layanan-timeline__step layanan-timeline__step--${step.status}`}>
            <p className="layanan-timeline__status">{t(statusLabel(step.status))}</p>
            <p className="layanan-timeline__meta">
              <time dateTime={step.pada}>{formatDateTime(step.pada)}</time>
            </p>
          </li>
        ))}
      </ol>
      <p className="field__hint">{t('layanan.lacak.privasi')}</p>
    </section>
  );
}
