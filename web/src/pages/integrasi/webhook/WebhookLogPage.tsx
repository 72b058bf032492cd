import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { hasPermission, useMe } from '../../../auth/AuthProvider';
import { DateTime } from '../../../components/DateTime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SelectField, TextField } from '../../../components/fields';
import { Loading } from '../../../components/Loading';
import { CursorPager } from '../../../components/Pager';
import { PageHeading } from '../../../components/PageHeading';
import { useCursorPages } from '../../../hooks/useCursorPages';
import { useResource } from '../../../hooks/useResource';
import { useSubmission } from '../../../hooks/useSubmission';
import { useI18n } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/id';
import { AplikasiPicker } from './parts';
import { kirimUlang, listKiriman, STATUS_KIRIMAN, type KirimanQuery } from './webhookApi';
import './webhook.css';

const PAGE_SIZE = 50;
const FILTERS = ['langganan', 'status', 'jenis', 'kode', 'dari', 'sampai'] as const;
type FilterName = (typeof FILTERS)[number];

/** `2026-11-28T10:00` (a datetime-local value, local time) → ISO; '' stays ''. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : '');

/** The delivery log of an app's webhooks: filters, paging, re-send of one delivery. */
export function WebhookLogPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const aplikasi = params.get('aplikasi') ?? '';
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Record<FilterName, string>;
  const [draft, setDraft] = useState(filters);
  // Applying the same filters again reloads the log (new deliveries come in all the time).
  const [generation, setGeneration] = useState(0);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams({ aplikasi });
    for (const name of FILTERS) if (draft[name].trim()) next.set(name, draft[name].trim());
    setParams(next);
    setGeneration((g) => g + 1);
  }

  return (
    <div className="webhook">
      <PageHeading>{t('integrasi.webhook.log.title')}</PageHeading>
      <p>
        <Link to={aplikasi ? `/integrasi/webhook?aplikasi=${encodeURIComponent(aplikasi)}` : '/integrasi/webhook'}>{t('integrasi.webhook.log.kembali')}</Link>
      </p>
      <AplikasiPicker value={aplikasi} onChange={(kode) => setParams(kode ? { aplikasi: kode } : {})} />
      {aplikasi && (
        <>
          <form className="panel webhook-filters" role="search" aria-label={t('integrasi.webhook.log.filter')} onSubmit={apply}>
            <SelectField label={t('integrasi.webhook.log.status')} value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
              <option value="">{t('integrasi.webhook.log.semua')}</option>
              {STATUS_KIRIMAN.map((s) => (
                <option key={s} value={s}>
                  {t(`integrasi.webhook.kiriman.${s}` as MessageKey)}
                </option>
              ))}
            </SelectField>
            <TextField label={t('integrasi.webhook.log.jenis')} hint={t('integrasi.webhook.log.jenisHint')} value={draft.jenis} onChange={(e) => setDraft({ ...draft, jenis: e.target.value })} maxLength={80} />
            <TextField label={t('integrasi.webhook.log.kode')} inputMode="numeric" value={draft.kode} onChange={(e) => setDraft({ ...draft, kode: e.target.value })} maxLength={3} />
            <TextField label={t('integrasi.webhook.log.dari')} type="datetime-local" value={draft.dari} onChange={(e) => setDraft({ ...draft, dari: e.target.value })} />
            <TextField label={t('integrasi.webhook.log.sampai')} type="datetime-local" value={draft.sampai} onChange={(e) => setDraft({ ...draft, sampai: e.target.value })} />
            <div className="form__actions">
              <button type="submit" className="button">
                {t('integrasi.webhook.log.terapkan')}
              </button>
            </div>
          </form>
          <KirimanTable key={`${params.toString()}|${generation}`} aplikasi={aplikasi} filters={filters} />
        </>
      )}
    </div>
  );
}

