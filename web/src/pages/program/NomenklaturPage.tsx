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
  const search = useSearchFilters(FILTERS);
  const { filters } = search;

  return (
    <>
      <PageHeading>{t('program.nomenklatur.title')}</PageHeading>
      <p>{t('program.nomenklatur.intro')}</p>
      <ProgramLinks current="nomenklatur" />
      <SearchFilterForm
        search={search}
        headingId="nomenklatur-filter"
        title={t('program.nomenklatur.filter')}
        submitLabel={t('program.filter.submit')}
        reset={{ to: '/program/nomenklatur', label: t('program.filter.reset') }}
        wide
      >
        <FilterSelect
          id="nomenklatur-level"
          name="level"
          label={t('program.field.level')}
          value={filters.level}
          all={t('program.level.all')}
          options={PROGRAM_LEVELS}
          optionLabel={(level) => t(levelLabel(level))}
        />
        <FilterInput id="nomenklatur-kode" label={t('program.filter.kode')} hint={t('program.filter.kodeHint')} name="kode" defaultValue={filters.kode} maxLength={40} autoComplete="off" />
        <FilterInput id="nomenklatur-q" label={t('program.nomenklatur.q')} name="q" type="search" defaultValue={filters.q} maxLength={100} />
      </SearchFilterForm>
      <NomenklaturResults key={`results|${search.key}`} filters={filters} />
    </>
  );
}

function NomenklaturResults({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const pages = useCursorPages(PAGE_SIZE);
  const { cursor } = pages;
  const result = useResource(
    (signal) => listNomenklatur({ level: filters.level || undefined, kode: filters.kode || undefined, q: filters.q || undefined, cursor, limit: PAGE_SIZE }, signal),
    [filters.level, filters.kode, filters.q, cursor],
  );
  const data = result.data;
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
          <ResultsTable
            captionId="nomenklatur-caption"
            caption={t('program.nomenklatur.caption')}
            columns={
              <>
                <th scope="col">{t('program.field.kode')}</th>
                <th scope="col">{t('program.field.nama')}</th>
                <th scope="col">{t('program.field.level')}</th>
              </>
            }
            columnCount={3}
            items={data.items}
            empty={t('program.nomenklatur.empty')}
            busy={result.loading}
          >
            {(entry) => (
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
            )}
          </ResultsTable>
          <CursorPager
            pages={pages}
            data={data}
            loading={result.loading}
            empty={t('program.nomenklatur.empty')}
            range={(range) => t('program.nomenklatur.range', range)}
          />
        </>
      )}
    </>
  );
}
