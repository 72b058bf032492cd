import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../auth/AuthProvider';
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
import { managesCity } from './access';
import { opdJenisLabel } from './labels';
import { OpdForm } from './OpdForm';
import { listOpd, OPD_JENIS } from './organisasiApi';

const PAGE_SIZE = 20;
const FILTERS = ['q', 'jenis'] as const;

/** The list of agencies: search by code, name or short name, filter by kind, page by cursor. */
export function OpdListPage() {
  const { t } = useI18n();
  const search = useSearchFilters(FILTERS);
  const { q, jenis } = search.filters;

  return (
    <>
      <PageHeading>{t('organisasi.title')}</PageHeading>
      <p>{t('organisasi.intro')}</p>
      <NewOpd />
      <SearchFilterForm search={search} headingId="opd-filter" title={t('organisasi.filter')} submitLabel={t('organisasi.search.submit')}>
        <FilterInput id="opd-q" label={t('organisasi.search')} name="q" type="search" defaultValue={q} />
        <FilterSelect
          id="opd-jenis"
          name="jenis"
          label={t('organisasi.jenis')}
          value={jenis}
          all={t('organisasi.jenis.all')}
          options={OPD_JENIS}
          optionLabel={(value) => t(opdJenisLabel(value))}
        />
      </SearchFilterForm>
      {/* A new filter starts again from the first page. */}
      <OpdResults key={`results|${search.key}`} q={q} jenis={jenis} />
    </>
  );
}

function OpdResults({ q, jenis }: { q: string; jenis: string }) {
  const { t } = useI18n();
  const pages = useCursorPages(PAGE_SIZE);
  const { cursor } = pages;
  const result = useResource(
    (signal) => listOpd({ q: q || undefined, jenis: jenis || undefined, cursor, limit: PAGE_SIZE }, signal),
    [q, jenis, cursor],
  );
  const data = result.data;

  return (
    <>
      <ErrorAlert error={result.error} />
      {result.loading && !data && <Loading />}
      {data && (
        <>
          <ResultsTable
            captionId="opd-caption"
            caption={t('organisasi.table.caption')}
            columns={
              <>
                <th scope="col">{t('organisasi.nama')}</th>
                <th scope="col">{t('organisasi.kode')}</th>
                <th scope="col">{t('organisasi.singkatan')}</th>
                <th scope="col">{t('organisasi.jenis')}</th>
              </>
            }
            columnCount={4}
            items={data.items}
            empty={t('organisasi.table.empty')}
            busy={result.loading}
          >
            {(opd) => (
              <tr key={opd.id}>
                <th scope="row">
                  {/* By id: a kode such as 2.16.0.00.0.00.01.0000 looks like a file name to the page server on reload. */}
                  <Link to={`/organisasi/${opd.id}`}>{opd.nama}</Link>
                </th>
                <td>
                  <code>{opd.kode}</code>
                </td>
                <td>{opd.singkatan ?? '—'}</td>
                <td>{t(opdJenisLabel(opd.jenis))}</td>
              </tr>
            )}
          </ResultsTable>
          <CursorPager pages={pages} data={data} loading={result.loading} empty={t('organisasi.count.none')} />
        </>
      )}
    </>
  );
}

/** "Tambah OPD": only for those who manage agencies city-wide; a saved agency opens its page. */
function NewOpd() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (!open && returnFocus.current) {
      returnFocus.current = false;
      button.current?.focus();
    }
  }, [open]);

  if (!managesCity(me)) return null;
  if (!open) {
    return (
      <p>
        <button ref={button} type="button" className="button" onClick={() => setOpen(true)}>
          {t('organisasi.opd.create')}
        </button>
      </p>
    );
  }
  return (
    <section className="panel">
      <OpdForm
        mode="create"
        onCancel={() => {
          returnFocus.current = true;
          setOpen(false);
        }}
        onSaved={(record) => navigate(`/organisasi/${record.data.id}`, { state: { created: true } })}
      />
    </section>
  );
}
