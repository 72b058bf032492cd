import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { ResultsTable } from '../../../components/ResultsTable';
import { useResource } from '../../../hooks/useResource';
import { useSubmission } from '../../../hooks/useSubmission';
import type { MessageKey } from '../../../i18n/id';
import { useI18n } from '../../../i18n/I18nProvider';
import { getImpor, masalahImpor, periksaImpor, terapkanImpor, type Impor } from './imporApi';
import './impor.css';

const RUNNING = ['antre', 'berjalan'];

/** One import: map the columns, dry-run, read the per-row report, apply and follow its progress. */
export function ImporDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const impor = useResource((signal) => getImpor(id, signal), [id]);
  const data = impor.data;

  // While the apply runs, poll its status (rows done / total) every second.
  useEffect(() => {
    if (!data || !RUNNING.includes(data.status)) return;
    const timer = setTimeout(() => impor.reload(), 1000);
    return () => clearTimeout(timer);
  }, [data, impor]);

  if (!data) return impor.error ? <ErrorAlert error={impor.error} /> : <Loading />;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/integrasi/impor">{t('integrasi.impor.kembali')}</Link>
      </p>
      <PageHeading>{t('integrasi.impor.detailTitle', { berkas: data.berkas.nama })}</PageHeading>
      <dl className="impor-meta">
        <dt>{t('integrasi.impor.aplikasi')}</dt>
        <dd>
          <Link to={`/integrasi/aplikasi/${data.aplikasi.kode}`}>{data.aplikasi.nama}</Link>
        </dd>
        <dt>{t('integrasi.impor.dataset')}</dt>
        <dd>{t(`integrasi.impor.dataset.${data.dataset}` as MessageKey)}</dd>
        <dt>{t('integrasi.impor.baris')}</dt>
        <dd>{data.total.toLocaleString()}</dd>
        <dt>{t('integrasi.impor.status')}</dt>
        <dd data-testid="impor-status">{t(`integrasi.impor.status.${data.status}` as MessageKey)}</dd>
      </dl>
      {(data.status === 'diunggah' || data.status === 'diperiksa') && <Pemetaan impor={data} onDone={impor.replace} />}
      {data.ringkasan && <Laporan impor={data} />}
      {(data.status === 'diperiksa' || data.status === 'gagal') && <Terapkan impor={data} onDone={impor.replace} />}
      {(RUNNING.includes(data.status) || data.status === 'selesai' || data.status === 'gagal') && <Progres impor={data} />}
    </>
  );
}

