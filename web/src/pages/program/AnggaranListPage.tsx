import { useMemo } from 'react';
import { Link } from 'react-router';
import { fieldErrorsOf } from '../../api/client';
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
import type { MessageKey } from '../../i18n/id';
import { ProgramLinks } from './ProgramLinks';
import { ANGGARAN_SORTS, formatRupiah, getRingkasan, listAnggaran, tahunIni, type OpdRef } from './programApi';
import './program.css';

const PAGE_SIZE = 20;
const FILTERS = ['tahun', 'opd', 'kode', 'q', 'sort', 'arsip'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const sortLabel = (sort: string) => `program.sort.${sort.replace('-', 'desc.')}` as MessageKey;

/** Fiscal years offered in the filter: next year and the five before this one, plus one from the address. */
function tahunOptions(current: string): number[] {
  const now = tahunIni();
  const years = Array.from({ length: 7 }, (_, i) => now + 1 - i);
  const chosen = Number(current);
  if (current && Number.isInteger(chosen) && !years.includes(chosen)) years.push(chosen);
  return years.sort((a, b) => b - a);
}

/** Budget lines: filter by year, OPD, code prefix and name, sort by code or pagu, page by cursor, with totals. */
export function AnggaranListPage() {
  const { t } = useI18n();
  // Sorting by code is the default, left out of the address.
  const search = useSearchFilters(FILTERS, { sort: 'kode' });
  const { filters } = search;
  // Every OPD that has (or had) budget lines: the OPD filter's options and the names in the table.
  const directory = useResource((signal) => getRingkasan({ includeArchived: 'true' }, signal), []);
  const opdById = useMemo(() => new Map((directory.data?.items ?? []).map((item) => [item.opd.id, item.opd])), [directory.data]);

  return (
    <>
      <PageHeading>{t('program.title')}</PageHeading>
      <p>{t('program.intro')}</p>
      <ProgramLinks current="anggaran" />
      <SearchFilterForm
        search={search}
        headingId="program-filter"
        title={t('program.filter')}
        submitLabel={t('program.filter.submit')}
        reset={{ to: '/program', label: t('program.filter.reset') }}
        wide
      >
        <FilterSelect
          id="program-tahun"
          name="tahun"
          label={t('program.field.tahun')}
          value={filters.tahun}
          all={t('program.tahun.all')}
          options={tahunOptions(filters.tahun)}
          optionLabel={String}
        />
        <div className="field">
          <label htmlFor="program-opd">{t('program.field.opd')}</label>
          <select id="program-opd" name="opd" defaultValue={filters.opd} key={directory.data ? 'loaded' : 'loading'}>
            <option value="">{t('program.opd.all')}</option>
            {filters.opd && !directory.data?.items.some((item) => item.opd.kode === filters.opd) && <option value={filters.opd}>{filters.opd}</option>}
            {(directory.data?.items ?? []).map(({ opd }) => (
              <option key={opd.id} value={opd.kode}>
                {opd.nama}
              </option>
            ))}
          </select>
        </div>
        <FilterInput id="program-kode" label={t('program.filter.kode')} hint={t('program.filter.kodeHint')} name="kode" defaultValue={filters.kode} maxLength={40} autoComplete="off" />
        <FilterInput id="program-q" label={t('program.filter.q')} name="q" type="search" defaultValue={filters.q} maxLength={100} />
        <FilterSelect
          id="program-sort"
          name="sort"
          label={t('program.filter.sort')}
          value={filters.sort || 'kode'}
          options={ANGGARAN_SORTS}
          optionLabel={(sort) => t(sortLabel(sort))}
        />
        <div className="field field--checkbox program-filter__check">
          <input id="program-arsip" name="arsip" type="checkbox" value="1" defaultChecked={filters.arsip === '1'} />
          <label htmlFor="program-arsip">{t('program.filter.arsip')}</label>
        </div>
      </SearchFilterForm>
      {/* A new filter starts again from the first page. */}
      <AnggaranResults key={`results|${search.key}`} filters={filters} opdById={opdById} />
    </>
  );
}

function AnggaranResults({ filters, opdById }: { filters: Filters; opdById: ReadonlyMap<string, OpdRef> }) {
  const { t } = useI18n();
  const pages = useCursorPages(PAGE_SIZE);
  const { cursor } = pages;
  const result = useResource(
    (signal) =>
      listAnggaran(
        {
          tahun: filters.tahun || undefined,
          opd: filters.opd || undefined,
          kode: filters.kode || undefined,
          q: filters.q || undefined,
          sort: filters.sort || undefined,
          includeArchived: filters.arsip === '1' ? 'true' : undefined,
          cursor,
          limit: PAGE_SIZE,
        },
        signal,
      ),
    [filters.tahun, filters.opd, filters.kode, filters.q, filters.sort, filters.arsip, cursor],
  );
  const data = result.data;
  const fieldErrors = Object.entries(fieldErrorsOf(result.error));

  return (
    <>
      <ErrorAlert error={result.error} />
      {fieldErrors.length > 0 && (
        <ul className="program-filter-errors">
          {fieldErrors.map(([field, message]) => (
            <li key={field}>
              {field === 'kode' ? t('program.filter.kode') : field === 'q' ? t('program.filter.q') : field}: {message}
            </li>
          ))}
        </ul>
      )}
      {result.loading && !data && <Loading />}
      {data && (
        <>
          <ResultsTable
            captionId="program-caption"
            caption={t('program.table.caption')}
            columns={
              <>
                <th scope="col">{t('program.field.nama')}</th>
                <th scope="col">{t('program.field.kode')}</th>
                <th scope="col">{t('program.field.opd')}</th>
                <th scope="col">{t('program.field.tahun')}</th>
                <th scope="col" className="program-number">
                  {t('program.field.pagu')}
                </th>
              </>
            }
            columnCount={5}
            items={data.items}
            empty={t('program.table.empty')}
            busy={result.loading}
          >
            {(a) => {
              const opd = opdById.get(a.opdId);
              return (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/program/anggaran/${encodeURIComponent(a.id)}`}>{a.nama}</Link>
                    {a.archivedAt && (
                      <>
                        {' '}
                        <span className="badge badge--off">{t('program.badge.archived')}</span>
                      </>
                    )}
                  </th>
                  <td className="nowrap">
                    <code>{a.kode}</code>
                  </td>
                  <td>{opd ? (opd.singkatan ?? opd.nama) : '—'}</td>
                  <td>{a.tahun}</td>
                  <td className="program-number nowrap">{formatRupiah(a.pagu)}</td>
                </tr>
              );
            }}
          </ResultsTable>
          <CursorPager pages={pages} data={data} loading={result.loading} empty={t('program.count.none')}>
            {data.totalPagu !== undefined && data.items.length > 0 && <p className="program-total">{t('program.totalPagu', { rupiah: formatRupiah(data.totalPagu) })}</p>}
          </CursorPager>
        </>
      )}
    </>
  );
}
