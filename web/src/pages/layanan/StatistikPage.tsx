import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDraft } from '../../hooks/useDraft';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/id';
import { formatAngka, formatBulan } from './labels';
import { getStatistik, listJenis, namaWilayah, type Statistik } from './layananApi';
import './layanan.css';

interface Baris {
  key: string;
  label: string;
  diajukan: number;
  selesai: number;
  tepatWaktu: number;
}

/** Sums the per-month rows by one of their keys. */
function kelompok(rows: Statistik['perBulan'], by: (row: Statistik['perBulan'][number]) => string, label: (key: string) => string): Baris[] {
  const groups = new Map<string, Baris>();
  for (const row of rows) {
    const key = by(row);
    const group = groups.get(key) ?? { key, label: label(key), diajukan: 0, selesai: 0, tepatWaktu: 0 };
    group.diajukan += row.diajukan;
    group.selesai += row.selesai;
    group.tepatWaktu += row.tepatWaktu;
    groups.set(key, group);
  }
  return [...groups.values()];
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
  const jenis = useResource((signal) => listJenis(true, signal).catch(() => ({ items: [] })), []);
  const names = useResource((signal) => namaWilayah(signal).catch(() => new Map<string, string>()), []);

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
      {data.data && (
        <StatistikTables
          data={data.data}
          jenisName={(kode) => jenis.data?.items.find((j) => j.kode === kode)?.nama ?? kode}
          kelurahanName={(kode) => names.data?.get(kode) ?? kode}
        />
      )}
    </div>
  );
}

function StatistikTables({ data, jenisName, kelurahanName }: { data: Statistik; jenisName: (kode: string) => string; kelurahanName: (kode: string) => string }) {
  const { t, lang } = useI18n();
  const r = data.ringkasan;
  // Days as the API gives them; under a day in hours, as letters are often issued the same day.
  const durasi = (days: number | null) => {
    if (days === null) return '—';
    if (days >= 1) return t('layanan.statistik.hari', { n: formatAngka(days, lang, 1) });
    const hours = days * 24;
    return hours < 1 ? t('layanan.statistik.kurangJam') : t('layanan.statistik.jam', { n: formatAngka(hours, lang, 1) });
  };
  const persen = (part: number, whole: number) => (whole === 0 ? '—' : `${formatAngka((part / whole) * 100, lang, 1)}%`);
  const summary: [MessageKey, string][] = [
    ['layanan.statistik.diajukan', formatAngka(r.diajukan, lang)],
    ['layanan.statistik.selesai', formatAngka(r.selesai, lang)],
    ['layanan.statistik.ditolak', formatAngka(r.ditolak, lang)],
    ['layanan.statistik.dibatalkan', formatAngka(r.dibatalkan, lang)],
    ['layanan.statistik.berjalan', formatAngka(r.berjalan, lang)],
    ['layanan.statistik.terlambat', formatAngka(r.terlambat, lang)],
    ['layanan.statistik.median', durasi(r.medianHariSelesai)],
    ['layanan.statistik.tepatWaktu', r.persenTepatWaktu === null ? '—' : `${formatAngka(r.persenTepatWaktu, lang, 1)}%`],
  ];
  const tables: { id: string; title: MessageKey; column: MessageKey; rows: Baris[] }[] = [
    { id: 'kelurahan', title: 'layanan.statistik.perKelurahan', column: 'layanan.field.kelurahan', rows: kelompok(data.perBulan, (row) => row.kodeKelurahan, kelurahanName) },
    { id: 'jenis', title: 'layanan.statistik.perJenis', column: 'layanan.field.jenis', rows: kelompok(data.perBulan, (row) => row.jenis, jenisName) },
    { id: 'bulan', title: 'layanan.statistik.perBulan', column: 'layanan.statistik.bulan', rows: kelompok(data.perBulan, (row) => row.bulan, (bulan) => formatBulan(bulan, lang)) },
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
                  <th scope="col">{t('layanan.statistik.tepatWaktu')}</th>
                </tr>
              </thead>
              <tbody>
                {table.rows.length === 0 && (
                  <tr>
                    <td colSpan={4}>{t('layanan.statistik.empty')}</td>
                  </tr>
                )}
                {table.rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    <td>{formatAngka(row.diajukan, lang)}</td>
                    <td>{formatAngka(row.selesai, lang)}</td>
                    <td>{persen(row.tepatWaktu, row.selesai)}</td>
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
