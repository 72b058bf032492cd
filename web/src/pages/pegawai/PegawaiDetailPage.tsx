import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { hasPermission, useMe } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/id';
import { jenisLabel, sexLabel, statusLabel } from './labels';
import { PegawaiArsipForm } from './PegawaiArsipForm';
import { PegawaiEditForm } from './PegawaiEditForm';
import { PegawaiHistoryList } from './PegawaiHistoryList';
import { PegawaiMutasiForm } from './PegawaiMutasiForm';
import {
  formatNip,
  formatTanggal,
  getPegawai,
  getRiwayat,
  getRiwayatJabatan,
  namaLengkap,
  type Pegawai,
  type Versioned,
} from './pegawaiApi';
import { RiwayatJabatanList } from './RiwayatJabatanList';
import './pegawai.css';

/** One employee: personal data (masked where the API masks), current position, riwayat jabatan, history, and the edit, mutasi and archive forms. */
export function PegawaiDetailPage() {
  const { t } = useI18n();
  const { ref = '' } = useParams();
  const record = useResource((signal) => getPegawai(ref, signal), [ref]);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/pegawai">{t('pegawai.back')}</Link>
      </p>
      <PageHeading>{record.data ? namaLengkap(record.data.data) : t('pegawai.detail.title')}</PageHeading>
      {record.loading && !record.data && <Loading />}
      <ErrorAlert error={record.error} />
      {record.data && <PegawaiDetail key={record.data.data.id} record={record.data} onChange={record.replace} onReload={record.reload} />}
    </>
  );
}

interface DetailProps {
  record: Versioned<Pegawai>;
  onChange: (record: Versioned<Pegawai>) => void;
  onReload: () => void;
}

type Panel = 'none' | 'edit' | 'mutasi' | 'arsip';

