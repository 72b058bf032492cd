import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { hasPermission, useMe } from '../../auth/AuthProvider';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { RecordHistory } from '../../components/RecordHistory';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { FullRecord, ReasonForm } from './FullData';
import { fieldLabel, kelurahanName, kewarganegaraanLabel, kodeName, sexLabel, statusLabel } from './labels';
import { PendudukArchiveForm } from './PendudukArchiveForm';
import { PendudukEditForm } from './PendudukEditForm';
import {
  getAksesLog,
  getKelurahan,
  getPenduduk,
  getReferensi,
  getRiwayat,
  viewFull,
  type Kelurahan,
  type Penduduk,
  type Referensi,
  type Versioned,
} from './pendudukApi';
import './penduduk.css';

/** One resident: masked by default, the full record for a reason, edit, archive, history and who saw the data. */
export function PendudukDetailPage() {
  const { t } = useI18n();
  const { ref = '' } = useParams();
  const record = useResource((signal) => getPenduduk(ref, signal), [ref]);
  const referensi = useResource((signal) => getReferensi(signal), []);
  const kelurahan = useResource((signal) => getKelurahan(signal), []);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/penduduk">{t('penduduk.back')}</Link>
      </p>
      <PageHeading>{record.data ? record.data.data.nama : t('penduduk.detail.title')}</PageHeading>
      {record.loading && !record.data && <Loading />}
      <ErrorAlert error={record.error} />
      {record.data && (
        <PendudukDetail
          key={record.data.data.id}
          record={record.data}
          referensi={referensi.data}
          kelurahan={kelurahan.data}
          onChange={record.replace}
          onReload={record.reload}
        />
      )}
    </>
  );
}

interface DetailProps {
  record: Versioned<Penduduk>;
  referensi: Referensi | undefined;
  kelurahan: Kelurahan[] | undefined;
  onChange: (record: Versioned<Penduduk>) => void;
  onReload: () => void;
}

type Panel = 'none' | 'reason' | 'edit' | 'archive';

function PendudukDetail({ record, referensi, kelurahan, onChange, onReload }: DetailProps) {
  const { t } = useI18n();
  const me = useMe();
  const p = record.data;
  const canReadFull = hasPermission(me, 'penduduk.read_full');
  const canManage = hasPermission(me, 'penduduk.manage') && !p.archivedAt;
  const [panel, setPanel] = useState<Panel>('none');
  const [full, setFull] = useState<Penduduk | null>(null);
  // Arriving from the registration form: say so once.
  const location = useLocation();
  const [saved, setSaved] = useState<string>((location.state as { created?: boolean } | null)?.created ? t('penduduk.new.done') : '');
  // Bumped after each full view, so the access log below shows it at once.
  const [viewed, setViewed] = useState(0);
  const opener = useRef<HTMLButtonElement | null>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (panel === 'none' && returnFocus.current) {
      returnFocus.current = false;
      opener.current?.focus();
    }
  }, [panel]);

  const open = (next: Panel) => (event: { currentTarget: HTMLButtonElement }) => {
    opener.current = event.currentTarget;
    setSaved('');
    setPanel(next);
  };
  const close = () => {
    returnFocus.current = true;
    setPanel('none');
  };

  return (
    <>
      {p.archivedAt && (
        <div className="alert alert--error" role="note">
          <p>{t('penduduk.archived', { reason: p.archiveReason ?? '' })}</p>
        </div>
      )}
      <section className="panel" aria-labelledby="penduduk-data-heading">
        <h2 id="penduduk-data-heading">{t('penduduk.data.title')}</h2>
        <p className="field__hint">{t('penduduk.data.masked')}</p>
        <dl className="details penduduk-details">
          <dt>{t('penduduk.field.nik')}</dt>
          <dd>
            <code>{p.nik}</code>
          </dd>
          <dt>{t('penduduk.field.noKk')}</dt>
          <dd>
            <code>{p.noKk}</code> · <Link to={`/keluarga/${encodeURIComponent(p.keluargaId)}`}>{t('penduduk.keluarga.open')}</Link>
          </dd>
          <dt>{t('penduduk.field.jenisKelamin')}</dt>
          <dd>{t(sexLabel(p.jenisKelamin))}</dd>
          <dt>{t('penduduk.tempatTahunLahir')}</dt>
          <dd>
            {p.tempatLahir}, {p.tahunLahir}
          </dd>
          <dt>{t('penduduk.field.agama')}</dt>
          <dd>{kodeName(referensi, 'agama', p.agama)}</dd>
          <dt>{t('penduduk.field.pendidikan')}</dt>
          <dd>{kodeName(referensi, 'pendidikan', p.pendidikan)}</dd>
          <dt>{t('penduduk.field.pekerjaan')}</dt>
          <dd>{kodeName(referensi, 'pekerjaan', p.pekerjaan)}</dd>
          <dt>{t('penduduk.field.statusKawin')}</dt>
          <dd>{kodeName(referensi, 'statusKawin', p.statusKawin)}</dd>
          <dt>{t('penduduk.field.shdk')}</dt>
          <dd>{kodeName(referensi, 'shdk', p.shdk)}</dd>
          <dt>{t('penduduk.field.status')}</dt>
          <dd>{t(statusLabel(p.status))}</dd>
          <dt>{t('penduduk.field.kewarganegaraan')}</dt>
          <dd>{t(kewarganegaraanLabel(p.kewarganegaraan))}</dd>
          <dt>{t('penduduk.alamat')}</dt>
          <dd>
            {p.alamat}, RT {p.rt}/RW {p.rw}
          </dd>
          <dt>{t('penduduk.kelurahan')}</dt>
          <dd>{kelurahanName(kelurahan, p.kodeKelurahan)}</dd>
          <dt>{t('penduduk.version')}</dt>
          <dd>{p.version}</dd>
        </dl>
        {panel === 'none' && (
          <p className="penduduk-actions">
            {canReadFull && !full && (
              <button type="button" className="button" onClick={open('reason')}>
                {t('penduduk.showFull')}
              </button>
            )}
            {canManage && (
              <button type="button" className="button" onClick={open('edit')}>
                {t('penduduk.edit.open')}
              </button>
            )}
            {canManage && (
              <button type="button" className="button button--secondary" onClick={open('archive')}>
                {t('penduduk.archive.open')}
              </button>
            )}
          </p>
        )}
        <p role="status" className="status-line">
          {saved}
        </p>
      </section>
      {panel === 'reason' && (
        <ReasonForm
          title={t('penduduk.reason.title', { nama: p.nama })}
          notice={t('penduduk.reason.notice')}
          submitLabel={t('penduduk.showFull')}
          onCancel={close}
          onSubmit={async (alasan) => {
            setFull(await viewFull(p.id, alasan));
            setViewed((n) => n + 1);
            setPanel('none');
          }}
        />
      )}
      {full && <FullRecord penduduk={full} referensi={referensi} kelurahan={kelurahan} onClose={() => setFull(null)} />}
      {panel === 'edit' && (
        <section className="panel">
          <PendudukEditForm
            key={record.etag}
            record={record}
            referensi={referensi}
            onCancel={close}
            onReload={onReload}
            onSaved={(next) => {
              // The full view showed the old values: hide it rather than show stale data.
              setFull(null);
              onChange(next);
              close();
              setSaved(t('penduduk.edit.saved', { version: next.data.version }));
            }}
          />
        </section>
      )}
      {panel === 'archive' && (
        <section className="panel">
          <PendudukArchiveForm
            key={record.etag}
            record={record}
            onCancel={close}
            onReload={onReload}
            onArchived={(next) => {
              setFull(null);
              onChange(next);
              setPanel('none');
              setSaved(t('penduduk.archive.done'));
            }}
          />
        </section>
      )}
      <HistorySection id={p.id} version={p.version} />
      {canReadFull && <AksesLogSection id={p.id} generation={viewed} />}
    </>
  );
}

