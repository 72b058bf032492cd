import { useState } from 'react';
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
import { FullRecord, ReasonForm } from './FullData';
import { kelurahanName, sexLabel, statusLabel } from './labels';
import {
  exportPenduduk,
  getKelurahan,
  getReferensi,
  listPenduduk,
  saveFile,
  STATUS_PENDUDUK,
  viewFull,
  type Kelurahan,
  type Penduduk,
  type PendudukFilter,
} from './pendudukApi';
import { useKelurahanChoices } from './useKelurahanChoices';
import './penduduk.css';

const PAGE_SIZE = 20;
const FILTERS = ['q', 'kelurahan', 'status', 'jenisKelamin'] as const;

/** Residents, masked: search by name prefix, filter, page by cursor; the full record and the export ask for a reason. */
export function PendudukListPage() {
  const { t } = useI18n();
  const me = useMe();
  const search = useSearchFilters(FILTERS);
  const filter: PendudukFilter = search.active;
  const kelurahan = useResource((signal) => getKelurahan(signal), []);
  const choices = useKelurahanChoices(kelurahan.data);
  const canManage = hasPermission(me, 'penduduk.manage');

  return (
    <>
      <PageHeading>{t('penduduk.title')}</PageHeading>
      <p>{t('penduduk.intro')}</p>
      {canManage && (
        <p className="penduduk-actions">
          <Link className="button" to="/penduduk/baru">
            {t('penduduk.new.open')}
          </Link>
          <Link className="button button--secondary" to="/keluarga/baru">
            {t('keluarga.new.open')}
          </Link>
        </p>
      )}
      <SearchFilterForm search={search} headingId="penduduk-filter" title={t('penduduk.filter')} submitLabel={t('penduduk.search.submit')} wide>
        <FilterInput id="penduduk-q" label={t('penduduk.search')} name="q" type="search" defaultValue={filter.q ?? ''} maxLength={100} />
        <div className="field">
          <label htmlFor="penduduk-kelurahan">{t('penduduk.kelurahan')}</label>
          <select id="penduduk-kelurahan" name="kelurahan" defaultValue={filter.kelurahan ?? ''}>
            <option value="">{t('penduduk.kelurahan.all')}</option>
            {/* A kelurahan from the URL stays selectable while the region list loads. */}
            {filter.kelurahan && !choices.some((k) => k.kode === filter.kelurahan) && <option value={filter.kelurahan}>{filter.kelurahan}</option>}
            {choices.map((k) => (
              <option key={k.kode} value={k.kode}>
                {k.nama} — {k.kecamatan}
              </option>
            ))}
          </select>
        </div>
        <FilterSelect
          id="penduduk-status"
          name="status"
          label={t('penduduk.field.status')}
          value={filter.status ?? ''}
          all={t('penduduk.status.all')}
          options={STATUS_PENDUDUK}
          optionLabel={(value) => t(statusLabel(value))}
        />
        <FilterSelect
          id="penduduk-jk"
          name="jenisKelamin"
          label={t('penduduk.field.jenisKelamin')}
          value={filter.jenisKelamin ?? ''}
          all={t('penduduk.jenisKelamin.all')}
          options={['L', 'P']}
          optionLabel={(value) => t(sexLabel(value))}
        />
      </SearchFilterForm>
      {/* A new filter starts again from the first page. */}
      <PendudukResults key={`results|${search.key}`} filter={filter} kelurahan={kelurahan.data} />
    </>
  );
}

function PendudukResults({ filter, kelurahan }: { filter: PendudukFilter; kelurahan: Kelurahan[] | undefined }) {
  const { t } = useI18n();
  const me = useMe();
  const canReadFull = hasPermission(me, 'penduduk.read_full');
  const pages = useCursorPages(PAGE_SIZE);
  const { cursor } = pages;
  const [full, setFull] = useState<Penduduk | null>(null);
  const [asking, setAsking] = useState<Penduduk | null>(null);
  const result = useResource((signal) => listPenduduk({ ...filter, cursor, limit: PAGE_SIZE }, signal), [cursor]);
  const referensi = useResource((signal) => getReferensi(signal), []);
  const data = result.data;

  return (
    <>
      {canReadFull && <ExportSection filter={filter} />}
      <ErrorAlert error={result.error} />
      {result.loading && !data && <Loading />}
      {data && (
        <>
          <ResultsTable
            captionId="penduduk-caption"
            caption={t('penduduk.table.caption')}
            columns={
              <>
                <th scope="col">{t('penduduk.nama')}</th>
                <th scope="col">{t('penduduk.nik')}</th>
                <th scope="col">{t('penduduk.jenisKelamin')}</th>
                <th scope="col">{t('penduduk.tahunLahir')}</th>
                <th scope="col">{t('penduduk.kelurahan')}</th>
                <th scope="col">{t('penduduk.status')}</th>
                {canReadFull && (
                  <th scope="col">
                    <span className="visually-hidden">{t('penduduk.actions')}</span>
                  </th>
                )}
              </>
            }
            columnCount={canReadFull ? 7 : 6}
            items={data.items}
            empty={t('penduduk.table.empty')}
            busy={result.loading}
          >
            {(p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link to={`/penduduk/${encodeURIComponent(p.id)}`}>{p.nama}</Link>
                </th>
                <td className="nowrap">
                  <code>{p.nik}</code>
                </td>
                <td>{p.jenisKelamin}</td>
                <td>{p.tahunLahir}</td>
                <td>
                  {kelurahanName(kelurahan, p.kodeKelurahan)} · RT {p.rt}/RW {p.rw}
                </td>
                <td>{t(statusLabel(p.status))}</td>
                {canReadFull && (
                  <td>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => {
                        setFull(null);
                        setAsking(p);
                      }}
                    >
                      {t('penduduk.showFull')}
                    </button>
                  </td>
                )}
              </tr>
            )}
          </ResultsTable>
          <CursorPager pages={pages} data={data} loading={result.loading} empty={t('penduduk.table.empty')} />
        </>
      )}
      {asking && (
        <ReasonForm
          key={asking.id}
          title={t('penduduk.reason.title', { nama: asking.nama })}
          notice={t('penduduk.reason.notice')}
          submitLabel={t('penduduk.showFull')}
          onCancel={() => setAsking(null)}
          onSubmit={async (alasan) => {
            const record = await viewFull(asking.id, alasan);
            setAsking(null);
            setFull(record);
          }}
        />
      )}
      {full && <FullRecord penduduk={full} referensi={referensi.data} kelurahan={kelurahan} onClose={() => setFull(null)} />}
    </>
  );
}

/** "Export CSV": the full records the current filters select, for a reason logged for each resident. */
function ExportSection({ filter }: { filter: PendudukFilter }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<{ count: number; filename: string } | null>(null);
  return (
    <div className="penduduk-export">
      {!open && (
        <p className="penduduk-actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setDone(null);
              setOpen(true);
            }}
          >
            {t('penduduk.export.open')}
          </button>
        </p>
      )}
      {open && (
        <ReasonForm
          title={t('penduduk.export.title')}
          notice={t('penduduk.export.notice')}
          submitLabel={t('penduduk.export.submit')}
          onCancel={() => setOpen(false)}
          onSubmit={async (alasan) => {
            const file = await exportPenduduk(filter, alasan, { csrfToken: me.csrfToken, lang });
            saveFile(file);
            setOpen(false);
            setDone({ count: file.count, filename: file.filename });
          }}
        />
      )}
      <p role="status" className="status-line">
        {done ? t('penduduk.export.done', { count: done.count, filename: done.filename }) : ''}
      </p>
    </div>
  );
}
