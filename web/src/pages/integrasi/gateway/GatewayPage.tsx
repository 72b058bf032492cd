import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { hasPermission, useMe } from '../../../auth/AuthProvider';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { CheckboxField, TextAreaField, TextField } from '../../../components/fields';
import { FormAlert } from '../../../components/FormAlert';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { LocalInvalid, useFormSubmission } from '../../../hooks/useFormSubmission';
import { useResource } from '../../../hooks/useResource';
import { useI18n } from '../../../i18n/I18nProvider';
import { createLayanan, listLayanan, type LayananInput } from './gatewayApi';
import { HariSelect, MetrikCells, StatusBadge, readJsonFile, useHari } from './parts';
import './gateway.css';

/** The gateway's services: per app (filter), with their metrics; managers publish new ones here. */
export function GatewayPage() {
  const { t } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const aplikasi = params.get('aplikasi') ?? '';
  const q = params.get('q') ?? '';
  const [hari, setHari] = useHari();
  const [aplikasiDraft, setAplikasiDraft] = useState(aplikasi);
  const [qDraft, setQDraft] = useState(q);
  const list = useResource((signal) => listLayanan({ aplikasi: aplikasi || undefined, q: q || undefined, hari }, signal), [aplikasi, q, hari]);
  const canManage = hasPermission(me, 'integrasi.manage');

  function filter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams(params);
    for (const [key, value] of [['aplikasi', aplikasiDraft.trim()], ['q', qDraft.trim()]] as const) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  }

  return (
    <div className="gateway">
      <PageHeading>{t('integrasi.gw.title')}</PageHeading>
      <p>{t('integrasi.gw.intro')}</p>
      <p>
        <Link to="/integrasi/gateway/log">{t('integrasi.gw.log.link')}</Link>
      </p>
      <form className="panel gateway-filters" onSubmit={filter} role="search" aria-label={t('integrasi.gw.filter')}>
        <TextField label={t('integrasi.gw.aplikasi')} hint={t('integrasi.gw.aplikasiHint')} value={aplikasiDraft} onChange={(e) => setAplikasiDraft(e.target.value)} maxLength={100} />
        <TextField label={t('integrasi.gw.cari')} value={qDraft} onChange={(e) => setQDraft(e.target.value)} maxLength={100} />
        <HariSelect value={hari} onChange={setHari} />
        <div className="form__actions">
          <button type="submit" className="button">
            {t('integrasi.gw.terapkan')}
          </button>
        </div>
      </form>
      {list.loading && !list.data && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <div className="table-scroll" role="region" aria-labelledby="gw-caption" tabIndex={0}>
          <table className="data-table" aria-busy={list.loading}>
            <caption id="gw-caption">{t('integrasi.gw.caption', { hari })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('integrasi.gw.layanan')}</th>
                <th scope="col">{t('integrasi.gw.penyedia')}</th>
                <th scope="col">{t('integrasi.gw.status')}</th>
                <th scope="col">{t('integrasi.gw.m.panggilan')}</th>
                <th scope="col">{t('integrasi.gw.m.gagal')}</th>
                <th scope="col">{t('integrasi.gw.m.p50')}</th>
                <th scope="col">{t('integrasi.gw.m.p95')}</th>
                <th scope="col">{t('integrasi.gw.m.terakhir')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.length === 0 && (
                <tr>
                  <td colSpan={8}>{t('integrasi.gw.empty')}</td>
                </tr>
              )}
              {list.data.items.map((l) => (
                <tr key={l.id}>
                  <th scope="row">
                    <Link to={`/integrasi/gateway/${l.id}`}>{l.nama}</Link>
                    <br />
                    <code className="gateway-path">{l.gatewayPath}</code>
                  </th>
                  <td>
                    {l.aplikasi.nama} <span className="muted">({l.aplikasi.kode})</span>
                  </td>
                  <td>
                    <StatusBadge status={l.status} />
                  </td>
                  <MetrikCells metrik={l.metrik} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && (
        <section className="panel">
          <DaftarLayanan aplikasiAwal={aplikasi} />
        </section>
      )}
    </div>
  );
}

const KIB = 1024;

function DaftarLayanan({ aplikasiAwal }: { aplikasiAwal: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [aplikasi, setAplikasi] = useState(aplikasiAwal);
  const [kode, setKode] = useState('');
  const [nama, setNama] = useState('');
  const [deskripsi, setDeskripsi] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [timeoutMs, setTimeoutMs] = useState('10000');
  const [maksRequest, setMaksRequest] = useState('10240');
  const [maksResponse, setMaksResponse] = useState('10240');
  const [logIsi, setLogIsi] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const { pending, error, submit, form, errors } = useFormSubmission();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      const local: Record<string, string> = {};
      if (!aplikasi.trim()) local.aplikasi = t('integrasi.gw.wajib');
      if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(kode.trim())) local.kode = t('integrasi.gw.kodeHint');
      if (!nama.trim()) local.nama = t('integrasi.gw.wajib');
      if (!/^https?:\/\/\S+$/i.test(baseUrl.trim())) local.baseUrl = t('integrasi.gw.baseUrlHint');
      let openapi: Record<string, unknown> | undefined;
      if (file) {
        const parsed = await readJsonFile(file);
        if (parsed === null) local.openapi = t('integrasi.gw.openapiBukanJson');
        else openapi = parsed;
      }
      if (Object.keys(local).length > 0) throw new LocalInvalid(local);
      const body: LayananInput = {
        aplikasi: aplikasi.trim(),
        kode: kode.trim(),
        nama: nama.trim(),
        deskripsi: deskripsi.trim() || null,
        baseUrl: baseUrl.trim(),
        timeoutMs: Number(timeoutMs),
        maksRequestBytes: Math.round(Number(maksRequest) * KIB),
        maksResponseBytes: Math.round(Number(maksResponse) * KIB),
        logIsi,
        ...(openapi ? { openapi } : {}),
      };
      const created = await createLayanan(body);
      navigate(`/integrasi/gateway/${created.id}`);
    });
  }

  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="gw-daftar-heading">
      <h2 id="gw-daftar-heading">{t('integrasi.gw.daftar')}</h2>
      <p>{t('integrasi.gw.daftarIntro')}</p>
      <FormAlert error={error} checkFields={t('integrasi.gw.periksa')} />
      <div className="form__grid">
        <TextField label={t('integrasi.gw.aplikasi')} hint={t('integrasi.gw.aplikasiHint')} value={aplikasi} onChange={(e) => setAplikasi(e.target.value)} error={errors.aplikasi} required maxLength={100} />
        <TextField label={t('integrasi.gw.kode')} hint={t('integrasi.gw.kodeHint')} value={kode} onChange={(e) => setKode(e.target.value.toLowerCase())} error={errors.kode} required maxLength={63} />
        <TextField label={t('integrasi.gw.nama')} value={nama} onChange={(e) => setNama(e.target.value)} error={errors.nama} required maxLength={200} />
        <TextField label={t('integrasi.gw.baseUrl')} hint={t('integrasi.gw.baseUrlHint')} type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} error={errors.baseUrl} required maxLength={2000} />
        <TextField label={t('integrasi.gw.timeout')} type="number" min={100} max={300000} value={timeoutMs} onChange={(e) => setTimeoutMs(e.target.value)} error={errors.timeoutMs} />
        <TextField label={t('integrasi.gw.maksRequest')} type="number" min={0} value={maksRequest} onChange={(e) => setMaksRequest(e.target.value)} error={errors.maksRequestBytes} />
        <TextField label={t('integrasi.gw.maksResponse')} type="number" min={0} value={maksResponse} onChange={(e) => setMaksResponse(e.target.value)} error={errors.maksResponseBytes} />
      </div>
      <TextAreaField label={t('integrasi.gw.deskripsi')} value={deskripsi} onChange={(e) => setDeskripsi(e.target.value)} error={errors.deskripsi} maxLength={2000} rows={2} />
      <CheckboxField label={t('integrasi.gw.logIsi')} hint={t('integrasi.gw.logIsiHint')} checked={logIsi} onChange={(e) => setLogIsi(e.target.checked)} />
      <OpenapiFileField onChange={setFile} error={errors.openapi ?? errors['openapi/openapi'] ?? errors['openapi/paths']} />
      <div className="form__actions">
        <button type="submit" className="button">
          {t('integrasi.gw.daftarSubmit')}
        </button>
      </div>
    </form>
  );
}

export function OpenapiFileField({ onChange, error }: { onChange: (file: File | null) => void; error?: string }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor="gw-openapi">{t('integrasi.gw.openapi')}</label>
      <p id="gw-openapi-hint" className="field__hint">
        {t('integrasi.gw.openapiHint')}
      </p>
      {error && (
        <p id="gw-openapi-error" className="field__error">
          {error}
        </p>
      )}
      <input
        id="gw-openapi"
        type="file"
        accept="application/json,.json"
        aria-describedby={error ? 'gw-openapi-hint gw-openapi-error' : 'gw-openapi-hint'}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
      />
    </div>
  );
}
