import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DateTime } from '../../../components/DateTime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SelectField, TextField } from '../../../components/fields';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { useResource } from '../../../hooks/useResource';
import { useI18n } from '../../../i18n/I18nProvider';
import { searchLog, type LogQuery, type LogRow } from './gatewayApi';
import { formatBytes } from './parts';
import './gateway.css';

const FILTERS = ['layanan', 'klien', 'penyedia', 'status', 'dari', 'sampai'] as const;
const STATUSES = ['', '2xx', '3xx', '4xx', '5xx', 'gagal'] as const;

/** datetime-local value (local time) → ISO, or undefined. */
const toIso = (value: string) => (value ? new Date(value).toISOString() : undefined);

/** The message log: every call through the gateway, newest first, searchable by caller, service, status and time. */
export function GatewayLogPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const query: LogQuery = Object.fromEntries(FILTERS.flatMap((key) => (params.get(key) ? [[key, params.get(key)!]] : [])));
  const key = FILTERS.map((f) => params.get(f) ?? '').join('|');
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])));
  const [pages, setPages] = useState<{ key: string; rows: LogRow[]; cursor: string | null }>({ key: '', rows: [], cursor: null });
  const [more, setMore] = useState<{ pending: boolean; error: unknown }>({ pending: false, error: null });
  const first = useResource(
    (signal) => searchLog({ ...query, dari: toIso(query.dari ?? ''), sampai: toIso(query.sampai ?? ''), limit: 50 }, signal),
    [key],
  );
  const extra = pages.key === key ? pages.rows : [];
  const rows = [...(first.data?.items ?? []), ...extra];
  const cursor = pages.key === key && pages.rows.length > 0 ? pages.cursor : (first.data?.nextCursor ?? null);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const f of FILTERS) if (draft[f]?.trim()) next.set(f, draft[f]!.trim());
    setParams(next);
  }
  async function loadMore() {
    if (!cursor) return;
    setMore({ pending: true, error: null });
    try {
      const page = await searchLog({ ...query, dari: toIso(query.dari ?? ''), sampai: toIso(query.sampai ?? ''), cursor, limit: 50 });
      setPages({ key, rows: [...extra, ...page.items], cursor: page.nextCursor });
      setMore({ pending: false, error: null });
    } catch (error) {
      setMore({ pending: false, error });
    }
  }
  const set = (field: string) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.target.value }));

  return (
    <div className="gateway">
      <p className="breadcrumb">
        <Link to="/integrasi/gateway">{t('integrasi.gw.back')}</Link>
      </p>
      <PageHeading>{t('integrasi.gw.log.title')}</PageHeading>
      <p>{t('integrasi.gw.log.intro')}</p>
      <form className="panel gateway-filters" onSubmit={apply} role="search" aria-label={t('integrasi.gw.filter')}>
        <TextField label={t('integrasi.gw.klien')} hint={t('integrasi.gw.aplikasiHint')} value={draft.klien} onChange={set('klien')} maxLength={100} />
        <TextField label={t('integrasi.gw.penyedia')} hint={t('integrasi.gw.aplikasiHint')} value={draft.penyedia} onChange={set('penyedia')} maxLength={100} />
        <SelectField label={t('integrasi.gw.log.status')} value={draft.status} onChange={set('status')}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s === '' ? t('integrasi.gw.log.semua') : s === 'gagal' ? t('integrasi.gw.log.gagal') : s}
            </option>
          ))}
        </SelectField>
        <TextField label={t('integrasi.gw.log.dari')} type="datetime-local" value={draft.dari} onChange={set('dari')} />
        <TextField label={t('integrasi.gw.log.sampai')} type="datetime-local" value={draft.sampai} onChange={set('sampai')} />
        {draft.layanan && <TextField label={t('integrasi.gw.log.layananId')} value={draft.layanan} onChange={set('layanan')} />}
        <div className="form__actions">
          <button type="submit" className="button">
            {t('integrasi.gw.terapkan')}
          </button>
        </div>
      </form>
      {first.loading && !first.data && <Loading />}
      <ErrorAlert error={first.error} />
      {first.data && (
        <div className="table-scroll" role="region" aria-labelledby="gw-log-caption" tabIndex={0}>
          <table className="data-table" aria-busy={first.loading}>
            <caption id="gw-log-caption">{t('integrasi.gw.log.caption', { n: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('integrasi.gw.log.waktu')}</th>
                <th scope="col">{t('integrasi.gw.klien')}</th>
                <th scope="col">{t('integrasi.gw.layanan')}</th>
                <th scope="col">{t('integrasi.gw.log.permintaan')}</th>
                <th scope="col">{t('integrasi.gw.log.status')}</th>
                <th scope="col">{t('integrasi.gw.log.durasi')}</th>
                <th scope="col">{t('integrasi.gw.log.ukuran')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={7}>{t('integrasi.gw.log.kosong')}</td>
                </tr>
              )}
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">
                    <DateTime value={r.at} />
                  </td>
                  <td>{r.klien}</td>
                  <td>
                    <Link to={`/integrasi/gateway/${r.layanan.id}`}>
                      {r.penyedia}/{r.layanan.kode}
                    </Link>
                  </td>
                  <td>
                    <code className="gateway-path">
                      {r.metode} {r.path}
                    </code>
                    {(r.isiRequest || r.isiResponse) && (
                      <details>
                        <summary>{t('integrasi.gw.log.isi')}</summary>
                        {r.isiRequest && <pre className="gateway-body">{r.isiRequest}</pre>}
                        {r.isiResponse && <pre className="gateway-body">{r.isiResponse}</pre>}
                      </details>
                    )}
                    <div className="muted gateway-reqid">{r.requestId}</div>
                  </td>
                  <td className={r.status >= 500 || r.galat ? 'gateway-bad' : undefined}>
                    {r.status}
                    {r.galat && <div className="muted">{r.galat}</div>}
                  </td>
                  <td className="numeric nowrap">{r.durasiMs} ms</td>
                  <td className="nowrap">
                    ↑ {formatBytes(r.ukuranRequest)}
                    <br />↓ {formatBytes(r.ukuranResponse)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorAlert error={more.error} />
      {cursor && (
        <p>
          <button type="button" className="button button--secondary" onClick={() => void loadMore()} aria-busy={more.pending}>
            {t('integrasi.gw.log.lagi')}
          </button>
        </p>
      )}
    </div>
  );
}
