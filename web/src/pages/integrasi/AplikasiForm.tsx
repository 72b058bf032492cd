import { useMemo, useState, type FormEvent } from 'react';
import type { Me } from '../../api/types';
import { hasPermission } from '../../auth/AuthProvider';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { useFormSubmission } from '../../hooks/useFormSubmission';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { getOpdChoice, listOpdChoices, type OpdChoice } from '../pegawai/pegawaiApi';
import { DATASETS, JENIS_APLIKASI, type Aplikasi, type AplikasiInput, type JenisAplikasi } from './integrasiApi';
import { datasetLabel, jenisLabel } from './parts';

/** OPDs an app may be owned by: every OPD for city-wide managers, else the operator's own. */
export function useOwnerChoices(me: Me) {
  const city = hasPermission(me, 'integrasi.manage') && me.roles.some((grant) => grant.scopeType === 'city');
  const kodes = useMemo(() => [...new Set(me.roles.filter((g) => g.scopeType === 'opd' && g.scopeCode).map((g) => g.scopeCode!))], [me]);
  return useResource(async (signal): Promise<{ city: boolean; opds: OpdChoice[] }> => {
    if (city) return { city, opds: await listOpdChoices(signal) };
    const found = await Promise.all(kodes.map((kode) => getOpdChoice(kode, signal)));
    return { city, opds: found.filter((o): o is OpdChoice => o !== null) };
  }, [city, kodes.join('|')]);
}

type Draft = Record<'kode' | 'nama' | 'opdKode' | 'jenis' | 'url' | 'kontakNama' | 'kontakEmail' | 'kontakTelepon' | 'deskripsi', string> & {
  datasetProduksi: string[];
  datasetKonsumsi: string[];
};

const draftOf = (app: Aplikasi | null, opds: OpdChoice[]): Draft => ({
  kode: app?.kode ?? '',
  nama: app?.nama ?? '',
  opdKode: app?.opdKode ?? (opds.length === 1 ? opds[0]!.kode : ''),
  jenis: app?.jenis ?? '',
  url: app?.url ?? '',
  kontakNama: app?.kontakNama ?? '',
  kontakEmail: app?.kontakEmail ?? '',
  kontakTelepon: app?.kontakTelepon ?? '',
  deskripsi: app?.deskripsi ?? '',
  datasetProduksi: app?.datasetProduksi ?? [],
  datasetKonsumsi: app?.datasetKonsumsi ?? [],
});

interface AplikasiFormProps {
  /** The app being edited; null registers a new one. */
  app: Aplikasi | null;
  opds: OpdChoice[];
  /** Whether "no OPD" (the city's own) may be chosen. */
  cityWide: boolean;
  submitLabel: string;
  onSubmit: (body: AplikasiInput) => Promise<void>;
  onReload?: () => void;
}

