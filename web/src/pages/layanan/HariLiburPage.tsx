import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useDraft } from '../../hooks/useDraft';
import { useFormSubmission } from '../../hooks/useFormSubmission';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTanggal, liburLabel } from './labels';
import { addHariLibur, JENIS_LIBUR, listHariLibur, removeHariLibur, type HariLibur, type JenisLibur } from './layananApi';
import './layanan.css';

/** The holidays the SLA clocks skip (national, cuti bersama, regional): list by year, add, remove. */
export function HariLiburPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const raw = Number(params.get('tahun'));
  const tahun = Number.isInteger(raw) && raw >= 1900 && raw <= 2199 ? raw : thisYear;
  const [tahunShown, setTahunShown] = useDraft(tahun);
  const list = useResource((signal) => listHariLibur(tahun, signal), [tahun]);
  const [status, setStatus] = useState('');
  const [removeError, setRemoveError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const years = [thisYear - 1, thisYear, thisYear + 1];
  if (!years.includes(tahun)) years.push(tahun);

  async function remove(libur: HariLibur) {
    setRemoveError(null);
    try {
      await removeHariLibur(libur);
      setConfirming(null);
      setStatus(t('layanan.libur.dihapus', { nama: libur.nama, tanggal: formatTanggal(libur.tanggal, lang) }));
      list.reload();
    } catch (caught) {
      setRemoveError(caught);
    }
  }

  return (
    <div className="layanan">
      <p className="breadcrumb">
        <Link to="/kelola-layanan">{t('layanan.kelola.back')}</Link>
      </p>
      <PageHeading>{t('layanan.libur.title')}</PageHeading>
      <p>{t('layanan.libur.intro')}</p>
      <div className="panel layanan-filters">
        <div className="field">
          <label htmlFor="libur-tahun">{t('layanan.statistik.tahun')}</label>
          <select id="libur-tahun" value={tahunShown} onChange={(event) => { setTahunShown(Number(event.target.value)); setParams({ tahun: event.target.value }); }}>
            {years.sort().map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p role="status" className="status-line">
        {status}
      </p>
      <ErrorAlert error={removeError} />
      {list.loading && !list.data && <Loading />}
      <ErrorAlert error={list.error} />
      {list.data && (
        <div className="table-scroll" role="region" aria-labelledby="libur-caption" tabIndex={0}>
          <table className="data-table" aria-busy={list.loading}>
            <caption id="libur-caption" className="visually-hidden">
              {t('layanan.libur.caption', { tahun })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('layanan.libur.tanggal')}</th>
                <th scope="col">{t('layanan.libur.nama')}</th>
                <th scope="col">{t('layanan.libur.jenis')}</th>
                <th scope="col">{t('layanan.berkas.aksi')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.length === 0 && (
                <tr>
                  <td colSpan={4}>{t('layanan.libur.empty')}</td>
                </tr>
              )}
              {list.data.items.map((libur) => (
                <tr key={libur.id}>
                  <th scope="row" className="nowrap">
                    {formatTanggal(libur.tanggal, lang)}
                  </th>
                  <td>
                    {libur.nama}
                    {libur.perkiraan && <span className="muted"> ({t('layanan.libur.perkiraan')})</span>}
                  </td>
                  <td>{t(liburLabel(libur.jenis))}</td>
                  <td>
                    {confirming === libur.id ? (
                      <span className="layanan-actions">
                        <button type="button" className="button button--small layanan-danger" onClick={() => void remove(libur)}>
                          {t('layanan.libur.hapusYakin', { nama: libur.nama })}
                        </button>
                        <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(null)}>
                          {t('common.cancel')}
                        </button>
                      </span>
                    ) : (
                      <button type="button" className="button button--secondary button--small" onClick={() => { setStatus(''); setConfirming(libur.id); }}>
                        {t('layanan.libur.hapus')}
                        <span className="visually-hidden">: {libur.nama}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="panel">
        <TambahLibur
          onAdded={(libur) => {
            setStatus(t('layanan.libur.ditambah', { nama: libur.nama, tanggal: formatTanggal(libur.tanggal, lang) }));
            const year = Number(libur.tanggal.slice(0, 4));
            if (year !== tahun) setParams({ tahun: String(year) });
            else list.reload();
          }}
        />
      </section>
    </div>
  );
}

function TambahLibur({ onAdded }: { onAdded: (libur: HariLibur) => void }) {
  const { t } = useI18n();
  const [tanggal, setTanggal] = useState('');
  const [nama, setNama] = useState('');
  const [jenis, setJenis] = useState<JenisLibur>('nasional');
  const [perkiraan, setPerkiraan] = useState(false);
  const { pending, error, submit, form, errors } = useFormSubmission();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      const libur = await addHariLibur({ tanggal, nama: nama.trim(), jenis, perkiraan });
      setTanggal('');
      setNama('');
      setPerkiraan(false);
      onAdded(libur);
    });
  }

  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="libur-tambah-heading">
      <h2 id="libur-tambah-heading">{t('layanan.libur.tambah')}</h2>
      <FormAlert error={error} />
      <div className="form__grid">
        <TextField label={t('layanan.libur.tanggal')} type="date" value={tanggal} onChange={(event) => setTanggal(event.target.value)} error={errors.tanggal} required />
        <TextField label={t('layanan.libur.nama')} value={nama} onChange={(event) => setNama(event.target.value)} error={errors.nama} maxLength={200} required />
        <SelectField label={t('layanan.libur.jenis')} value={jenis} onChange={(event) => setJenis(event.target.value as JenisLibur)} error={errors.jenis}>
          {JENIS_LIBUR.map((value) => (
            <option key={value} value={value}>
              {t(liburLabel(value))}
            </option>
          ))}
        </SelectField>
      </div>
      <CheckboxField label={t('layanan.libur.perkiraanLabel')} checked={perkiraan} onChange={(event) => setPerkiraan(event.target.checked)} />
      <div className="form__actions">
        <button type="submit" className="button">
          {t('layanan.libur.tambahSubmit')}
        </button>
      </div>
    </form>
  );
}
