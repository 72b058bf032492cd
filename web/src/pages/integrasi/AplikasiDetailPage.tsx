import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ResultsTable } from '../../components/ResultsTable';
import { SelectField, TextField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useMe } from '../../auth/AuthProvider';
import { useFormSubmission } from '../../hooks/useFormSubmission';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { AplikasiForm, useOwnerChoices } from './AplikasiForm';
import { getAplikasi, getRiwayat, setStatusAplikasi, STATUS_APLIKASI, updateAplikasi, type Aplikasi, type StatusAplikasi } from './integrasiApi';
import { IzinPanel, KlienPanel, PemakaianPanel } from './KlienPanel';
import { AlasanList, AturanTingkat, datasetLabel, jenisLabel, statusLabel, TingkatBadge, tingkatLabel } from './parts';

/** One app: its level and why, its record, and for its managers the edit and status forms and its credentials. */
export function AplikasiDetailPage() {
  const { kode = '' } = useParams();
  const { t } = useI18n();
  const app = useResource((signal) => getAplikasi(kode, signal), [kode]);
  const [saved, setSaved] = useState(false);
  const data = app.data?.data;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/integrasi">{t('integrasi.detail.back')}</Link>
      </p>
      {app.loading && !data && <Loading />}
      <ErrorAlert error={app.error} />
      {data && app.data && (
        <>
          <PageHeading>{data.nama}</PageHeading>
          <section className="panel tingkat-panel" aria-labelledby="tingkat-title">
            <h2 id="tingkat-title">{t('integrasi.field.tingkat')}</h2>
            <p className="tingkat-besar">
              <span className={`tingkat tingkat--${data.tingkat}`}>
                <span data-testid="tingkat-integrasi">{data.tingkat}</span>
              </span>{' '}
              <strong>{t(tingkatLabel(data.tingkat))}</strong>
            </p>
            <h3>{t('integrasi.alasan.title')}</h3>
            <AlasanList tingkat={data.tingkat} alasan={data.alasan} />
            <AturanTingkat />
          </section>
          <Profil app={data} />
          <nav className="panel" aria-label={t('integrasi.detail.tautan')}>
            <ul className="integrasi-actions">
              <li>
                <Link to={`/integrasi/webhook?aplikasi=${encodeURIComponent(data.kode)}`}>{t('integrasi.detail.tautanWebhook')}</Link>
              </li>
              <li>
                <Link to={`/integrasi/gateway?aplikasi=${encodeURIComponent(data.kode)}`}>{t('integrasi.detail.tautanGateway')}</Link>
              </li>
            </ul>
          </nav>
          {saved && (
            <div className="alert alert--ok" role="status">
              <p>{t('integrasi.detail.disimpan')}</p>
            </div>
          )}
          {data.bolehKelola && (
            <>
              <EditPanel
                key={`edit|${app.data.etag}`}
                app={data}
                onSaved={(next) => {
                  app.replace(next);
                  setSaved(true);
                }}
                onReload={app.reload}
                etag={app.data.etag}
              />
              <StatusPanel key={`status|${app.data.etag}`} app={data} etag={app.data.etag} onSaved={(next) => app.replace(next)} onReload={app.reload} />
              <KlienPanel kode={data.kode} />
            </>
          )}
          <IzinPanel kode={data.kode} />
          <PemakaianPanel kode={data.kode} />
          <RiwayatPanel key={`riwayat|${app.data.etag}`} kode={data.kode} />
        </>
      )}
    </>
  );
}

function Profil({ app }: { app: Aplikasi }) {
  const { t } = useI18n();
  const none = t('integrasi.detail.tidakAda');
  const list = (items: string[]) => (items.length ? items.map((d) => t(datasetLabel(d))).join(', ') : none);
  return (
    <section className="panel" aria-labelledby="profil-title">
      <h2 id="profil-title">{t('integrasi.detail.profil')}</h2>
      <dl className="integrasi-dl">
        <dt>{t('integrasi.field.kode')}</dt>
        <dd>
          <code>{app.kode}</code>
        </dd>
        <dt>{t('integrasi.field.tingkat')}</dt>
        <dd>
          <TingkatBadge tingkat={app.tingkat} />
        </dd>
        <dt>{t('integrasi.field.opd')}</dt>
        <dd>{app.opdNama ? `${app.opdNama} (${app.opdKode})` : (app.opdKode ?? none)}</dd>
        <dt>{t('integrasi.field.jenis')}</dt>
        <dd>{t(jenisLabel(app.jenis))}</dd>
        <dt>{t('integrasi.field.status')}</dt>
        <dd>{t(statusLabel(app.status))}</dd>
        <dt>{t('integrasi.field.url')}</dt>
        <dd>{app.url ? <a href={app.url} rel="noopener noreferrer" target="_blank">{app.url}</a> : none}</dd>
        <dt>{t('integrasi.field.kontakNama')}</dt>
        <dd>{app.kontakNama ?? none}</dd>
        <dt>{t('integrasi.field.kontakEmail')}</dt>
        <dd>{app.kontakEmail ?? none}</dd>
        <dt>{t('integrasi.field.kontakTelepon')}</dt>
        <dd>{app.kontakTelepon ?? none}</dd>
        <dt>{t('integrasi.field.produksi')}</dt>
        <dd>{list(app.datasetProduksi)}</dd>
        <dt>{t('integrasi.field.konsumsi')}</dt>
        <dd>{list(app.datasetKonsumsi)}</dd>
        <dt>{t('integrasi.field.deskripsi')}</dt>
        <dd>{app.deskripsi ?? none}</dd>
      </dl>
    </section>
  );
}