function Pemetaan({ impor, onDone }: { impor: Impor; onDone: (impor: Impor) => void }) {
  const { t } = useI18n();
  const [pemetaan, setPemetaan] = useState(impor.pemetaan);
  const { pending, error, submit } = useSubmission();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () => onDone(await periksaImpor(impor.id, pemetaan)));
  };
  return (
    <form className="form panel" onSubmit={onSubmit} noValidate aria-labelledby="impor-pemetaan">
      <h2 id="impor-pemetaan">{t('integrasi.impor.pemetaan')}</h2>
      <p>{t('integrasi.impor.pemetaanIntro')}</p>
      <div className="impor-pemetaan">
        {impor.kolom.map((kolom, index) => (
          <div className="field" key={kolom}>
            <label htmlFor={`kolom-${index}`}>{t('integrasi.impor.kolom', { kolom })}</label>
            <select id={`kolom-${index}`} value={pemetaan[kolom] ?? ''} onChange={(e) => setPemetaan({ ...pemetaan, [kolom]: e.target.value || null })}>
              <option value="">{t('integrasi.impor.abaikan')}</option>
              {impor.fields.map((field) => (
                <option key={field.name} value={field.name}>
                  {field.label}
                  {field.key ? ` (${t('integrasi.impor.kunci')})` : field.required ? ' *' : ''}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <ErrorAlert error={error} />
      <div className="form__actions">
        <button type="submit" className="button button--secondary" aria-busy={pending || undefined}>
          {t('integrasi.impor.uji')}
        </button>
      </div>
    </form>
  );
}

function Laporan({ impor }: { impor: Impor }) {
  const { t } = useI18n();
  const ringkasan = impor.ringkasan!;
  const [aturan, setAturan] = useState('');
  const [setelah, setSetelah] = useState<number[]>([]);
  const page = useResource((signal) => masalahImpor(impor.id, { aturan: aturan || undefined, setelah: setelah.at(-1), limit: 50 }, signal), [impor.id, impor.tidakValid, aturan, setelah]);
  const bad = (impor.tidakValid ?? 0) > 0;
  return (
    <section className="panel" aria-labelledby="impor-laporan">
      <h2 id="impor-laporan">{t('integrasi.impor.laporan')}</h2>
      <div className={bad ? 'alert alert--error' : 'alert alert--ok'} role={bad ? 'alert' : 'status'} data-testid="impor-ringkasan">
        <p>{t('integrasi.impor.ringkasan', { valid: impor.valid ?? 0, tidakValid: impor.tidakValid ?? 0, baru: ringkasan.baru, ada: ringkasan.ada })}</p>
        {bad && <p>{t('integrasi.impor.tidakDiterapkan')}</p>}
        {ringkasan.tidakDikenal.length > 0 && <p>{t('integrasi.impor.tidakDikenal', { kolom: ringkasan.tidakDikenal.join(', ') })}</p>}
      </div>
      {ringkasan.aturan.length > 0 && (
        <ResultsTable
          captionId="impor-aturan"
          caption={t('integrasi.impor.perAturan')}
          columns={
            <>
              <th scope="col">{t('integrasi.impor.field')}</th>
              <th scope="col">{t('integrasi.impor.aturan')}</th>
              <th scope="col">{t('integrasi.impor.jumlah')}</th>
            </>
          }
          columnCount={3}
          items={ringkasan.aturan}
          empty="—"
          busy={false}
        >
          {(a) => (
            <tr key={`${a.field}-${a.aturan}`}>
              <td>{impor.fields.find((f) => f.name === a.field)?.label ?? a.field}</td>
              <td>
                <button type="button" className="link-button" onClick={() => (setAturan(a.aturan), setSetelah([]))}>
                  <code>{a.aturan}</code>
                </button>
              </td>
              <td>{a.jumlah.toLocaleString()}</td>
            </tr>
          )}
        </ResultsTable>
      )}
      {bad && (
        <>
          <h3>{aturan ? t('integrasi.impor.barisAturan', { aturan }) : t('integrasi.impor.barisSemua')}</h3>
          {aturan && (
            <button type="button" className="button button--secondary" onClick={() => (setAturan(''), setSetelah([]))}>
              {t('integrasi.impor.semuaAturan')}
            </button>
          )}
          <ErrorAlert error={page.error} />
          <ResultsTable
            captionId="impor-masalah"
            caption={t('integrasi.impor.barisSemua')}
            columns={
              <>
                <th scope="col">{t('integrasi.impor.baris')}</th>
                <th scope="col">{t('integrasi.impor.kolomFile')}</th>
                <th scope="col">{t('integrasi.impor.nilai')}</th>
                <th scope="col">{t('integrasi.impor.masalah')}</th>
              </>
            }
            columnCount={4}
            items={page.data?.items ?? []}
            empty="—"
            busy={page.loading}
          >
            {(m) => (
              <tr key={`${m.baris}-${m.field}-${m.aturan}`}>
                <th scope="row">{m.baris}</th>
                <td>{m.kolom ?? m.field}</td>
                <td>{m.nilai ?? '—'}</td>
                <td>{m.pesan}</td>
              </tr>
            )}
          </ResultsTable>
          <p>
            {t('integrasi.impor.barisTotal', { n: page.data?.total ?? 0 })}{' '}
            {setelah.length > 0 && (
              <button type="button" className="button button--secondary" onClick={() => setSetelah(setelah.slice(0, -1))}>
                {t('integrasi.impor.sebelumnya')}
              </button>
            )}{' '}
            {page.data?.nextCursor && (
              <button type="button" className="button button--secondary" onClick={() => setSetelah([...setelah, page.data!.nextCursor!])}>
                {t('integrasi.impor.berikutnya')}
              </button>
            )}
          </p>
        </>
      )}
    </section>
  );
}

function Terapkan({ impor, onDone }: { impor: Impor; onDone: (impor: Impor) => void }) {
  const { t } = useI18n();
  const { pending, error, submit } = useSubmission();
  const bad = (impor.tidakValid ?? 0) > 0;
  return (
    <section className="panel" aria-labelledby="impor-terapkan">
      <h2 id="impor-terapkan">{t('integrasi.impor.terapkanJudul')}</h2>
      <p>{bad ? t('integrasi.impor.perbaikiDulu') : t('integrasi.impor.terapkanIntro', { n: impor.valid ?? 0 })}</p>
      <ErrorAlert error={error} />
      <button type="button" className="button" disabled={bad} aria-busy={pending || undefined} onClick={() => void submit(async () => onDone(await terapkanImpor(impor.id)))}>
        {impor.status === 'gagal' ? t('integrasi.impor.ulangi') : t('integrasi.impor.terapkan')}
      </button>
    </section>
  );
}

function Progres({ impor }: { impor: Impor }) {
  const { t } = useI18n();
  const { progres, hasil } = impor;
  return (
    <section className="panel" aria-labelledby="impor-progres">
      <h2 id="impor-progres">{t('integrasi.impor.progres')}</h2>
      <label htmlFor="impor-bar">{t('integrasi.impor.progresLabel', { done: progres.barisSelesai.toLocaleString(), total: progres.total.toLocaleString(), persen: progres.persen })}</label>
      <progress id="impor-bar" className="impor-bar" max={100} value={progres.persen} data-testid="impor-progres">
        {progres.persen}%
      </progress>
      {impor.status === 'gagal' && (
        <div className="alert alert--error" role="alert">
          <p>{t('integrasi.impor.gagal', { galat: impor.galat ?? '' })}</p>
        </div>
      )}
      {impor.status === 'selesai' && (
        <div className="alert alert--ok" role="status" data-testid="impor-hasil">
          <p>{t('integrasi.impor.hasil', hasil)}</p>
          {hasil.konflik > 0 && (
            <p>
              <Link to={`/integrasi/rekonsiliasi?aplikasi=${impor.aplikasi.kode}`}>{t('integrasi.impor.keAntrean', { n: hasil.konflik })}</Link>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
