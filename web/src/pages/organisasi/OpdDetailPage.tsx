import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useMe } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { managesCity, managesOpd } from './access';
import { ArchiveForm } from './formParts';
import { HistoryList } from './HistoryList';
import { opdJenisLabel } from './labels';
import { OpdForm } from './OpdForm';
import { OrgChart } from './OrgChart';
import { archiveOpd, formatDay, getOpd, getOpdHistory, getStruktur, todayWib, type Opd, type Versioned } from './organisasiApi';
import { ReorganisasiForm } from './ReorganisasiForm';
import { UnitForm } from './UnitForm';
import { UnitManager } from './UnitManager';
import './organisasi.css';

/** One agency: its record, its org chart as of a chosen date, and every version of it; edit actions for those who manage it. */
export function OpdDetailPage() {
  const { t } = useI18n();
  const { ref = '' } = useParams();
  const opd = useResource((signal) => getOpd(ref, signal), [ref]);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/organisasi">{t('organisasi.back')}</Link>
      </p>
      <PageHeading>{opd.data?.data.nama ?? t('organisasi.detail.title')}</PageHeading>
      {opd.loading && !opd.data && <Loading />}
      <ErrorAlert error={opd.error} />
      {opd.data && <OpdDetail key={opd.data.data.id} record={opd.data} onChange={opd.replace} onReload={opd.reload} />}
    </>
  );
}

interface DetailProps {
  record: Versioned<Opd>;
  onChange: (record: Versioned<Opd>) => void;
  onReload: () => void;
}

type OpdMode = 'none' | 'edit' | 'archive';

function OpdDetail({ record, onChange, onReload }: DetailProps) {
  const { t } = useI18n();
  const me = useMe();
  const location = useLocation();
  const opd = record.data;
  const canManage = managesOpd(me, opd.kode) && !opd.archivedAt;
  const cityWide = managesCity(me);
  const [mode, setMode] = useState<OpdMode>('none');
  const [status, setStatus] = useState(() => ((location.state as { created?: boolean } | null)?.created ? t('organisasi.opd.created') : ''));
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    // Back to the button that opened a form once it closes.
    if (mode === 'none' && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [mode]);

  const close = (message = '') => {
    setStatus(message);
    returnFocus.current = true;
    setMode('none');
  };

  return (
    <>
      {opd.archivedAt && (
        <div className="alert alert--error" role="note">
          <p>{t('organisasi.archived', { reason: opd.archiveReason ?? '' })}</p>
        </div>
      )}
      <section className="panel" aria-labelledby="opd-data-heading">
        <h2 id="opd-data-heading">{t('organisasi.data.title')}</h2>
        <OpdDetails opd={opd} />
        {canManage && mode === 'none' && (
          <div className="org-actions">
            <button ref={editButton} type="button" className="button" onClick={() => setMode('edit')}>
              {t('organisasi.opd.edit')}
            </button>
            {cityWide && (
              <button type="button" className="button button--secondary" onClick={() => setMode('archive')}>
                {t('organisasi.opd.archive')}
              </button>
            )}
          </div>
        )}
        <p role="status" className="status-line">
          {status}
        </p>
        {mode === 'archive' && (
          <ArchiveForm
            key={record.etag}
            idPrefix="opd-archive"
            title={t('organisasi.opd.archive')}
            hint={t('organisasi.opd.archiveHint')}
            submitLabel={t('organisasi.opd.archiveSubmit')}
            onCancel={() => close()}
            onReload={onReload}
            onSubmit={async (reason) => {
              onChange(await archiveOpd(opd.id, record.etag, reason));
              close(t('organisasi.opd.archivedDone'));
            }}
          />
        )}
      </section>
      {mode === 'edit' && (
        <section className="panel">
          <OpdForm
            key={record.etag}
            mode="edit"
            record={record}
            cityWide={cityWide}
            onCancel={() => close()}
            onReload={onReload}
            onSaved={(next) => {
              onChange(next);
              close(t('organisasi.form.saved', { version: next.data.version }));
            }}
          />
        </section>
      )}
      <StrukturSection opd={opd} canManage={canManage} />
      <HistorySection opd={opd} />
    </>
  );
}

