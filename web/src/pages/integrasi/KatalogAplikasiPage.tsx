import { Link } from 'react-router';
import { hasPermission, useMe } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { CursorPager } from '../../components/Pager';
import { ResultsTable } from '../../components/ResultsTable';
import { FilterInput, FilterSelect, SearchFilterForm } from '../../components/SearchFilterForm';
import { useCursorPages } from '../../hooks/useCursorPages';
import { useResource } from '../../hooks/useResource';
import { useSearchFilters } from '../../hooks/useSearchFilters';
import { useI18n } from '../../i18n/I18nProvider';
import { JENIS_APLIKASI, listAplikasi, STATUS_APLIKASI } from './integrasiApi';
import { AturanTingkat, jenisLabel, statusLabel, TingkatBadge, tingkatLabel } from './parts';

const PAGE_SIZE = 25;
const FILTERS = ['q', 'jenis', 'status', 'tingkat'] as const;
const LEVELS = ['1', '2', '3', '4', '5'] as const;

/** The app catalogue: search, filters by kind, status and level, level badges, paged by cursor. */
export function KatalogAplikasiPage() {
  const { t } = useI18n();
  const search = useSearchFilters(FILTERS);
  const { q, jenis, status, tingkat } = search.filters;
  const canManage = hasPermission(useMe(), 'integrasi.manage');

  return (
    <>
      <PageHeading>{t('integrasi.katalog.title')}</PageHeading>
      <p>{t('integrasi.katalog.intro')}</p>
      {canManage && (
        <p className="integrasi-actions">
          <Link className="button" to="/integrasi/aplikasi/baru">
            {t('integrasi.katalog.baru')}
          </Link>
          <Link className="button button--secondary" to="/integrasi/inventaris">
            {t('integrasi.katalog.impor')}
          </Link>
        </p>
      )}
      <AturanTingkat />
      <SearchFilterForm search={search} headingId="katalog-filter" title={t('integrasi.katalog.filter')} submitLabel={t('integrasi.katalog.submit')} wide>
        <FilterInput id="katalog-q" label={t('integrasi.katalog.cari')} name="q" type="search" defaultValue={q} maxLength={100} />
        <FilterSelect id="katalog-jenis" name="jenis" label={t('integrasi.field.jenis')} value={jenis} all={t('integrasi.katalog.semuaJenis')} options={JENIS_APLIKASI} optionLabel={(v) => t(jenisLabel(v))} />
        <FilterSelect id="katalog-status" name="status" label={t('integrasi.field.status')} value={status} all={t('integrasi.katalog.semuaStatus')} options={STATUS_APLIKASI} optionLabel={(v) => t(statusLabel(v))} />
        <FilterSelect
          id="katalog-tingkat"
          name="tingkat"
          label={t('integrasi.field.tingkat')}
          value={tingkat}
          all={t('integrasi.katalog.semuaTingkat')}
          options={LEVELS}
          optionLabel={(v) => `${v} · ${t(tingkatLabel(Number(v)))}`}
        />
      </SearchFilterForm>
      <KatalogResults key={`results|${search.key}`} q={q} jenis={jenis} status={status} tingkat={tingkat} />
    </>
  );
}

function KatalogResults({ q, jenis, status, tingkat }: Record<'q' | 'jenis' | 'status' | 'tingkat', string>) {
  const { t } = useI18n();
  const pages = useCursorPages(PAGE_SIZE);
  const { cursor } = pages;
  const result = useResource((signal) => listAplikasi({ q, jenis, status, tingkat, cursor, limit: PAGE_SIZE }, signal), [q, jenis, status, tingkat, cursor]);
  const data = result.data;
  return (
    <>
      <ErrorAlert error={result.error} />
      {result.loading && !data && <Loading />}
      {data && (
        <>
          <p className="integrasi-ringkasan">
            {t('integrasi.katalog.ringkasan', { ringkas: LEVELS.map((n) => `${t('integrasi.tingkat.badge', { n })}: ${data.perTingkat[n]}`).join(' · ') })}
          </p>
          <ResultsTable
            captionId="katalog-caption"
            caption={t('integrasi.katalog.caption')}
            columns={
              <>
                <th scope="col">{t('integrasi.field.nama')}</th>
                <th scope="col">{t('integrasi.field.tingkat')}</th>
                <th scope="col">{t('integrasi.field.opd')}</th>
                <th scope="col">{t('integrasi.field.jenis')}</th>
                <th scope="col">{t('integrasi.field.status')}</th>
              </>
            }
            columnCount={5}
            items={data.items}
            empty={t('integrasi.katalog.empty')}
            busy={result.loading}
          >
            {(app) => (
              <tr key={app.id}>
                <th scope="row">
                  <Link to={`/integrasi/aplikasi/${encodeURIComponent(app.kode)}`}>{app.nama}</Link>
                  <br />
                  <code className="integrasi-kode">{app.kode}</code>
                </th>
                <td>
                  <TingkatBadge tingkat={app.tingkat} />
                </td>
                <td>{app.opdNama ?? app.opdKode ?? '—'}</td>
                <td>{t(jenisLabel(app.jenis))}</td>
                <td>
                  <span className={app.status === 'aktif' ? 'badge badge--ok' : 'badge badge--off'}>{t(statusLabel(app.status))}</span>
                </td>
              </tr>
            )}
          </ResultsTable>
          <CursorPager pages={pages} data={data} loading={result.loading} empty={t('integrasi.katalog.none')} />
        </>
      )}
    </>
  );
}
