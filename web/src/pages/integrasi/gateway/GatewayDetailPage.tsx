import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { DateTime } from '../../../components/DateTime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { CheckboxField, TextAreaField, TextField } from '../../../components/fields';
import { FormAlert } from '../../../components/FormAlert';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { LocalInvalid, useFormSubmission } from '../../../hooks/useFormSubmission';
import { useResource } from '../../../hooks/useResource';
import { useI18n } from '../../../i18n/I18nProvider';
import {
  getLayanan, grantIzin, openapiUrl, removeOpenapi, revokeIzin, riwayatLayanan, rulesFromText, updateIzin, updateLayanan, uploadOpenapi,
  type Izin, type LayananDetail,
} from './gatewayApi';
import { OpenapiFileField } from './GatewayPage';
import { HariSelect, MetrikCells, StatusBadge, formatBytes, readJsonFile, useHari, useNumber } from './parts';
import './gateway.css';

/** One service: where to call it, its metrics and callers, its grants, and (for its managers) its settings. */
export function GatewayDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [hari, setHari] = useHari();
  const detail = useResource((signal) => getLayanan(id, hari, signal), [id, hari]);
  const [status, setStatus] = useState('');
  const changed = (message: string) => {
    setStatus(message);
    detail.reload();
  };

  if (detail.loading && !detail.data) return <Loading />;
  if (!detail.data) return <ErrorAlert error={detail.error} />;
  const { data: layanan, etag } = detail.data;

  return (
    <div className="gateway">
      <p className="breadcrumb">
        <Link to="/integrasi/gateway">{t('integrasi.gw.back')}</Link>
      </p>
      <PageHeading>{layanan.nama}</PageHeading>
      <p role="status" className="status-line">
        {status}
      </p>
      <ErrorAlert error={detail.error} />
      <dl className="gateway-facts">
        <dt>{t('integrasi.gw.penyedia')}</dt>
        <dd>
          {layanan.aplikasi.nama} <span className="muted">({layanan.aplikasi.kode})</span>
        </dd>
        <dt>{t('integrasi.gw.alamatGateway')}</dt>
        <dd>
          <code className="gateway-path">{layanan.gatewayPath}</code>
        </dd>
        <dt>{t('integrasi.gw.baseUrl')}</dt>
        <dd>
          <code>{layanan.baseUrl}</code>
        </dd>
        <dt>{t('integrasi.gw.status')}</dt>
        <dd>
          <StatusBadge status={layanan.status} />
        </dd>
        <dt>{t('integrasi.gw.batas')}</dt>
        <dd>{t('integrasi.gw.batasNilai', { timeout: layanan.timeoutMs, request: formatBytes(layanan.maksRequestBytes), response: formatBytes(layanan.maksResponseBytes) })}</dd>
        <dt>{t('integrasi.gw.logIsi')}</dt>
        <dd>{t(layanan.logIsi ? 'integrasi.gw.ya' : 'integrasi.gw.tidak')}</dd>
        <dt>{t('integrasi.gw.openapi')}</dt>
        <dd>
          {layanan.adaOpenapi ? (
            <a href={openapiUrl(layanan.id)} download={`${layanan.aplikasi.kode}-${layanan.kode}.openapi.json`}>
              {t('integrasi.gw.openapiUnduh')}
            </a>
          ) : (
            t('integrasi.gw.openapiBelum')
          )}
        </dd>
        {layanan.deskripsi && (
          <>
            <dt>{t('integrasi.gw.deskripsi')}</dt>
            <dd>{layanan.deskripsi}</dd>
          </>
        )}
      </dl>

      <section className="panel" aria-labelledby="gw-metrik-heading">
        <h2 id="gw-metrik-heading">{t('integrasi.gw.metrik')}</h2>
        <HariSelect value={hari} onChange={setHari} />
        <MetrikTable layanan={layanan} hari={hari} />
        <p>
          <Link to={`/integrasi/gateway/log?layanan=${layanan.id}`}>{t('integrasi.gw.log.linkLayanan')}</Link>
        </p>
      </section>

      <section className="panel" aria-labelledby="gw-izin-heading">
        <h2 id="gw-izin-heading">{t('integrasi.gw.izin')}</h2>
        <p>{t('integrasi.gw.izinIntro')}</p>
        <IzinList layanan={layanan} onChanged={changed} />
        {layanan.bolehKelola && <TambahIzin layanan={layanan} onAdded={(klien) => changed(t('integrasi.gw.izinDitambah', { klien }))} />}
      </section>

      {layanan.bolehKelola && (
        <>
          <section className="panel">
            <UbahLayanan key={etag} layanan={layanan} etag={etag} onSaved={() => changed(t('integrasi.gw.disimpan'))} onReload={detail.reload} />
          </section>
          <section className="panel">
            <KelolaOpenapi layanan={layanan} etag={etag} onSaved={changed} onReload={detail.reload} />
          </section>
        </>
      )}
      <RiwayatPanel id={layanan.id} version={etag} />
    </div>
  );
}

