import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { RecordHistory } from '../../components/RecordHistory';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { AnggaranEditForm } from './AnggaranEditForm';
import { ArsipForm } from './ArsipForm';
import { fieldLabel, levelLabel } from './labels';
import { formatRupiah, formatTarget, getAnggaran, getJalur, getKewenangan, getOpd, getRiwayat, type Anggaran, type Versioned } from './programApi';
import './program.css';

/** One budget line: its place in the nomenclature, pagu, indicators, history; edit and archive for those who manage its OPD. */
export function AnggaranDetailPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const record = useResource((signal) => getAnggaran(id, signal), [id]);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/program">{t('program.back')}</Link>
      </p>
      <PageHeading>{record.data ? record.data.data.nama : t('program.detail.title')}</PageHeading>
      {record.loading && !record.data && <Loading />}
      <ErrorAlert error={record.error} />
      {record.data && <AnggaranDetail key={record.data.data.id} record={record.data} onChange={record.replace} onReload={record.reload} />}
    </>
  );
}

interface DetailProps {
  record: Versioned<Anggaran>;
  onChange: (record: Versioned<Anggaran>) => void;
  onReload: () => void;
}

type Mode = 'view' | 'edit' | 'arsip';

function AnggaranDetail({ record, onChange, onReload }: DetailProps) {
  const { t } = useI18n();
  const a = record.data;
  const kewenangan = useResource((signal) => getKewenangan(signal), []);
  const opd = useResource((signal) => getOpd(a.opdId, signal), [a.opdId]);
  const canManage = !a.archivedAt && (kewenangan.data?.opd.some((o) => o.id === a.opdId) ?? false);
  const [mode, setMode] = useState<Mode>('view');
  // Arriving from the form that added this line.
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
  const [saved, setSaved] = useState<'created' | 'saved' | 'archived' | null>(created ? 'created' : null);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    // Back to the button that opened a form once it closes.
    if (mode === 'view' && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [mode]);

  const close = () => {
    returnFocus.current = true;
    setMode('view');
  };
  const open = (next: Mode) => {
    setSaved(null);
    setMode(next);
  };

  return (
    <>
      {a.archivedAt && (
        <div className="alert alert--error" role="note">
          <p>{t('program.archived', { reason: a.archiveReason ?? '' })}</p>
        </div>
      )}
      <section className="panel" aria-labelledby="program-data-heading">
        <h2 id="program-data-heading">{t('program.data.title')}</h2>
        <dl className="details program-details">
          <dt>{t('program.field.tahun')}</dt>
          <dd>{a.tahun}</dd>
          <dt>{t('program.field.opd')}</dt>
          <dd>{opd.data ? <Link to={`/organisasi/${encodeURIComponent(opd.data.kode)}`}>{opd.data.nama}</Link> : <code>{a.opdId}</code>}</dd>
          <dt>{t('program.field.kode')}</dt>
          <dd>
            <code>{a.kode}</code>
          </dd>
          <dt>{t('program.field.pagu')}</dt>
          <dd className="program-pagu">{formatRupiah(a.pagu)}</dd>
          <dt>{t('program.version')}</dt>
          <dd>{a.version}</dd>
        </dl>
        {canManage && mode === 'view' && (
          <p className="program-actions">
            <button ref={editButton} type="button" className="button" onClick={() => open('edit')}>
              {t('program.edit.open')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => open('arsip')}>
              {t('program.arsip.open')}
            </button>
          </p>
        )}
        <p role="status" className="status-line">
          {saved === 'created'
            ? t('program.create.done')
            : saved === 'saved'
              ? t('program.edit.saved', { version: a.version })
              : saved === 'archived'
                ? t('program.arsip.done')
                : ''}
        </p>
      </section>
      {mode === 'edit' && (
        <section className="panel">
          <AnggaranEditForm
            key={record.etag}
            record={record}
            onCancel={close}
            onReload={onReload}
            onSaved={(next) => {
              onChange(next);
              setSaved('saved');
              close();
            }}
          />
        </section>
      )}
      {mode === 'arsip' && (
        <section className="panel">
          <ArsipForm
            key={record.etag}
            record={record}
            onCancel={close}
            onReload={onReload}
            onArchived={(next) => {
              onChange(next);
              setSaved('archived');
              setMode('view');
            }}
          />
        </section>
      )}
      <JalurSection kode={a.kode} />
      <IndikatorSection record={a} />
      <HistorySection id={a.id} version={a.version} />
    </>
  );
}

/** urusan › bidang urusan › program › kegiatan › sub-kegiatan, each with its code. */
function JalurSection({ kode }: { kode: string }) {
  const { t } = useI18n();
  const jalur = useResource((signal) => getJalur(kode, signal), [kode]);
  return (
    <section className="panel" aria-labelledby="program-jalur-heading">
      <h2 id="program-jalur-heading">{t('program.jalur.title')}</h2>
      <ErrorAlert error={jalur.error} />
      {jalur.loading && !jalur.data && <Loading />}
      {jalur.data && (
        <ol className="program-jalur">
          {jalur.data.map((entry) => (
            <li key={entry.kode}>
              <span className="program-jalur__level">{t(levelLabel(entry.level))}</span>{' '}
              <Link to={`/program/nomenklatur?kode=${encodeURIComponent(entry.kode)}`}>
                <code>{entry.kode}</code>
              </Link>{' '}
              <span className="program-jalur__nama">{entry.nama}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function IndikatorSection({ record }: { record: Anggaran }) {
  const { t, lang } = useI18n();
  return (
    <section className="panel" aria-labelledby="program-indikator-heading">
      <h2 id="program-indikator-heading">{t('program.field.indikator')}</h2>
      {record.indikator.length === 0 ? (
        <p>{t('program.indikator.none')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="program-indikator-caption" tabIndex={0}>
          <table className="data-table">
            <caption id="program-indikator-caption" className="visually-hidden">
              {t('program.indikator.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('program.indikator.col.nama')}</th>
                <th scope="col">{t('program.indikator.col.target')}</th>
                <th scope="col">{t('program.indikator.col.satuan')}</th>
              </tr>
            </thead>
            <tbody>
              {record.indikator.map((i, n) => (
                <tr key={n}>
                  <th scope="row">{i.nama}</th>
                  <td className="program-number">{formatTarget(i.target, lang)}</td>
                  <td>{i.satuan ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const KNOWN_ACTIONS = new Set(['created', 'updated', 'archived']);

function HistorySection({ id, version }: { id: string; version: number }) {
  const { t } = useI18n();
  const history = useResource((signal) => getRiwayat(id, signal), [id, version]);
  return (
    <section className="panel" aria-labelledby="program-history-heading">
      <h2 id="program-history-heading">{t('program.history.title')}</h2>
      <ErrorAlert error={history.error} />
      {history.loading && !history.data && <Loading />}
      {history.data && (
        <RecordHistory
          items={history.data}
          captionId="program-history-caption"
          prefix="program"
          knownActions={KNOWN_ACTIONS}
          fieldLabel={(field) => fieldLabel(field, t)}
        />
      )}
    </section>
  );
}
