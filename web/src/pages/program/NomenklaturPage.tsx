import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { levelLabel } from './labels';
import { ProgramLinks } from './ProgramLinks';
import { listNomenklatur, PROGRAM_LEVELS } from './programApi';
import './program.css';

const PAGE_SIZE = 50;
const FILTERS = ['level', 'kode', 'q'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

/** The planning and budget nomenclature: filter by level, code prefix and text; a code opens what lies under it. */
export function NomenklaturPage() {
  const { t } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((name) => [name, searchParams.get(name) ?? ''])) as Filters;

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Record<string, string> = {};
    for (const name of FILTERS) {
      const value = String(form.get(name) ?? '').trim();
      if (value) next[name] = value;
    }
    setSearchParams(next);
  }

  const filterKey = FILTERS.map((name) => filters[name]).join('|');
  return (
    <>
      <PageHeading>{t('program.nomenklatur.title')}</PageHeading>
      <p>{t('program.nomenklatur.intro')}</p>
      <ProgramLinks current="nomenklatur" />
      <form role="search" className="form panel" onSubmit={apply} key={`form|${filterKey}`} aria-labelledby="nomenklatur-filter">
        <h2 id="nomenklatur-filter">{t('program.nomenklatur.filter')}</h2>
        <div className="form__grid form__grid--wide">
          <div className="field">
            <label htmlFor="nomenklatur-level">{t('program.field.level')}</label>
            <select id="nomenklatur-level" name="level" defaultValue={filters.level}>
              <option value="">{t('program.level.all')}</option>
              {PROGRAM_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t(levelLabel(level))}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="nomenklatur-kode">{t('program.filter.kode')}</label>
            <p id="nomenklatur-kode-hint" className="field__hint">
              {t('program.filter.kodeHint')}
            </p>
            <input id="nomenklatur-kode" name="kode" defaultValue={filters.kode} maxLength={40} autoComplete="off" aria-describedby="nomenklatur-kode-hint" />
          </div>
          <div className="field">
            <label htmlFor="nomenklatur-q">{t('program.nomenklatur.q')}</label>
            <input id="nomenklatur-q" name="q" type="search" defaultValue={filters.q} maxLength={100} />
          </div>
        </div>
        <div className="form__actions">
          <button type="submit" className="button">
            {t('program.filter.submit')}
          </button>
          {filterKey.replaceAll('|', '') !== '' && (
            <Link className="button button--secondary" to="/program/nomenklatur">
              {t('program.filter.reset')}
            </Link>
          )}
        </div>
      </form>
      <NomenklaturResults key={`results|${filterKey}`} filters={filters} />
    </>
  );
}

function NomenklaturResults({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length - 1;
  const cursor = cursors[page];
  const result = useResource(
    (signal) => listNomenklatur({ level: filters.level || undefined, kode: filters.kode || undefined, q: filters.q || undefined, cursor, limit: PAGE_SIZE }, signal),
    [filters.level, filters.kode, filters.q, cursor],
  );
  const data = result.data;
  const first = page * PAGE_SIZE + 1;
  const kodeError = fieldErrorsOf(result.error).kode;

  return (
    <>
      <ErrorAlert error={result.error} />
      {kodeError && (
        <p className="field__error">
          {t('program.filter.kode')}: {kodeError}
        </p>
      )}
      {result.loading && !data && <Loading />}
      {data && (
        <>
          <div className="table-scroll" role="region" aria-labelledby="nomenklatur-caption" tabIndex={0}>
            <table className="data-table" aria-busy={result.loading}>
              <caption id="nomenklatur-caption" className="visually-hidden">
                {t('program.nomenklatur.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('program.field.kode')}</th>
                  <th scope="col">{t('program.field.nama')}</th>
                  <th scope="col">{t('program.field.level')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 && (
                  <tr>
                    <td colSpan={3}>{t('program.nomenklatur.empty')}</td>
                  </tr>
                )}
                {data.items.map((entry) => (
                  <tr key={entry.kode} className={`program-level program-level--${entry.level}`}>
                    <th scope="row" className="nowrap">
                      {entry.level === 'sub_kegiatan' ? (
                        <Link to={`/program?kode=${encodeURIComponent(entry.kode)}`}>
                          <code>{entry.kode}</code>
                          <span className="visually-hidden"> ({t('program.nomenklatur.anggaranOf')})</span>
                        </Link>
                      ) : (
                        <Link to={`/program/nomenklatur?kode=${encodeURIComponent(entry.kode)}`}>
                          <code>{entry.kode}</code>
                          <span className="visually-hidden"> ({t('program.nomenklatur.under')})</span>
                        </Link>
                      )}
                    </th>
                    <td>{entry.nama}</td>
                    <td>{t(levelLabel(entry.level))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pagination">
            <p role="status">
              {data.items.length === 0 ? t('program.nomenklatur.empty') : t('program.nomenklatur.range', { first, last: first + data.items.length - 1 })}
            </p>
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