/** Registering or editing an app: every field with its label, server errors next to their fields. */
export function AplikasiForm({ app, opds, cityWide, submitLabel, onSubmit, onReload }: AplikasiFormProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(app, opds));
  const { pending, error, submit, form, errors } = useFormSubmission();
  const set = (name: keyof Draft) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: event.target.value }));
  const toggle = (list: 'datasetProduksi' | 'datasetKonsumsi', dataset: string, on: boolean) =>
    setDraft((d) => ({ ...d, [list]: on ? [...d[list], dataset].sort() : d[list].filter((x) => x !== dataset) }));
  const ownerMissing = app?.opdKode && !opds.some((o) => o.kode === app.opdKode);

  function handle(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const blank = (v: string) => (v.trim() === '' ? null : v.trim());
    const body: AplikasiInput = {
      nama: draft.nama.trim(),
      opdKode: blank(draft.opdKode),
      jenis: (draft.jenis || undefined) as JenisAplikasi | undefined,
      url: blank(draft.url),
      kontakNama: blank(draft.kontakNama),
      kontakEmail: blank(draft.kontakEmail),
      kontakTelepon: blank(draft.kontakTelepon),
      deskripsi: blank(draft.deskripsi),
      datasetProduksi: draft.datasetProduksi,
      datasetKonsumsi: draft.datasetKonsumsi,
    };
    if (!app) body.kode = draft.kode.trim().toLowerCase();
    void submit(() => onSubmit(body));
  }

  const datasets = (list: 'datasetProduksi' | 'datasetKonsumsi', legend: string) => (
    <fieldset className="field integrasi-datasets">
      <legend>{legend}</legend>
      {errors[list] && <p className="field__error">{errors[list]}</p>}
      {DATASETS.map((d) => (
        <label key={d} className="integrasi-check">
          <input type="checkbox" name={list} value={d} checked={draft[list].includes(d)} onChange={(e) => toggle(list, d, e.target.checked)} /> {t(datasetLabel(d))}
        </label>
      ))}
    </fieldset>
  );

  return (
    <form ref={form} className="form" onSubmit={handle} noValidate>
      <FormAlert error={error} stale={{ message: t('integrasi.detail.stale'), reload: t('integrasi.detail.muatUlang') }} onReload={onReload} />
      <div className="form__grid form__grid--wide">
        {!app && (
          <TextField
            label={t('integrasi.field.kode')}
            hint={t('integrasi.field.kodeHint')}
            error={errors.kode}
            name="kode"
            value={draft.kode}
            onChange={set('kode')}
            required
            maxLength={63}
            autoCapitalize="none"
            spellCheck={false}
          />
        )}
        <TextField label={t('integrasi.field.nama')} error={errors.nama} name="nama" value={draft.nama} onChange={set('nama')} required maxLength={200} />
        <SelectField label={t('integrasi.field.jenis')} error={errors.jenis} name="jenis" value={draft.jenis} onChange={set('jenis')} required>
          <option value="">—</option>
          {JENIS_APLIKASI.map((j) => (
            <option key={j} value={j}>
              {t(jenisLabel(j))}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('integrasi.field.opd')} hint={t('integrasi.field.opdHint')} error={errors.opdKode} name="opdKode" value={draft.opdKode} onChange={set('opdKode')}>
          {(cityWide || !draft.opdKode) && <option value="">{t('integrasi.baru.pilihOpd')}</option>}
          {ownerMissing && <option value={app!.opdKode!}>{app!.opdNama ?? app!.opdKode}</option>}
          {opds.map((o) => (
            <option key={o.kode} value={o.kode}>
              {o.singkatan ? `${o.singkatan} — ${o.nama}` : o.nama}
            </option>
          ))}
        </SelectField>
        <TextField label={t('integrasi.field.url')} error={errors.url} name="url" type="url" inputMode="url" value={draft.url} onChange={set('url')} maxLength={500} placeholder="https://" />
        <TextField label={t('integrasi.field.kontakNama')} error={errors.kontakNama} name="kontakNama" value={draft.kontakNama} onChange={set('kontakNama')} maxLength={200} />
        <TextField label={t('integrasi.field.kontakEmail')} error={errors.kontakEmail} name="kontakEmail" type="email" value={draft.kontakEmail} onChange={set('kontakEmail')} maxLength={200} />
        <TextField label={t('integrasi.field.kontakTelepon')} error={errors.kontakTelepon} name="kontakTelepon" type="tel" value={draft.kontakTelepon} onChange={set('kontakTelepon')} maxLength={30} />
      </div>
      <TextAreaField label={t('integrasi.field.deskripsi')} error={errors.deskripsi} name="deskripsi" value={draft.deskripsi} onChange={set('deskripsi')} maxLength={2000} rows={3} />
      <div className="integrasi-dataset-grid">
        {datasets('datasetProduksi', t('integrasi.field.produksi'))}
        {datasets('datasetKonsumsi', t('integrasi.field.konsumsi'))}
      </div>
      <div className="form__actions">
        <button type="submit" className="button" aria-busy={pending || undefined}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
