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
import { jenisLabel, statusLabel } from './labels';
import { formatNip, JENIS_PEGAWAI, listPegawai, namaLengkap, STATUS_PEGAWAI } from './pegawaiApi';

const PAGE_SIZE = 20;
const FILTERS = ['q', 'jenis', 'status'] as const;

/** Employees: search by name or NIP prefix, filter by kind and status, page by cursor. */
export function PegawaiListPage() {
  const { t } = useI18n();
  const search = useSearchFilters(FILTERS);
  const { q, jenis, status } = search.filters;
  const canManage = hasPermission(useMe(), 'pegawai.manage');

  return (
    <>
      <PageHeading>{t('pegawai.title')}</PageHeading>
      <p>{t('pegawai.intro')}</p>
      {canManage && (
        <p className="pegawai-actions">
          <Link className="button" to="/pegawai/baru">
            {t('pegawai.new.open')}
          </Link>
        </p>
      )}
      <SearchFilterForm search={search} headingId="pegawai-filter" title={t('pegawai.filter')} submitLabel={t('pegawai.search.submit')} wide>
        <FilterInput id="pegawai-q" label={t('pegawai.search')} name="q" type="search" defaultValue={q} maxLength={100} />
        <FilterSelect
          id="pegawai-jenis"
          name="jenis"
          label={t('pegawai.field.jenis')}
          value={jenis}
          all={t('pegawai.jenis.all')}
          options={JENIS_PEGAWAI}
          optionLabel={(value) => t(jenisLabel(value))}
        />
        <FilterSelect
          id="pegawai-status"
          name="status"
          label={t('pegawai.field.status')}
          value={status}
          all={t('pegawai.status.all')}
          options={STATUS_PEGAWAI}
          optionLabel={(value) => t(statusLabel(value))}
        />
      </SearchFilterForm>
      {/* A new filter starts again from the first page. */}
      <PegawaiResults key={`results|${search.key}`} q={q} jenis={jenis} status={status} />
    </>
  );
}

function PegawaiResults({ q, jenis, status }: { q: string; jenis: string; status: string }) {
  const { t } = useI18n();
  const pages = useCursorPages(PAGE_SIZE);
  const { cursor } = pages;
  const result = useResource(
    (signal) => listPegawai({ q: q || undefined, jenis: jenis || undefined, status: status || undefined, cursor, limit: PAGE_SIZE }, signal),
    [q, jenis, status, cursor],
  );
  const data = result.data;

  return (
    <>
      <ErrorAlert error={result.error} />
      {result.loading && !data && <Loading />}
      {data && (
        <>
          <ResultsTable
            captionId="pegawai-caption"
            caption={t('pegawai.table.caption')}
            columns={
              <>
                <th scope="col">{t('pegawai.field.nama')}</th>
                <th scope="col">{t('pegawai.field.nip')}</th>
                <th scope="col">{t('pegawai.field.jenis')}</th>
                <th scope="col">{t('pegawai.field.golongan')}</th>
                <th scope="col">{t('pegawai.field.namaJabatan')}</th>
                <th scope="col">{t('pegawai.field.status')}</th>
              </>
            }
            columnCount={6}
            items={data.items}
            empty={t('pegawai.table.empty')}
            busy={result.loading}
          >
            {(p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/pegawai/${encodeURIComponent(p.id)}`}>{namaLengkap(p)}</Link>
                </th>
                <td className="nowrap">{p.nip ? <code>{formatNip(p.nip)}</code> : '—'}</td>
                <td>{t(jenisLabel(p.jenis))}</td>
                <td>{p.golongan ?? '—'}</td>
                <td>{p.namaJabatan ?? '—'}</td>
                <td>{t(statusLabel(p.status))}</td>
              </tr>
            )}
          </ResultsTable>
          <CursorPager pages={pages} data={data} loading={result.loading} empty={t('pegawai.count.none')} />
        </>
      )}
    </>
  );
}