function MetrikTable({ layanan, hari }: { layanan: LayananDetail; hari: number }) {
  const { t } = useI18n();
  const { formatNumber } = useNumber();
  return (
    <>
      <div className="table-scroll" role="region" aria-labelledby="gw-metrik-caption" tabIndex={0}>
        <table className="data-table">
          <caption id="gw-metrik-caption">{t('integrasi.gw.metrikCaption', { hari })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('integrasi.gw.m.panggilan')}</th>
              <th scope="col">{t('integrasi.gw.m.gagal')}</th>
              <th scope="col">{t('integrasi.gw.m.p50')}</th>
              <th scope="col">{t('integrasi.gw.m.p95')}</th>
              <th scope="col">{t('integrasi.gw.m.terakhir')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <MetrikCells metrik={layanan.metrik} />
            </tr>
          </tbody>
        </table>
      </div>
      <p className="muted">{t('integrasi.gw.m.ditolak', { n: formatNumber(layanan.metrik.ditolak) })}</p>
      <div className="table-scroll" role="region" aria-labelledby="gw-pemanggil-caption" tabIndex={0}>
        <table className="data-table">
          <caption id="gw-pemanggil-caption">{t('integrasi.gw.pemanggil', { hari })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('integrasi.gw.klien')}</th>
              <th scope="col">{t('integrasi.gw.m.panggilan')}</th>
              <th scope="col">{t('integrasi.gw.m.gagal')}</th>
              <th scope="col">{t('integrasi.gw.m.rata')}</th>
              <th scope="col">{t('integrasi.gw.m.terakhir')}</th>
            </tr>
          </thead>
          <tbody>
            {layanan.pemanggil.length === 0 && (
              <tr>
                <td colSpan={5}>{t('integrasi.gw.pemanggilKosong')}</td>
              </tr>
            )}
            {layanan.pemanggil.map((p) => (
              <tr key={p.kode}>
                <th scope="row">
                  {p.nama} <span className="muted">({p.kode})</span>
                </th>
                <td className="numeric">{formatNumber(p.panggilan)}</td>
                <td className="numeric">{formatNumber(p.gagal)}</td>
                <td className="numeric nowrap">{p.rataRataMs === null ? '–' : `${p.rataRataMs} ms`}</td>
                <td className="nowrap">
                  <DateTime value={p.terakhir} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function IzinList({ layanan, onChanged }: { layanan: LayananDetail; onChanged: (message: string) => void }) {
  const { t } = useI18n();
  if (layanan.izin.length === 0) return <p>{t('integrasi.gw.izinKosong')}</p>;
  return (
    <ul className="gateway-izin">
      {layanan.izin.map((izin) => (
        <li key={`${izin.id}-${izin.versi}`}>
          <IzinItem izin={izin} bolehKelola={layanan.bolehKelola} onChanged={onChanged} />
        </li>
      ))}
    </ul>
  );
}

function IzinItem({ izin, bolehKelola, onChanged }: { izin: Izin; bolehKelola: boolean; onChanged: (message: string) => void }) {
  const { t } = useI18n();
  const [aturan, setAturan] = useState(izin.aturan.join('\n'));
  const [confirming, setConfirming] = useState(false);
  const { pending, error, submit, form, errors } = useFormSubmission();
  const ruleError = Object.entries(errors).find(([field]) => field.startsWith('aturan'))?.[1];

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      await updateIzin(izin, { aturan: rulesFromText(aturan) });
      onChanged(t('integrasi.gw.izinDiubah', { klien: izin.klien.kode }));
    });
  }
  function revoke() {
    void submit(async () => {
      await revokeIzin(izin);
      onChanged(t('integrasi.gw.izinDicabut', { klien: izin.klien.kode }));
    });
  }

  const heading = (
    <h3>
      {izin.klien.nama} <span className="muted">({izin.klien.kode})</span>
    </h3>
  );
  if (!bolehKelola) {
    return (
      <>
        {heading}
        <p>{izin.aturan.length === 0 ? t('integrasi.gw.aturanSemua') : izin.aturan.map((a) => <code key={a} className="gateway-rule">{a}</code>)}</p>
      </>
    );
  }
  return (
    <form ref={form} className="form" onSubmit={save} noValidate aria-busy={pending}>
      {heading}
      <FormAlert error={error} stale={{ message: t('integrasi.gw.basi'), reload: t('integrasi.gw.muatUlang') }} />
      <TextAreaField
        label={t('integrasi.gw.aturan')}
        hint={t('integrasi.gw.aturanHint')}
        value={aturan}
        onChange={(e) => setAturan(e.target.value)}
        error={ruleError}
        rows={Math.max(2, izin.aturan.length + 1)}
        className="gateway-rules"
      />
      <div className="form__actions">
        <button type="submit" className="button">
          {t('integrasi.gw.izinSimpan')}
          <span className="visually-hidden">: {izin.klien.kode}</span>
        </button>
        {confirming ? (
          <>
            <button type="button" className="button gateway-danger" onClick={revoke}>
              {t('integrasi.gw.izinCabutYakin', { klien: izin.klien.kode })}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
            {t('integrasi.gw.izinCabut')}
            <span className="visually-hidden">: {izin.klien.kode}</span>
          </button>
        )}
      </div>
    </form>
  );
}

function TambahIzin({ layanan, onAdded }: { layanan: LayananDetail; onAdded: (klien: string) => void }) {
  const { t } = useI18n();
  const [klien, setKlien] = useState('');
  const [aturan, setAturan] = useState('');
  const { pending, error, submit, form, errors } = useFormSubmission();
  const ruleError = Object.entries(errors).find(([field]) => field.startsWith('aturan'))?.[1];

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      if (!klien.trim()) throw new LocalInvalid({ klien: t('integrasi.gw.wajib') });
      const izin = await grantIzin(layanan.id, { klien: klien.trim(), aturan: rulesFromText(aturan) });
      setKlien('');
      setAturan('');
      onAdded(izin.klien.kode);
    });
  }

  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="gw-izin-baru">
      <h3 id="gw-izin-baru">{t('integrasi.gw.izinBaru')}</h3>
      <FormAlert error={error} checkFields={t('integrasi.gw.periksa')} />
      <TextField label={t('integrasi.gw.klien')} hint={t('integrasi.gw.klienHint')} value={klien} onChange={(e) => setKlien(e.target.value)} error={errors.klien} required maxLength={100} />
      <TextAreaField label={t('integrasi.gw.aturan')} hint={t('integrasi.gw.aturanHint')} value={aturan} onChange={(e) => setAturan(e.target.value)} error={ruleError} rows={3} className="gateway-rules" />
      <div className="form__actions">
        <button type="submit" className="button">
          {t('integrasi.gw.izinBeri')}
        </button>
      </div>
    </form>
  );
}