function OpdDetails({ opd }: { opd: Opd }) {
  const { t } = useI18n();
  return (
    <dl className="details org-details">
      <dt>{t('organisasi.kode')}</dt>
      <dd>
        <code>{opd.kode}</code>
      </dd>
      <dt>{t('organisasi.singkatan')}</dt>
      <dd>{opd.singkatan ?? '—'}</dd>
      <dt>{t('organisasi.jenis')}</dt>
      <dd>{t(opdJenisLabel(opd.jenis))}</dd>
      {opd.kodeWilayah && (
        <>
          <dt>{t('organisasi.kodeWilayah')}</dt>
          <dd>
            <code>{opd.kodeWilayah}</code>
          </dd>
        </>
      )}
      <dt>{t('organisasi.alamat')}</dt>
      <dd>{opd.alamat ?? '—'}</dd>
      <dt>{t('organisasi.lokasi')}</dt>
      <dd>{opd.latitude !== null && opd.longitude !== null ? `${opd.latitude}, ${opd.longitude}` : '—'}</dd>
      <dt>{t('organisasi.version')}</dt>
      <dd>{opd.version}</dd>
    </dl>
  );
}

type StrukturMode = 'none' | 'addUnit' | 'reorg';

function StrukturSection({ opd, canManage }: { opd: Opd; canManage: boolean }) {
  const { t, lang } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const tanggal = searchParams.get('tanggal') || todayWib();
  const struktur = useResource((signal) => getStruktur(opd.id, tanggal, signal), [opd.id, tanggal]);
  const [mode, setMode] = useState<StrukturMode>('none');
  const [selected, setSelected] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const units = struktur.data?.units ?? [];

  function choose(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('tanggal') ?? '');
    setSearchParams(value ? { tanggal: value } : {}, { replace: true });
  }

  const done = (message: string) => {
    setStatus(message);
    setMode('none');
    struktur.reload();
  };

  return (
    <>
      <section className="panel" aria-labelledby="struktur-heading">
        <h2 id="struktur-heading">{t('organisasi.struktur.title', { tanggal: formatDay(tanggal, lang) })}</h2>
        <form className="org-chart__date" onSubmit={choose} key={tanggal}>
          <div className="field">
            <label htmlFor="struktur-tanggal">{t('organisasi.struktur.date')}</label>
            <input id="struktur-tanggal" name="tanggal" type="date" defaultValue={tanggal} required />
          </div>
          <button type="submit" className="button">
            {t('organisasi.struktur.show')}
          </button>
        </form>
        {canManage && mode === 'none' && (
          <div className="org-actions">
            <button type="button" className="button" onClick={() => setMode('addUnit')}>
              {t('organisasi.unit.create')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setMode('reorg')}>
              {t('organisasi.reorg.title')}
            </button>
          </div>
        )}
        <p role="status" className="status-line">
          {status}
        </p>
        {mode === 'addUnit' && (
          <UnitForm
            mode="create"
            headingLevel="h3"
            opdId={opd.id}
            units={units}
            onCancel={() => setMode('none')}
            onSaved={(next) => done(t('organisasi.unit.created', { nama: next.data.nama }))}
          />
        )}
        {mode === 'reorg' && (
          <ReorganisasiForm
            opdId={opd.id}
            units={units}
            tanggalChart={tanggal}
            onCancel={() => setMode('none')}
            onSaved={(result) => {
              // The new structure is shown from its first day.
              setSearchParams({ tanggal: result.tanggal }, { replace: true });
              done(t('organisasi.reorg.done', { closed: result.closed, opened: result.opened, tanggal: formatDay(result.tanggal, lang) }));
            }}
          />
        )}
        <ErrorAlert error={struktur.error} />
        {struktur.loading && !struktur.data && <Loading />}
        {struktur.data && (
          <div aria-busy={struktur.loading}>
            <p role="status" className="status-line org-chart__count">
              {t('organisasi.struktur.count', { count: struktur.data.units.length, tanggal: formatDay(struktur.data.tanggal, lang) })}
            </p>
            <OrgChart units={struktur.data.units} labelledBy="struktur-heading" selected={selected} onSelect={setSelected} />
          </div>
        )}
      </section>
      {selected && (
        <UnitManager
          key={selected}
          unitId={selected}
          opd={opd}
          canManage={canManage}
          units={units}
          onChanged={struktur.reload}
          onClose={() => setSelected(null)}
        />
      )}
    </>
  );
}

function HistorySection({ opd }: { opd: Opd }) {
  const { t } = useI18n();
  const history = useResource((signal) => getOpdHistory(opd.id, signal), [opd.id, opd.version]);
  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('organisasi.history.title')}</h2>
      <ErrorAlert error={history.error} />
      {history.loading && !history.data && <Loading />}
      {history.data && <HistoryList items={history.data} captionId="history-caption" />}
    </section>
  );
}
