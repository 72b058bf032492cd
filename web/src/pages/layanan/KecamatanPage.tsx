import { useSearchParams } from 'react-router';
import { PageHeading } from '../../components/PageHeading';
import { useDraft } from '../../hooks/useDraft';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { statusLabel } from './labels';
import { antrianKecamatan, namaWilayah, STATUSES, type Status } from './layananApi';
import { AntrianResults } from './AntrianPage';
import './layanan.css';

/** The camat's view: requests across the kecamatan's kelurahan, the overdue ones first of all. */
export function KecamatanPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const semua = params.get('semua') === 'true';
  const rawStatus = params.get('status') ?? '';
  const status = (STATUSES as readonly string[]).includes(rawStatus) ? (rawStatus as Status) : '';
  // Place names are a nicety: the codes stand in while they load or when they cannot be read.
  // The controls follow a change at once; the address (and the list) follow the navigation.
  const [semuaShown, setSemuaShown] = useDraft(semua);
  const [statusShown, setStatusShown] = useDraft<string>(status);
  const names = useResource((signal) => namaWilayah(signal).catch(() => new Map<string, string>()), []);

  const set = (name: string, value: string) =>
    setParams((current) => {
      const copy = new URLSearchParams(current);
      if (value) copy.set(name, value);
      else copy.delete(name);
      return copy;
    });

  return (
    <div className="layanan">
      <PageHeading>{t('layanan.kecamatan.title')}</PageHeading>
      <p>{t('layanan.kecamatan.intro')}</p>
      <div className="panel layanan-filters" role="group" aria-labelledby="kecamatan-filter-heading">
        <h2 id="kecamatan-filter-heading" className="visually-hidden">
          {t('layanan.antrian.filter')}
        </h2>
        <div className="field field--checkbox">
          <input id="kecamatan-terlambat" type="checkbox" checked={!semuaShown} onChange={(event) => { setSemuaShown(!event.target.checked); set('semua', event.target.checked ? '' : 'true'); }} />
          <label htmlFor="kecamatan-terlambat">{t('layanan.antrian.terlambat')}</label>
        </div>
        <div className="field">
          <label htmlFor="kecamatan-status">{t('layanan.field.status')}</label>
          <select id="kecamatan-status" value={statusShown} onChange={(event) => { setStatusShown(event.target.value); set('status', event.target.value); }}>
            <option value="">{t('layanan.antrian.semuaStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(statusLabel(s))}
              </option>
            ))}
          </select>
        </div>
      </div>
      <AntrianResults
        key={`${semua}|${status}|${names.data ? 'n' : ''}`}
        query={{ terlambat: !semua, status: status || undefined }}
        caption={semua ? t('layanan.kecamatan.captionSemua') : t('layanan.kecamatan.caption')}
        load={antrianKecamatan}
        detailBase="/layanan-kecamatan"
        kelurahanNames={names.data ?? new Map()}
      />
    </div>
  );
}