const KIB = 1024;

function UbahLayanan({ layanan, etag, onSaved, onReload }: { layanan: LayananDetail; etag: string; onSaved: () => void; onReload: () => void }) {
  const { t } = useI18n();
  const [nama, setNama] = useState(layanan.nama);
  const [deskripsi, setDeskripsi] = useState(layanan.deskripsi ?? '');
  const [baseUrl, setBaseUrl] = useState(layanan.baseUrl);
  const [timeoutMs, setTimeoutMs] = useState(String(layanan.timeoutMs));
  const [maksRequest, setMaksRequest] = useState(String(Math.round(layanan.maksRequestBytes / KIB)));
  const [maksResponse, setMaksResponse] = useState(String(Math.round(layanan.maksResponseBytes / KIB)));
  const [logIsi, setLogIsi] = useState(layanan.logIsi);
  const { pending, error, submit, form, errors } = useFormSubmission();
  const stale = { message: t('integrasi.gw.basi'), reload: t('integrasi.gw.muatUlang') };

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      await updateLayanan(layanan.id, etag, {
        nama: nama.trim(),
        deskripsi: deskripsi.trim() || null,
        baseUrl: baseUrl.trim(),
        timeoutMs: Number(timeoutMs),
        maksRequestBytes: Math.round(Number(maksRequest) * KIB),
        maksResponseBytes: Math.round(Number(maksResponse) * KIB),
        logIsi,
      });
      onSaved();
    });
  }
  function toggle() {
    void submit(async () => {
      await updateLayanan(layanan.id, etag, { status: layanan.status === 'aktif' ? 'jeda' : 'aktif' });
      onSaved();
    });
  }

  return (
    <form ref={form} className="form" onSubmit={save} noValidate aria-busy={pending} aria-labelledby="gw-ubah-heading">
      <h2 id="gw-ubah-heading">{t('integrasi.gw.ubah')}</h2>
      <FormAlert error={error} stale={stale} onReload={onReload} />
      <p>
        <button type="button" className="button button--secondary" onClick={toggle}>
          {t(layanan.status === 'aktif' ? 'integrasi.gw.jeda' : 'integrasi.gw.lanjutkan')}
        </button>
      </p>
      <div className="form__grid">
        <TextField label={t('integrasi.gw.nama')} value={nama} onChange={(e) => setNama(e.target.value)} error={errors.nama} required maxLength={200} />
        <TextField label={t('integrasi.gw.baseUrl')} hint={t('integrasi.gw.baseUrlHint')} type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} error={errors.baseUrl} required maxLength={2000} />
        <TextField label={t('integrasi.gw.timeout')} type="number" min={100} max={300000} value={timeoutMs} onChange={(e) => setTimeoutMs(e.target.value)} error={errors.timeoutMs} />
        <TextField label={t('integrasi.gw.maksRequest')} type="number" min={0} value={maksRequest} onChange={(e) => setMaksRequest(e.target.value)} error={errors.maksRequestBytes} />
        <TextField label={t('integrasi.gw.maksResponse')} type="number" min={0} value={maksResponse} onChange={(e) => setMaksResponse(e.target.value)} error={errors.maksResponseBytes} />
      </div>
      <TextAreaField label={t('integrasi.gw.deskripsi')} value={deskripsi} onChange={(e) => setDeskripsi(e.target.value)} error={errors.deskripsi} maxLength={2000} rows={2} />
      <CheckboxField label={t('integrasi.gw.logIsi')} hint={t('integrasi.gw.logIsiHint')} checked={logIsi} onChange={(e) => setLogIsi(e.target.checked)} />
      <div className="form__actions">
        <button type="submit" className="button">
          {t('integrasi.gw.simpan')}
        </button>
      </div>
    </form>
  );
}

