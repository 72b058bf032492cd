import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../hooks/useResource';
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
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((name) => [name, searchParams.get(name) ?? ''])) as Filters;
  // Every OPD that has (or had) budget lines: the OPD filter's options and the names in the table.
  const directory = useResource((signal) => getRingkasan({ includeArchived: 'true' }, signal), []);
  const opdById = useMemo(() => new Map((directory.data?.items ?? []).map((item) => [item.opd.id, item.opd])), [directory.data]);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Record<string, string> = {};
    for (const name of FILTERS) {
      const value = String(form.get(name) ?? '').trim();
      if (value && !(name === 'sort' && value === 'kode')) next[name] = value;
    }
    setSearchParams(next);
  }

  const filterKey = FILTERS.map((name) => filters[name]).join('|');
  return (
    <>
      <PageHeading>{t('program.title')}</PageHeading>
      <p>{t('program.intro')}</p>
      <ProgramLinks current="anggaran" />
      <form role="search" className="form panel" onSubmit={apply} key={`form|${filterKey}`} aria-labelledby="program-filter">
        <h2 id="program-filter">{t('program.filter')}</h2>
        <div className="form__grid form__grid--wide">
          <div className="field">
            <label htmlFor="program-tahun">{t('program.field.tahun')}</label>
            <select id="program-tahun" name="tahun" defaultValue={filters.tahun}>
              <option value="">{t('program.tahun.all')}</option>
              {tahunOptions(filters.tahun).map((year) => (
                <option key={year} value={year}>
                  {year}
                </option>
              ))}
            </select>
          </div>
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
          <div className="field">
            <label htmlFor="program-kode">{t('program.filter.kode')}</label>
            <p id="program-kode-hint" className="field__hint">
              {t('program.filter.kodeHint')}
            </p>
            <input id="program-kode" name="kode" defaultValue={filters.kode} maxLength={40} autoComplete="off" aria-describedby="program-kode-hint" />
          </div>
          <div className="field">
            <label htmlFor="program-q">{t('program.filter.q')}</label>
            <input id="program-q" name="q" type="search" defaultValue={filters.q} maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="program-sort">{t('program.filter.sort')}</label>
            <select id="program-sort" name="sort" defaultValue={filters.sort || 'kode'}>
              {ANGGARAN_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {t(sortLabel(sort))}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--checkbox program-filter__check">
            <input id="program-arsip" name="arsip" type="checkbox" value="1" defaultChecked={filters.arsip === '1'} />
            <label htmlFor="program-arsip">{t('program.filter.arsip')}</label>
          </div>
        </div>
        <div className="form__actions">
          <button type="submit" className="button">
            {t('program.filter.submit')}
          </button>
          {filterKey.replaceAll('|', '') !== '' && (
            <Link className="button button--secondary" to="/program">
              {t('program.filter.reset')}
            </Link>
          )}
        </div>
      </form>
      {/* A new filter starts again from the first page. */}
      <AnggaranResults key={`results|${filterKey}`} filters={filters} opdById={opdById} />
    </>
  );
}

function AnggaranResults({ filters, opdById }: { filters: Filters; opdById: ReadonlyMap<string, OpdRef> }) {
  const { t } = useI18n();
  // Cursor of each page visited so far; the first page has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length - 1;
  const cursor = cursors[page];
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
  const first = page * PAGE_SIZE + 1;
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
          <div className="table-scroll" role="region" aria-labelledby="program-caption" tabIndex={0}>
            <table className="data-table" aria-busy={result.loading}>
              <caption id="program-caption" className="visually-hidden">
                {t('program.table.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('program.field.nama')}</th>
                  <th scope="col">{t('program.field.kode')}</th>
                  <th scope="col">{t('program.field.opd')}</th>
                  <th scope="col">{t('program.field.tahun')}</th>
                  <th scope="col" className="program-number">
                    {t('program.field.pagu')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 && (
                  <tr>
                    <td colSpan={5}>{t('program.table.empty')}</td>
                  </tr>
                )}
                {data.items.map((a) => {
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
                })}
              </tbody>
            </table>
          </div>
          <div className="pagination">
            <div role="status">
              <p>
                {data.items.length === 0
                  ? t('program.count.none')
                  : t('pagination.summary', { first, last: first + data.items.length - 1, total: data.total ?? '?' })}
              </p>
              {data.totalPagu !== undefined && data.items.length > 0 && <p className="program-total">{t('program.totalPagu', { rupiah: formatRupiah(data.totalPagu) })}</p>}
            </div>
            <div className="pagination__buttons">
              <button type="button" className="button button--secondary" disabled={page === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
                {t('pagination.previous')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                disabled={!data.nextCursor || result.loading}
                onClick={() => data.nextCursor && setCursors([...cursors, data.nextCursor])}
              >
                {t('pagination.next')}
              </button>
            </div>
          </div>
        </>
      )}
    </>
  );
}