function KirimanTable({ aplikasi, filters }: { aplikasi: string; filters: Record<FilterName, string> }) {
  const { t } = useI18n();
  const me = useMe();
  const canManage = hasPermission(me, 'integrasi.manage');
  const pages = useCursorPages(PAGE_SIZE);
  const query: KirimanQuery = {
    langganan: filters.langganan || undefined,
    status: filters.status || undefined,
    jenis: filters.jenis || undefined,
    kode: filters.kode || undefined,
    dari: isoOf(filters.dari) || undefined,
    sampai: isoOf(filters.sampai) || undefined,
    cursor: pages.cursor,
    limit: PAGE_SIZE,
  };
  const list = useResource((signal) => listKiriman(aplikasi, query, signal), [aplikasi, pages.cursor]);
  const resend = useSubmission();
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      {notice && (
        <p className="alert alert--ok" role="status">
          {notice}
        </p>
      )}
      <ErrorAlert error={resend.error} />
      {list.loading && !list.data && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <>
          <div className="table-scroll" role="region" aria-labelledby="kiriman-caption" tabIndex={0}>
            <table className="data-table" aria-busy={list.loading}>
              <caption id="kiriman-caption">{t('integrasi.webhook.log.caption', { aplikasi })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('integrasi.webhook.log.waktu')}</th>
                  <th scope="col">{t('integrasi.webhook.log.event')}</th>
                  <th scope="col">{t('integrasi.webhook.log.status')}</th>
                  <th scope="col">{t('integrasi.webhook.log.percobaan')}</th>
                  <th scope="col">{t('integrasi.webhook.log.respons')}</th>
                  <th scope="col">{t('integrasi.webhook.log.latensi')}</th>
                  {canManage && <th scope="col">{t('integrasi.webhook.aksi')}</th>}
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((k) => (
                  <tr key={k.id}>
                    <td>
                      <DateTime value={k.dibuatPada} />
                    </td>
                    <th scope="row">
                      {k.jenisEvent}
                      <br />
                      <span className="muted webhook-url">
                        {k.rekaman} · {k.langganan}
                      </span>
                    </th>
                    <td>
                      <span className={k.status === 'terkirim' ? 'badge badge--ok' : 'badge badge--off'}>{t(`integrasi.webhook.kiriman.${k.status}` as MessageKey)}</span>
                      {k.berikutnya && k.status === 'gagal' && (
                        <span className="muted">
                          <br />
                          {t('integrasi.webhook.log.berikutnya')} <DateTime value={k.berikutnya} />
                        </span>
                      )}
                    </td>
                    <td>
                      {k.percobaan}
                      {k.kirimUlang > 0 && <span className="muted"> ({t('integrasi.webhook.log.ulang', { n: k.kirimUlang })})</span>}
                    </td>
                    <td>
                      {k.kodeRespons ?? '—'}
                      {(k.galat || k.cuplikanRespons) && (
                        <span className="muted webhook-excerpt">
                          <br />
                          {k.galat ?? ''} {k.cuplikanRespons ? `“${k.cuplikanRespons}”` : ''}
                        </span>
                      )}
                    </td>
                    <td>{k.latensiMs === null ? '—' : `${k.latensiMs} ms`}</td>
                    {canManage && (
                      <td>
                        {k.status !== 'menunggu' && (
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            disabled={resend.pending}
                            onClick={() =>
                              void resend.submit(async () => {
                                setNotice(null);
                                await kirimUlang(k.id);
                                setNotice(t('integrasi.webhook.log.dikirimUlang', { event: k.jenisEvent }));
                                list.reload();
                              })
                            }
                          >
                            {t('integrasi.webhook.log.kirimUlang')}
                            <span className="visually-hidden"> {k.eventId}</span>
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager pages={pages} data={list.data} loading={list.loading} empty={t('integrasi.webhook.log.kosong')} range={({ first, last }) => t('integrasi.webhook.log.rentang', { first, last })} />
        </>
      )}
    </>
  );
}