function KelolaOpenapi({ layanan, etag, onSaved, onReload }: { layanan: LayananDetail; etag: string; onSaved: (message: string) => void; onReload: () => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const { pending, error, submit, form, errors } = useFormSubmission();

  function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      if (!file) throw new LocalInvalid({ openapi: t('integrasi.gw.openapiPilih') });
      const doc = await readJsonFile(file);
      if (doc === null) throw new LocalInvalid({ openapi: t('integrasi.gw.openapiBukanJson') });
      await uploadOpenapi(layanan.id, etag, doc);
      onSaved(t('integrasi.gw.openapiDiunggah'));
    });
  }
  function remove() {
    void submit(async () => {
      await removeOpenapi(layanan.id, etag);
      onSaved(t('integrasi.gw.openapiDihapus'));
    });
  }
  const fieldError = errors.openapi ?? errors.paths;

  return (
    <form ref={form} className="form" onSubmit={upload} noValidate aria-busy={pending} aria-labelledby="gw-openapi-heading">
      <h2 id="gw-openapi-heading">{t('integrasi.gw.openapi')}</h2>
      <FormAlert error={error} stale={{ message: t('integrasi.gw.basi'), reload: t('integrasi.gw.muatUlang') }} onReload={onReload} checkFields={t('integrasi.gw.periksa')} />
      <OpenapiFileField onChange={setFile} error={fieldError} />
      <div className="form__actions">
        <button type="submit" className="button">
          {t('integrasi.gw.openapiUnggah')}
        </button>
        {layanan.adaOpenapi && (
          <button type="button" className="button button--secondary" onClick={remove}>
            {t('integrasi.gw.openapiHapus')}
          </button>
        )}
      </div>
    </form>
  );
}

const ACTION_KEYS = {
  'gw_layanan.created': 'integrasi.gw.r.dibuat',
  'gw_layanan.updated': 'integrasi.gw.r.diubah',
  'gw_layanan.openapi_uploaded': 'integrasi.gw.r.openapi',
  'gw_layanan.openapi_removed': 'integrasi.gw.r.openapiHapus',
  'gw_izin.granted': 'integrasi.gw.r.izin',
  'gw_izin.updated': 'integrasi.gw.r.izinUbah',
  'gw_izin.revoked': 'integrasi.gw.r.izinCabut',
} as const;

function RiwayatPanel({ id, version }: { id: string; version: string }) {
  const { t } = useI18n();
  const riwayat = useResource((signal) => riwayatLayanan(id, signal), [id, version]);
  return (
    <section className="panel" aria-labelledby="gw-riwayat-heading">
      <h2 id="gw-riwayat-heading">{t('integrasi.gw.riwayat')}</h2>
      <ErrorAlert error={riwayat.error} />
      {riwayat.data && (
        <ol className="gateway-riwayat">
          {riwayat.data.items.map((r) => {
            const key = ACTION_KEYS[`${r.entityType}.${r.action}` as keyof typeof ACTION_KEYS];
            return (
              <li key={`${r.entityId}-${r.version}`}>
                <DateTime value={r.at} /> · {key ? t(key) : r.action}
                {r.changed.length > 0 && <span className="muted"> ({r.changed.join(', ')})</span>} · {r.actorName ?? r.actorType}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
