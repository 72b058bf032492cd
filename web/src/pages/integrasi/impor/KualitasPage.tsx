import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SelectField } from '../../../components/fields';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { ResultsTable } from '../../../components/ResultsTable';
import { useResource } from '../../../hooks/useResource';
import type { MessageKey } from '../../../i18n/id';
import { useI18n } from '../../../i18n/I18nProvider';
import { daftarAplikasi, kualitasAplikasi, kualitasDataset, type Kelengkapan } from './imporApi';
import './impor.css';

/** Data quality per dataset (the registry) or per source app (its latest imports). */
export function KualitasPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const dataset = params.get('dataset') ?? (params.get('aplikasi') ? '' : 'penduduk');
  const aplikasi = params.get('aplikasi') ?? '';
  const apps = useResource((signal) => daftarAplikasi(signal), []);
  return (
    <>
      <PageHeading>{t('integrasi.kualitas.title')}</PageHeading>
      <p>{t('integrasi.kualitas.intro')}</p>
      <form className="form panel impor-filter" onSubmit={(e) => e.preventDefault()} aria-label={t('integrasi.kualitas.pilih')}>
        <SelectField label={t('integrasi.impor.dataset')} value={dataset} onChange={(e) => setParams(e.target.value ? { dataset: e.target.value } : {})}>
          <option value="">—</option>
          <option value="penduduk">{t('integrasi.impor.dataset.penduduk')}</option>
          <option value="pegawai">{t('integrasi.impor.dataset.pegawai')}</option>
          <option value="organisasi">{t('integrasi.impor.dataset.organisasi')}</option>
        </SelectField>
        <SelectField label={t('integrasi.kualitas.aplikasiSumber')} value={aplikasi} onChange={(e) => setParams(e.target.value ? { aplikasi: e.target.value } : {})}>
          <option value="">—</option>
          {(apps.data?.items ?? []).map((app) => (
            <option key={app.id} value={app.kode}>
              {app.nama}
            </option>
          ))}
        </SelectField>
      </form>
      {aplikasi ? <PerAplikasi kode={aplikasi} /> : dataset ? <PerDataset dataset={dataset} /> : null}
    </>
  );
}

function KelengkapanTable({ id, items, total }: { id: string; items: Kelengkapan[]; total: number }) {
  const { t } = useI18n();
  return (
    <ResultsTable
      captionId={id}
      caption={t('integrasi.kualitas.kelengkapan')}
      columns={
        <>
          <th scope="col">{t('integrasi.impor.field')}</th>
          <th scope="col">{t('integrasi.kualitas.terisi')}</th>
          <th scope="col">%</th>
        </>
      }
      columnCount={3}
      items={items}
      empty="—"
      busy={false}
    >
      {(k) => (
        <tr key={k.field}>
          <td>{k.label}</td>
          <td>
            {k.terisi.toLocaleString()} / {total.toLocaleString()}
          </td>
          <td>
            <meter min={0} max={100} value={k.persen} aria-label={`${k.label} ${k.persen}%`} /> {k.persen}%
          </td>
        </tr>
      )}
    </ResultsTable>
  );
}

function Invalid({ items }: { items: { aturan: string; field: string; jumlah: number; pesan: string }[] }) {
  const { t } = useI18n();
  if (items.length === 0) return <p>{t('integrasi.kualitas.tanpaInvalid')}</p>;
  return (
    <ul>
      {items.map((a) => (
        <li key={`${a.field}-${a.aturan}`}>
          <strong>{a.field}</strong> <code>{a.aturan}</code>: {a.jumlah.toLocaleString()} — {a.pesan}
        </li>
      ))}
    </ul>
  );
}

function Konflik({ items }: { items: { dataset: string; field: string; jumlah: number }[] }) {
  const { t } = useI18n();
  const total = items.reduce((sum, k) => sum + k.jumlah, 0);
  return (
    <p data-testid="konflik-terbuka">
      {t('integrasi.kualitas.konflik', { n: total })} {items.map((k) => `${k.field}: ${k.jumlah}`).join(', ')}
    </p>
  );
}

function PerDataset({ dataset }: { dataset: string }) {
  const { t } = useI18n();
  const data = useResource((signal) => kualitasDataset(dataset, signal), [dataset]);
  if (!data.data) return data.error ? <ErrorAlert error={data.error} /> : <Loading />;
  const q = data.data;
  return (
    <section className="panel" aria-labelledby="kualitas-dataset">
      <h2 id="kualitas-dataset">{t('integrasi.kualitas.datasetJudul', { dataset: t(`integrasi.impor.dataset.${q.dataset}` as MessageKey), n: q.total })}</h2>
      <h3>{t('integrasi.kualitas.kelengkapan')}</h3>
      <KelengkapanTable id="kualitas-kelengkapan" items={q.kelengkapan} total={q.total} />
      <h3>{t('integrasi.kualitas.invalid')}</h3>
      <Invalid items={q.nilaiTidakValid} />
      <h3>{t('integrasi.kualitas.duplikat')}</h3>
      <p>{t('integrasi.kualitas.duplikatIsi', { n: q.duplikat.total, ganda: q.kunciGandaDalamBerkas })}</p>
      {q.duplikat.contoh.length > 0 && (
        <ul>
          {q.duplikat.contoh.slice(0, 20).map((d, i) => (
            <li key={i}>
              {d.nama} ({d.tahunLahir}): {d.nik.join(', ')}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('integrasi.kualitas.konflikJudul')}</h3>
      <Konflik items={q.konflikTerbuka} />
    </section>
  );
}

function PerAplikasi({ kode }: { kode: string }) {
  const { t } = useI18n();
  const data = useResource((signal) => kualitasAplikasi(kode, signal), [kode]);
  if (!data.data) return data.error ? <ErrorAlert error={data.error} /> : <Loading />;
  const q = data.data;
  return (
    <section className="panel" aria-labelledby="kualitas-aplikasi">
      <h2 id="kualitas-aplikasi">{t('integrasi.kualitas.aplikasiJudul', { aplikasi: q.aplikasi.nama })}</h2>
      {q.dataset.length === 0 && <p>{t('integrasi.kualitas.belumImpor')}</p>}
      {q.dataset.map((d) => (
        <div key={d.dataset}>
          <h3>{t('integrasi.kualitas.imporTerakhir', { dataset: t(`integrasi.impor.dataset.${d.dataset}` as MessageKey), n: d.baris, selesai: d.impor.selesai })}</h3>
          <KelengkapanTable id={`kualitas-${d.dataset}`} items={d.kelengkapan} total={d.baris} />
          <h4>{t('integrasi.kualitas.invalid')}</h4>
          <Invalid items={d.nilaiTidakValid} />
          <p>{t('integrasi.kualitas.gandaBerkas', { n: d.kunciGanda })}</p>
          {d.kolomTidakDikenal.length > 0 && <p>{t('integrasi.impor.tidakDikenal', { kolom: d.kolomTidakDikenal.join(', ') })}</p>}
        </div>
      ))}
      <h3>{t('integrasi.kualitas.konflikJudul')}</h3>
      <Konflik items={q.konflikTerbuka} />
    </section>
  );
}
