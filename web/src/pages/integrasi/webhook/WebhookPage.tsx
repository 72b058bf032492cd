import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { hasPermission, useMe } from '../../../auth/AuthProvider';
import { DateTime } from '../../../components/DateTime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { TextField } from '../../../components/fields';
import { FormAlert } from '../../../components/FormAlert';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { LocalInvalid, useFormSubmission } from '../../../hooks/useFormSubmission';
import { useResource } from '../../../hooks/useResource';
import { useSubmission } from '../../../hooks/useSubmission';
import { useI18n } from '../../../i18n/I18nProvider';
import { createLangganan, deleteLangganan, kirimUlangSemua, listLangganan, rotateRahasia, setStatusLangganan, type Langganan, type WebhookFilter } from './webhookApi';
import { AplikasiPicker } from './parts';
import './webhook.css';

/** Webhook subscriptions of one app: list with counts, pause/resume, re-send failed, new secret, create. */
export function WebhookPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const aplikasi = params.get('aplikasi') ?? '';
  return (
    <div className="webhook">
      <PageHeading>{t('integrasi.webhook.title')}</PageHeading>
      <p>{t('integrasi.webhook.intro')}</p>
      <AplikasiPicker value={aplikasi} onChange={(kode) => setParams(kode ? { aplikasi: kode } : {})} />
      {aplikasi && <Langganans key={aplikasi} aplikasi={aplikasi} />}
    </div>
  );
}

/** The secret of a new subscription or a rotation: shown once, here only. */
function RahasiaSekali({ rahasia }: { rahasia: string }) {
  const { t } = useI18n();
  return (
    <div className="alert alert--ok webhook-secret" role="status">
      <p>{t('integrasi.webhook.rahasiaSekali')}</p>
      <p>
        <code data-testid="webhook-rahasia">{rahasia}</code>
      </p>
    </div>
  );
}

