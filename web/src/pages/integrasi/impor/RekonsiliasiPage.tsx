import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { fieldErrorsOf } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SelectField, TextAreaField, TextField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { useResource } from '../../../hooks/useResource';
import { useSubmission } from '../../../hooks/useSubmission';
import type { MessageKey } from '../../../i18n/id';
import { useI18n } from '../../../i18n/I18nProvider';
import { daftarKonflik, putuskanKonflik, type Konflik } from './imporApi';
import './impor.css';

/** The reconciliation queue: a walidata decides each conflict between sources, with a reason. */
export function RekonsiliasiPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'terbuka';
  const dataset = params.get('dataset') ?? '';
  const aplikasi = params.get('aplikasi') ?? '';
  const list = useResource((signal) => daftarKonflik({ status, dataset, aplikasi }, signal), [status, dataset, aplikasi]);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  return (
    <>
      <PageHeading>{t('integrasi.rekonsiliasi.title')}</PageHeading>
      <p>{t('integrasi.rekonsiliasi.intro')}</p>
      <form className="form panel impor-filter" onSubmit={(e) => e.preventDefault()} aria-label={t('integrasi.rekonsiliasi.filter')}>
        <SelectField label={t('integrasi.impor.status')} value={status} onChange={(e) => set('status', e.target.value)}>
          <option value="terbuka">{t('integrasi.rekonsiliasi.terbuka')}</option>
          <option value="diputuskan">{t('integrasi.rekonsiliasi.diputuskan')}</option>
        </SelectField>
        <SelectField label={t('integrasi.impor.dataset')} value={dataset} onChange={(e) => set('dataset', e.target.value)}>
          <option value="">{t('integrasi.rekonsiliasi.semua')}</option>
          <option value="penduduk">{t('integrasi.impor.dataset.penduduk')}</option>
          <option value="pegawai">{t('integrasi.impor.dataset.pegawai')}</option>
          <option value="organisasi">{t('integrasi.impor.dataset.organisasi')}</option>
        </SelectField>
        <TextField label={t('integrasi.rekonsiliasi.aplikasiKode')} value={aplikasi} onChange={(e) => set('aplikasi', e.target.value.trim())} />
      </form>
      <ErrorAlert error={list.error} />
      <p role="status">{t('integrasi.rekonsiliasi.jumlah', { n: list.data?.total ?? 0 })}</p>
      <ul className="konflik-daftar">
        {(list.data?.items ?? []).map((konflik) => (
          <li key={konflik.id}>
            <KonflikKartu konflik={konflik} onDecided={list.reload} />
          </li>
        ))}
      </ul>
    </>
  );
}

function sumberLabel(t: (key: MessageKey, params?: Record<string, string | number>) => string, konflik: Konflik): string {
  return konflik.sumberSekarang.jenis === 'aplikasi' ? t('integrasi.rekonsiliasi.dariAplikasi', { kode: konflik.sumberSekarang.kode ?? '' }) : t('integrasi.rekonsiliasi.dariRegistri');
}

function KonflikKartu({ konflik, onDecided }: { konflik: Konflik; onDecided: () => void }) {
  const { t } = useI18n();
  const [keputusan, setKeputusan] = useState<'pertahankan' | 'ambil_masuk' | 'koreksi'>('ambil_masuk');
  const [nilai, setNilai] = useState('');
  const [alasan, setAlasan] = useState('');
  const { pending, error, submit } = useSubmission();
  const errors = fieldErrorsOf(error);
  const headingId = `konflik-${konflik.id}`;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () => {
      await putuskanKonflik(konflik.id, { keputusan, alasan, ...(keputusan === 'koreksi' ? { nilai } : {}) });
      onDecided();
    });
  };
  return (
    <article className="panel konflik" aria-labelledby={headingId} data-testid="konflik">
      <h2 id={headingId}>
        {t(`integrasi.impor.dataset.${konflik.dataset}` as MessageKey)} <code>{konflik.kunci}</code> — {konflik.fieldLabel}
      </h2>
      <dl className="konflik-nilai">
        <div>
          <dt>{t('integrasi.rekonsiliasi.sekarang', { sumber: sumberLabel(t, konflik) })}</dt>
          <dd data-testid="nilai-sekarang">{konflik.nilaiSekarang ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('integrasi.rekonsiliasi.masuk', { aplikasi: konflik.aplikasi.nama })}</dt>
          <dd data-testid="nilai-masuk">{konflik.nilaiMasuk ?? '—'}</dd>
        </div>
      </dl>
      {konflik.status === 'diputuskan' ? (
        <p>
          {t('integrasi.rekonsiliasi.hasil', {
            keputusan: t(`integrasi.rekonsiliasi.k.${konflik.keputusan}` as MessageKey),
            nilai: konflik.nilaiAkhir ?? '—',
            oleh: konflik.diputuskanOleh ?? '—',
            alasan: konflik.alasan ?? '',
          })}
        </p>
      ) : (
        <form className="form" onSubmit={onSubmit} noValidate>
          <fieldset>
            <legend>{t('integrasi.rekonsiliasi.keputusan')}</legend>
            {(['pertahankan', 'ambil_masuk', 'koreksi'] as const).map((k) => (
              <div className="field field--checkbox" key={k}>
                <input type="radio" id={`${konflik.id}-${k}`} name={`keputusan-${konflik.id}`} value={k} checked={keputusan === k} onChange={() => setKeputusan(k)} />
                <label htmlFor={`${konflik.id}-${k}`}>{t(`integrasi.rekonsiliasi.k.${k}` as MessageKey)}</label>
              </div>
            ))}
          </fieldset>
          {keputusan === 'koreksi' && (
            <TextField label={t('integrasi.rekonsiliasi.nilaiKoreksi')} value={nilai} onChange={(e) => setNilai(e.target.value)} error={errors.nilai} />
          )}
          <TextAreaField label={t('integrasi.rekonsiliasi.alasan')} value={alasan} onChange={(e) => setAlasan(e.target.value)} error={errors.alasan} rows={2} />
          <ErrorAlert error={Object.keys(errors).length > 0 ? null : error} />
          <div className="form__actions">
            <button type="submit" className="button" aria-busy={pending || undefined}>
              {t('integrasi.rekonsiliasi.simpan')}
            </button>
          </div>
        </form>
      )}
    </article>
  );
}