function EditPanel({ app, etag, onSaved, onReload }: { app: Aplikasi; etag: string; onSaved: (next: { data: Aplikasi; etag: string }) => void; onReload: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const owners = useOwnerChoices(useMe());
  return (
    <section className="panel" aria-labelledby="ubah-title">
      <h2 id="ubah-title">{t('integrasi.detail.ubah')}</h2>
      {!open ? (
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)} aria-expanded={false}>
          {t('integrasi.detail.ubah')}
        </button>
      ) : (
        <>
          <ErrorAlert error={owners.error} />
          {owners.data && (
            <AplikasiForm
              app={app}
              opds={owners.data.opds}
              cityWide={owners.data.city}
              submitLabel={t('integrasi.detail.simpan')}
              onReload={onReload}
              onSubmit={async (body) => {
                onSaved(await updateAplikasi(app.kode, etag, body));
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

function StatusPanel({ app, etag, onSaved, onReload }: { app: Aplikasi; etag: string; onSaved: (next: { data: Aplikasi; etag: string }) => void; onReload: () => void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<StatusAplikasi>(app.status);
  const [alasan, setAlasan] = useState('');
  const { submit, error, errors, form } = useFormSubmission();
  function handle(event: FormEvent) {
    event.preventDefault();
    void submit(async () => onSaved(await setStatusAplikasi(app.kode, etag, status, alasan.trim())));
  }
  return (
    <section className="panel" aria-labelledby="status-title">
      <h2 id="status-title">{t('integrasi.detail.status')}</h2>
      <p>{t('integrasi.detail.statusHint')}</p>
      <form ref={form} className="form" onSubmit={handle} noValidate>
        <FormAlert error={error} stale={{ message: t('integrasi.detail.stale'), reload: t('integrasi.detail.muatUlang') }} onReload={onReload} />
        <div className="form__grid">
          <SelectField label={t('integrasi.detail.statusBaru')} value={status} onChange={(e) => setStatus(e.target.value as StatusAplikasi)} error={errors.status}>
            {STATUS_APLIKASI.map((s) => (
              <option key={s} value={s}>
                {t(statusLabel(s))}
              </option>
            ))}
          </SelectField>
          <TextField label={t('integrasi.detail.alasan')} value={alasan} onChange={(e) => setAlasan(e.target.value)} error={errors.alasan} maxLength={500} required />
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--secondary">
            {t('integrasi.detail.statusSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Every version of the app record: what changed, who, when. */
function RiwayatPanel({ kode }: { kode: string }) {
  const { t, formatDateTime } = useI18n();
  const history = useResource((signal) => getRiwayat(kode, signal), [kode]);
  return (
    <section className="panel" aria-labelledby="riwayat-title">
      <h2 id="riwayat-title">{t('integrasi.riwayat.title')}</h2>
      <ErrorAlert error={history.error} />
      {history.data && (
        <ResultsTable
          captionId="riwayat-caption"
          caption={t('integrasi.riwayat.title')}
          columns={
            <>
              <th scope="col">{t('integrasi.riwayat.versi')}</th>
              <th scope="col">{t('integrasi.riwayat.aksi')}</th>
              <th scope="col">{t('integrasi.riwayat.oleh')}</th>
              <th scope="col">{t('integrasi.riwayat.waktu')}</th>
            </>
          }
          columnCount={4}
          items={history.data.items}
          empty={t('integrasi.riwayat.empty')}
          busy={history.loading}
        >
          {(v) => (
            <tr key={v.version}>
              <th scope="row">{v.version}</th>
              <td>{v.action === 'created' ? t('integrasi.riwayat.dibuat') : v.changed.join(', ') || v.action}</td>
              <td>{v.actorName ?? '—'}</td>
              <td>{formatDateTime(v.at)}</td>
            </tr>
          )}
        </ResultsTable>
      )}
    </section>
  );
}
