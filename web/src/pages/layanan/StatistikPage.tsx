import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDraft } from '../../hooks/useDraft';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/id';
import { formatAngka, formatBulan } from './labels';
import { getStatistik, type Angka, type Statistik } from './layananApi';
import './layanan.css';

interface Baris extends Angka {
  key: string;
  label: string;
  /** Said after the label, smaller: a kelurahan's code and kecamatan. */
  sub?: string;
}

/** Figures for the lurah, camat and leaders: requests per kelurahan, letter type and month, time to completion, share within SLA. */
export function StatistikPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const raw = Number(params.get('tahun'));
  const tahun = Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : thisYear;
  const [tahunShown, setTahunShown] = useDraft(tahun);
  const years = Array.from({ length: 5 }, (_, i) => thisYear - i);
  if (!years.includes(tahun)) years.push(tahun);
  const data = useResource((signal) => getStatistik({ tahun }, signal), [tahun]);

  return (
    <div className="layanan">
      <PageHeading>{t('layanan.statistik.title')}</PageHeading>
      <p>{t('layanan.statistik.intro')}</p>
      <div className="panel layanan-filters">
        <div className="field">
          <label htmlFor="statistik-tahun">{t('layanan.statistik.tahun')}</label>
          <select id="statistik-tahun" value={tahunShown} onChange={(event) => { setTahunShown(Number(event.target.value)); setParams({ tahun: event.target.value }); }}>
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
      </div>
      {data.loading && !data.data && <Loading />}
      <ErrorAlert error={data.error} />
      {data.data && <StatistikTables data={data.data} />}
    </div>
  );
}

/** The summary, then one table per kelurahan, letter type and month, each with its median time and share within SLA. */
function StatistikTables({ data }: { data: Statistik }) {
  const { t, lang } = useI18n();
  const r = data.ringkasan;
  // Days as the API gives them; under a day in hours, as letters are often issued the same day.
  const durasi = (days: number | null) => {
    if (days === null) return '—';
    if (days >= 1) return t('layanan.statistik.hari', { n: formatAngka(days, lang, 1) });
    const hours = days * 24;
    return hours < 1 ? t('layanan.statistik.kurangJam') : t('layanan.statistik.jam', { n: formatAngka(hours, lang, 1) });
  };
  const persen = (value: number | null) => (value === null ? '—' : `${formatAngka(value, lang, 1)}%`);
  const summary: [MessageKey, string][] = [
    ['layanan.statistik.diajukan', formatAngka(r.diajukan, lang)],
    ['layanan.statistik.selesai', formatAngka(r.selesai, lang)],
    ['layanan.statistik.ditolak', formatAngka(r.ditolak, lang)],
    ['layanan.statistik.dibatalkan', formatAngka(r.dibatalkan, lang)],
    ['layanan.statistik.berjalan', formatAngka(r.berjalan, lang)],
    ['layanan.statistik.terlambat', formatAngka(r.terlambat, lang)],
    ['layanan.statistik.median', durasi(r.medianHariSelesai)],
    ['layanan.statistik.tepatWaktu', persen(r.persenTepatWaktu)],
  ];
  // Place names come with their codes; the kecamatan is named when the figures span more than one.
  const kecamatanCount = new Set(data.menurutKelurahan.map((row) => row.kodeKecamatan)).size;
  const tables: { id: string; title: MessageKey; column: MessageKey; rows: Baris[] }[] = [
    {
      id: 'kelurahan',
      title: 'layanan.statistik.perKelurahan',
      column: 'layanan.field.kelurahan',
      rows: data.menurutKelurahan.map((row) => ({
        ...row,
        key: row.kodeKelurahan,
        label: row.kelurahan,
        sub: kecamatanCount > 1 ? t('layanan.statistik.kodeKecamatan', { kode: row.kodeKelurahan, kecamatan: row.kecamatan }) : row.kodeKelurahan,
      })),
    },
    { id: 'jenis', title: 'layanan.statistik.perJenis', column: 'layanan.field.jenis', rows: data.menurutJenis.map((row) => ({ ...row, key: row.jenis, label: row.nama })) },
    { id: 'bulan', title: 'layanan.statistik.perBulan', column: 'layanan.statistik.bulan', rows: data.menurutBulan.map((row) => ({ ...row, key: row.bulan, label: formatBulan(row.bulan, lang) })) },
  ];

  return (
    <>
      <section className="panel" aria-labelledby="statistik-ringkasan-heading">
        <h2 id="statistik-ringkasan-heading">{t('layanan.statistik.ringkasan', { tahun: data.tahun })}</h2>
        <div className="table-scroll" role="region" aria-labelledby="statistik-ringkasan-caption" tabIndex={0}>
          <table className="data-table">
            <caption id="statistik-ringkasan-caption" className="visually-hidden">
              {t('layanan.statistik.ringkasan', { tahun: data.tahun })}
            </caption>
            <tbody>
              {summary.map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">{t(key)}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="field__hint">{t('layanan.statistik.catatan')}</p>
      </section>
      {tables.map((table) => (
        <section key={table.id} className="panel" aria-labelledby={`statistik-${table.id}-heading`}>
          <h2 id={`statistik-${table.id}-heading`}>{t(table.title)}</h2>
          <div className="table-scroll" role="region" aria-labelledby={`statistik-${table.id}-caption`} tabIndex={0}>
            <table className="data-table">
              <caption id={`statistik-${table.id}-caption`} className="visually-hidden">
                {t(table.title)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t(table.column)}</th>
                  <th scope="col">{t('layanan.statistik.diajukan')}</th>
                  <th scope="col">{t('layanan.statistik.selesai')}</th>
                  <th scope="col">{t('layanan.statistik.median')}</th>
                  <th scope="col">{t('layanan.statistik.tepatWaktu')}</th>
                </tr>
              </thead>
              <tbody>
                {table.rows.length === 0 && (
                  <tr>
                    <td colSpan={5}>{t('layanan.statistik.empty')}</td>
                  </tr>
                )}
                {table.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">
                      {row.label}
                      {row.sub && <span className="layanan-small layanan-statistik-kode"> {row.sub}</span>}
                    </th>
                    <td>{formatAngka(row.diajukan, lang)}</td>
                    <td>{formatAngka(row.selesai, lang)}</td>
                    <td>{durasi(row.medianHariSelesai)}</td>
                    <td>{persen(row.persenTepatWaktu)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