function Langganans({ aplikasi }: { aplikasi: string }) {
  const { t } = useI18n();
  const me = useMe();
  const canManage = hasPermission(me, 'integrasi.manage');
  const list = useResource((signal) => listLangganan(aplikasi, signal), [aplikasi]);
  const [rahasia, setRahasia] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useSubmission();

  const run = (work: () => Promise<string | null>) =>
    void action.submit(async () => {
      setNotice(null);
      setRahasia(null);
      const message = await work();
      if (message) setNotice(message);
      list.reload();
    });

  return (
    <>
      {rahasia && <RahasiaSekali rahasia={rahasia} />}
      {notice && (
        <p className="alert alert--ok" role="status">
          {notice}
        </p>
      )}
      <ErrorAlert error={action.error} />
      {list.loading && !list.data && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <div className="table-scroll" role="region" aria-labelledby="webhook-caption" tabIndex={0}>
          <table className="data-table" aria-busy={list.loading}>
            <caption id="webhook-caption">{t('integrasi.webhook.caption', { aplikasi })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('integrasi.webhook.nama')}</th>
                <th scope="col">{t('integrasi.webhook.jenisEvent')}</th>
                <th scope="col">{t('integrasi.webhook.status')}</th>
                <th scope="col">{t('integrasi.webhook.jumlah')}</th>
                <th scope="col">{t('integrasi.webhook.terakhir')}</th>
                <th scope="col">{t('integrasi.webhook.aksi')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.length === 0 && (
                <tr>
                  <td colSpan={6}>{t('integrasi.webhook.kosong')}</td>
                </tr>
              )}
              {list.data.items.map((l) => (
                <LanggananRow key={l.id} l={l} aplikasi={aplikasi} canManage={canManage} pending={action.pending} run={run} onRahasia={setRahasia} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && (
        <section className="panel">
          <BuatLangganan
            aplikasi={aplikasi}
            onCreated={(secret) => {
              setNotice(null);
              setRahasia(secret);
              list.reload();
            }}
          />
        </section>
      )}
    </>
  );
}

interface RowProps {
  l: Langganan;
  aplikasi: string;
  canManage: boolean;
  pending: boolean;
  run: (work: () => Promise<string | null>) => void;
  onRahasia: (secret: string) => void;
}

function LanggananRow({ l, aplikasi, canManage, pending, run, onRahasia }: RowProps) {
  const { t } = useI18n();
  const failed = l.jumlah.gagal + l.jumlah.mati;
  const filters = Object.entries(l.filter).filter(([key]) => key !== 'payload');
  return (
    <tr>
      <th scope="row">
        {l.nama}
        <br />
        <code className="webhook-url">{l.url}</code>
        {filters.length > 0 && (
          <span className="muted webhook-filter">
            <br />
            {t('integrasi.webhook.filter')}: {filters.map(([key, value]) => `${key} = ${String(value)}`).join(', ')}
          </span>
        )}
      </th>
      <td>{l.jenisEvent.join(', ')}</td>
      <td>
        <span className={l.status === 'aktif' ? 'badge badge--ok' : 'badge badge--off'}>{t(l.status === 'aktif' ? 'integrasi.webhook.status.aktif' : 'integrasi.webhook.status.jeda')}</span>
      </td>
      <td>
        {t('integrasi.webhook.jumlahIsi', { terkirim: l.jumlah.terkirim, menunggu: l.jumlah.menunggu + l.jumlah.gagal, mati: l.jumlah.mati })}
        <br />
        <Link to={`/integrasi/webhook/kiriman?aplikasi=${encodeURIComponent(aplikasi)}&langganan=${l.id}`}>{t('integrasi.webhook.lihatLog')}</Link>
      </td>
      <td>{l.terakhirTerkirim ? <DateTime value={l.terakhirTerkirim} /> : '—'}</td>
      <td className="webhook-actions">
        {canManage && (
          <>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={pending}
              onClick={() => run(async () => (await setStatusLangganan(l.id, l.version, l.status === 'aktif' ? 'jeda' : 'aktif'), null))}
            >
              {t(l.status === 'aktif' ? 'integrasi.webhook.jeda' : 'integrasi.webhook.lanjut')}
              <span className="visually-hidden"> {l.nama}</span>
            </button>
            {failed > 0 && (
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={pending}
                onClick={() => run(async () => t('integrasi.webhook.dikirimUlang', { jumlah: (await kirimUlangSemua(l.id)).jumlah }))}
              >
                {t('integrasi.webhook.kirimUlangSemua', { jumlah: failed })}
                <span className="visually-hidden"> {l.nama}</span>
              </button>
            )}
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={pending}
              onClick={() =>
                run(async () => {
                  onRahasia((await rotateRahasia(l.id)).rahasia);
                  return null;
                })
              }
            >
              {t('integrasi.webhook.rotasi')}
              <span className="visually-hidden"> {l.nama}</span>
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={pending}
              onClick={() => {
                if (window.confirm(t('integrasi.webhook.hapusYakin', { nama: l.nama }))) run(async () => (await deleteLangganan(l.id, l.version), t('integrasi.webhook.dihapus')));
              }}
            >
              {t('integrasi.webhook.hapus')}
              <span className="visually-hidden"> {l.nama}</span>
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.([a-z][a-z0-9_]*|\*))?$/;

function BuatLangganan({ aplikasi, onCreated }: { aplikasi: string; onCreated: (secret: string) => void }) {
  const { t } = useI18n();
  const [nama, setNama] = useState('');
  const [url, setUrl] = useState('');
  const [jenis, setJenis] = useState('');
  const [entityId, setEntityId] = useState('');
  const [opdKode, setOpdKode] = useState('');
  const [kodeKelurahan, setKodeKelurahan] = useState('');
  const { pending, error, submit, form, errors } = useFormSubmission();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      const jenisEvent = jenis.split(',').map((s) => s.trim()).filter(Boolean);
      const local: Record<string, string> = {};
      if (!nama.trim()) local.nama = t('integrasi.webhook.wajib');
      if (!/^https?:\/\/\S+$/i.test(url.trim())) local.url = t('integrasi.webhook.urlHint');
      if (jenisEvent.length === 0 || jenisEvent.some((j) => !EVENT_TYPE.test(j))) local.jenisEvent = t('integrasi.webhook.jenisHint');
      if (Object.keys(local).length > 0) throw new LocalInvalid(local);
      const filter: WebhookFilter = {};
      if (entityId.trim()) filter.entityId = entityId.trim();
      if (opdKode.trim()) filter.opdKode = opdKode.trim();
      if (kodeKelurahan.trim()) filter.kodeKelurahan = kodeKelurahan.trim();
      const created = await createLangganan(aplikasi, { nama: nama.trim(), url: url.trim(), jenisEvent, filter });
      setNama('');
      setUrl('');
      setJenis('');
      setEntityId('');
      setOpdKode('');
      setKodeKelurahan('');
      onCreated(created.rahasia);
    });
  }

  return (
    <form ref={form} onSubmit={handleSubmit} noValidate aria-labelledby="webhook-baru">
      <h2 id="webhook-baru">{t('integrasi.webhook.baru')}</h2>
      <FormAlert error={error} checkFields={t('integrasi.webhook.periksa')} />
      <TextField label={t('integrasi.webhook.nama')} value={nama} onChange={(e) => setNama(e.target.value)} error={errors.nama} maxLength={100} required />
      <TextField label={t('integrasi.webhook.url')} hint={t('integrasi.webhook.urlHint')} type="url" value={url} onChange={(e) => setUrl(e.target.value)} error={errors.url} maxLength={2000} required />
      <TextField
        label={t('integrasi.webhook.jenisEvent')}
        hint={t('integrasi.webhook.jenisHint')}
        value={jenis}
        onChange={(e) => setJenis(e.target.value)}
        error={errors.jenisEvent ?? errors['jenisEvent/0']}
        maxLength={1000}
        required
      />
      <fieldset className="webhook-filter-fields">
        <legend>{t('integrasi.webhook.filterOpsional')}</legend>
        <TextField label={t('integrasi.webhook.filter.entityId')} value={entityId} onChange={(e) => setEntityId(e.target.value)} error={errors['filter/entityId']} maxLength={100} />
        <TextField label={t('integrasi.webhook.filter.opdKode')} value={opdKode} onChange={(e) => setOpdKode(e.target.value)} error={errors['filter/opdKode']} maxLength={40} />
        <TextField label={t('integrasi.webhook.filter.kodeKelurahan')} hint={t('integrasi.webhook.filter.kodeKelurahanHint')} value={kodeKelurahan} onChange={(e) => setKodeKelurahan(e.target.value)} error={errors['filter/kodeKelurahan']} maxLength={20} />
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          {t('integrasi.webhook.buat')}
        </button>
      </div>
    </form>
  );
}