function PegawaiDetail({ record, onChange, onReload }: DetailProps) {
  const { t, lang } = useI18n();
  const me = useMe();
  const p = record.data;
  const canEdit = hasPermission(me, 'pegawai.manage') && !p.archivedAt;
  const [panel, setPanel] = useState<Panel>('none');
  // Arriving from the "Tambah pegawai" form: say so once.
  const location = useLocation();
  const [saved, setSaved] = useState<string>((location.state as { created?: boolean } | null)?.created ? t('pegawai.new.done') : '');
  // The buttons are re-rendered when a form closes, so focus goes back through refs, not the clicked element.
  const buttons = useRef<Partial<Record<Panel, HTMLButtonElement | null>>>({});
  const opened = useRef<Panel>('none');
  const returnFocus = useRef(false);
  const jabatan = useResource((signal) => getRiwayatJabatan(p.id, signal), [p.id, p.version]);
  const current = jabatan.data?.find((row) => row.selesai === null);

  useEffect(() => {
    // Back to the button that opened the form once it closes.
    if (panel === 'none' && returnFocus.current) {
      returnFocus.current = false;
      buttons.current[opened.current]?.focus();
    }
  }, [panel]);

  const open = (next: Panel) => () => {
    opened.current = next;
    setSaved('');
    setPanel(next);
  };
  const close = () => {
    returnFocus.current = true;
    setPanel('none');
  };
  const done = (message: MessageKey) => (next: Versioned<Pegawai>) => {
    onChange(next);
    setSaved(t(message, { version: next.data.version }));
    close();
  };

  return (
    <>
      {p.archivedAt && (
        <div className="alert alert--error" role="note">
          <p>{t('pegawai.archived', { reason: p.archiveReason ?? '' })}</p>
        </div>
      )}
      <section className="panel" aria-labelledby="pegawai-data-heading">
        <h2 id="pegawai-data-heading">{t('pegawai.data.title')}</h2>
        <dl className="details pegawai-details">
          <dt>{t('pegawai.field.nip')}</dt>
          <dd>{p.nip ? <code>{formatNip(p.nip)}</code> : t('pegawai.nip.none')}</dd>
          <dt>{t('pegawai.field.nama')}</dt>
          <dd>{p.nama}</dd>
          <dt>{t('pegawai.gelar')}</dt>
          <dd>{[p.gelarDepan, p.gelarBelakang].filter(Boolean).join(' / ') || '—'}</dd>
          <dt>{t('pegawai.field.jenisKelamin')}</dt>
          <dd>{t(sexLabel(p.jenisKelamin))}</dd>
          <dt>{t('pegawai.field.tanggalLahir')}</dt>
          <dd>{formatTanggal(p.tanggalLahir, lang)}</dd>
          <dt>{t('pegawai.field.jenis')}</dt>
          <dd>{t(jenisLabel(p.jenis))}</dd>
          <dt>{t('pegawai.field.golongan')}</dt>
          <dd>{p.golongan ? (p.pangkat ? `${p.golongan} — ${p.pangkat}` : p.golongan) : '—'}</dd>
          <dt>{t('pegawai.field.status')}</dt>
          <dd>{t(statusLabel(p.status))}</dd>
          <dt>{t('pegawai.field.email')}</dt>
          <dd>{p.email ?? '—'}</dd>
          <dt>{t('pegawai.field.telepon')}</dt>
          <dd>{p.telepon ?? '—'}</dd>
          <dt>{t('pegawai.version')}</dt>
          <dd>{p.version}</dd>
        </dl>
        {canEdit && panel === 'none' && (
          <p className="pegawai-actions">
            <button ref={(element) => { buttons.current.edit = element; }} type="button" className="button" onClick={open('edit')}>
              {t('pegawai.edit.open')}
            </button>
            <button ref={(element) => { buttons.current.arsip = element; }} type="button" className="button button--secondary" onClick={open('arsip')}>
              {t('pegawai.arsip.open')}
            </button>
          </p>
        )}
        <p role="status" className="status-line">
          {saved}
        </p>
      </section>
      {panel === 'edit' && (
        <section className="panel">
          <PegawaiEditForm key={record.etag} record={record} onCancel={close} onReload={onReload} onSaved={done('pegawai.edit.saved')} />
        </section>
      )}
      {panel === 'arsip' && (
        <section className="panel">
          <PegawaiArsipForm key={record.etag} record={record} onCancel={close} onReload={onReload} onArchived={done('pegawai.arsip.done')} />
        </section>
      )}
      <section className="panel" aria-labelledby="pegawai-jabatan-heading">
        <h2 id="pegawai-jabatan-heading">{t('pegawai.jabatan.currentTitle')}</h2>
        <dl className="details pegawai-details">
          <dt>{t('pegawai.field.namaJabatan')}</dt>
          <dd>{p.namaJabatan ?? '—'}</dd>
          <dt>{t('pegawai.field.unitId')}</dt>
          <dd>{current?.unitNama ?? '—'}</dd>
          <dt>{t('pegawai.field.opdId')}</dt>
          <dd>{current?.opdNama ?? '—'}</dd>
          <dt>{t('pegawai.field.tmtJabatan')}</dt>
          <dd>{formatTanggal(p.tmtJabatan, lang)}</dd>
        </dl>
        {canEdit && panel === 'none' && (
          <p className="pegawai-actions">
            <button ref={(element) => { buttons.current.mutasi = element; }} type="button" className="button" onClick={open('mutasi')}>
              {t('pegawai.mutasi.open')}
            </button>
          </p>
        )}
        <h3 id="pegawai-riwayat-jabatan-heading">{t('pegawai.jabatan.title')}</h3>
        <ErrorAlert error={jabatan.error} />
        {jabatan.loading && !jabatan.data && <Loading />}
        {jabatan.data && <RiwayatJabatanList items={jabatan.data} captionId="pegawai-jabatan-caption" />}
      </section>
      {panel === 'mutasi' && (
        <section className="panel">
          <PegawaiMutasiForm key={record.etag} record={record} onCancel={close} onReload={onReload} onSaved={done('pegawai.mutasi.saved')} />
        </section>
      )}
      <HistorySection id={p.id} version={p.version} />
    </>
  );
}

function HistorySection({ id, version }: { id: string; version: number }) {
  const { t } = useI18n();
  const history = useResource((signal) => getRiwayat(id, signal), [id, version]);
  return (
    <section className="panel" aria-labelledby="pegawai-history-heading">
      <h2 id="pegawai-history-heading">{t('pegawai.history.title')}</h2>
      <ErrorAlert error={history.error} />
      {history.loading && !history.data && <Loading />}
      {history.data && <PegawaiHistoryList items={history.data} captionId="pegawai-history-caption" />}
    </section>
  );
}