const KNOWN_ACTIONS = new Set(['created', 'updated', 'archived']);

function HistorySection({ id, version }: { id: string; version: number }) {
  const { t } = useI18n();
  const history = useResource((signal) => getRiwayat(id, signal), [id, version]);
  return (
    <section className="panel" aria-labelledby="penduduk-history-heading">
      <h2 id="penduduk-history-heading">{t('penduduk.history.title')}</h2>
      <ErrorAlert error={history.error} />
      {history.loading && !history.data && <Loading />}
      {history.data && (
        <RecordHistory items={history.data} captionId="penduduk-history-caption" prefix="penduduk" knownActions={KNOWN_ACTIONS} fieldLabel={(field) => fieldLabel(field, t)} />
      )}
    </section>
  );
}

/** "Who saw this resident's data": every full view and export, newest first (UU 27/2022). */
function AksesLogSection({ id, generation }: { id: string; generation: number }) {
  const { t } = useI18n();
  const log = useResource((signal) => getAksesLog(id, signal), [id, generation]);
  return (
    <section className="panel" aria-labelledby="penduduk-akses-heading">
      <h2 id="penduduk-akses-heading">{t('penduduk.akses.title')}</h2>
      <p className="field__hint">{t('penduduk.akses.intro')}</p>
      <ErrorAlert error={log.error} />
      {log.loading && !log.data && <Loading />}
      {log.data && log.data.length === 0 && <p>{t('penduduk.akses.empty')}</p>}
      {log.data && log.data.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="penduduk-akses-caption" tabIndex={0}>
          <table className="data-table">
            <caption id="penduduk-akses-caption" className="visually-hidden">
              {t('penduduk.akses.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('penduduk.akses.at')}</th>
                <th scope="col">{t('penduduk.akses.action')}</th>
                <th scope="col">{t('penduduk.akses.by')}</th>
                <th scope="col">{t('penduduk.akses.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.map((entry, index) => (
                <tr key={`${entry.at}-${index}`}>
                  <td className="nowrap">
                    <DateTime value={entry.at} />
                  </td>
                  <td>{t(entry.action === 'export' ? 'penduduk.akses.action.export' : 'penduduk.akses.action.view_full')}</td>
                  <td>{entry.actorName ?? t('audit.actorType.system')}</td>
                  <td>{entry.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
