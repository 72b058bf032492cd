import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ArchiveReasonForm } from '../../components/ArchiveReasonForm';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useFormSubmission } from '../../hooks/useFormSubmission';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/id';
import { formatTanggal } from './labels';
import { archiveJenis, createJenis, getJenis, updateJenis, type FieldDef, type FieldType, type Jenis, type JenisInput, type SyaratDef, type Versioned } from './layananApi';
import './layanan.css';

const FIELD_TYPES: readonly FieldType[] = ['text', 'number', 'date', 'select'];
const DEFAULT_FORMAT = '[kode_surat]/[nomor,3]/[kode_kelurahan]/[bulan_romawi]/[tahun]';

interface FieldDraft {
  key: number;
  name: string;
  labelId: string;
  labelEn: string;
  type: FieldType;
  required: boolean;
  minLength: string;
  maxLength: string;
  min: string;
  max: string;
  /** One option per line. */
  options: string;
}

interface SyaratDraft {
  key: number;
  name: string;
  label: string;
  required: boolean;
}

interface Draft {
  kode: string;
  kodeSurat: string;
  nama: string;
  deskripsi: string;
  slaHari: string;
  penandatangan: 'lurah' | 'sekretaris';
  masaNilai: string;
  masaSatuan: '' | 'hari' | 'bulan';
  online: boolean;
  formatNomor: string;
  judul: string;
  pembuka: string;
  /** Paragraphs separated by an empty line. */
  isi: string;
  fields: FieldDraft[];
  syarat: SyaratDraft[];
}

let nextKey = 1;
const str = (n: number | undefined) => (n === undefined ? '' : String(n));

const fieldDraft = (f?: FieldDef): FieldDraft => ({
  key: nextKey++,
  name: f?.name ?? '',
  labelId: f?.label.id ?? '',
  labelEn: f?.label.en ?? '',
  type: f?.type ?? 'text',
  required: f?.required ?? true,
  minLength: str(f?.minLength),
  maxLength: str(f?.maxLength),
  min: str(f?.min),
  max: str(f?.max),
  options: (f?.options ?? []).join('\n'),
});

const syaratDraft = (s?: SyaratDef): SyaratDraft => ({ key: nextKey++, name: s?.name ?? '', label: s?.label ?? '', required: s?.required ?? true });

function draftOf(j: Jenis | null): Draft {
  return {
    kode: j?.kode ?? '',
    kodeSurat: j?.kodeSurat ?? '',
    nama: j?.nama ?? '',
    deskripsi: j?.deskripsi ?? '',
    slaHari: j ? String(j.slaHari) : '1',
    penandatangan: j?.penandatangan ?? 'lurah',
    masaNilai: j?.masaBerlaku ? String(j.masaBerlaku.nilai) : '',
    masaSatuan: j?.masaBerlaku?.satuan ?? '',
    online: j?.online ?? true,
    formatNomor: j?.formatNomor ?? DEFAULT_FORMAT,
    judul: j?.template.judul ?? '',
    pembuka: j?.template.pembuka ?? '',
    isi: (j?.template.isi ?? []).join('\n\n'),
    fields: (j?.fields ?? []).map(fieldDraft),
    syarat: (j?.syarat ?? []).map(syaratDraft),
  };
}

/** A number as typed: parsed when it is one, else sent as typed so the server names the rule next to the field. */
const num = (text: string): number | undefined => {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : (trimmed as unknown as number);
};

function inputOf(d: Draft, original: Jenis | null): JenisInput {
  const masaNilai = num(d.masaNilai);
  return {
    kode: d.kode.trim(),
    kodeSurat: d.kodeSurat.trim(),
    nama: d.nama.trim(),
    deskripsi: d.deskripsi.trim() || null,
    slaHari: num(d.slaHari) ?? (d.slaHari as unknown as number),
    penandatangan: d.penandatangan,
    masaBerlaku: d.masaSatuan && masaNilai !== undefined ? { nilai: masaNilai, satuan: d.masaSatuan } : null,
    online: d.online,
    formatNomor: d.formatNomor.trim(),
    template: {
      judul: d.judul.trim(),
      pembuka: d.pembuka.trim(),
      // The table of the holder's data is not edited here; what was there stays.
      ...(original?.template.rincian ? { rincian: original.template.rincian } : {}),
      isi: d.isi
        .split(/\n\s*\n/)
        .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
        .filter(Boolean),
    },
    fields: d.fields.map((f) => {
      const out: FieldDef = { name: f.name.trim(), label: { id: f.labelId.trim(), en: f.labelEn.trim() }, type: f.type, required: f.required };
      if (f.type === 'text') {
        const minLength = num(f.minLength);
        const maxLength = num(f.maxLength);
        if (minLength !== undefined) out.minLength = minLength;
        if (maxLength !== undefined) out.maxLength = maxLength;
      }
      if (f.type === 'number') {
        const min = num(f.min);
        const max = num(f.max);
        if (min !== undefined) out.min = min;
        if (max !== undefined) out.max = max;
      }
      if (f.type === 'select') {
        out.options = f.options
          .split('\n')
          .map((o) => o.trim())
          .filter(Boolean);
      }
      return out;
    }),
    syarat: d.syarat.map((s) => ({ name: s.name.trim(), label: s.label.trim(), required: s.required })),
  };
}

/** Only the top-level parts that changed, so the history names just those. */
function patchOf(before: JenisInput, after: JenisInput): Partial<JenisInput> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof JenisInput)[]) {
    if (key === 'kode') continue;
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) patch[key] = after[key];
  }
  return patch as Partial<JenisInput>;
}

/** Edit (or add) a letter type: fields, attachments, SLA, signer, validity, template, numbering, online flag. */
export function JenisFormPage() {
  const { t } = useI18n();
  const { ref } = useParams();
  const record = useResource((signal) => (ref ? getJenis(ref, signal) : Promise.resolve(null)), [ref]);
  // Kept here: the editor starts again from each saved version (its key is the ETag).
  const [saved, setSaved] = useState('');

  return (
    <div className="layanan">
      <p className="breadcrumb">
        <Link to="/kelola-layanan">{t('layanan.kelola.back')}</Link>
      </p>
      <PageHeading>{ref ? (record.data ? t('layanan.kelola.ubahJudul', { nama: record.data.data.nama }) : t('layanan.kelola.ubah')) : t('layanan.kelola.baru')}</PageHeading>
      {record.loading && record.data === undefined && <Loading />}
      <ErrorAlert error={record.error} />
      <p role="status" className="status-line">
        {saved}
      </p>
      {record.data !== undefined && <JenisEditor key={record.data?.etag ?? 'baru'} record={record.data} onChange={record.replace} onReload={record.reload} setSaved={setSaved} />}
    </div>
  );
}

interface EditorProps {
  record: Versioned<Jenis> | null;
  onChange: (record: Versioned<Jenis>) => void;
  onReload: () => void;
  setSaved: (message: string) => void;
}

function JenisEditor({ record, onChange, onReload, setSaved }: EditorProps) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const original = record?.data ?? null;
  const initial = useRef(draftOf(original));
  const [d, setD] = useState<Draft>(initial.current);
  const [arsip, setArsip] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const { pending, error, submit, form, errors } = useFormSubmission();
  const isNew = record === null;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setSaved('');
    setUnchanged(false);
    setD((current) => ({ ...current, [key]: value }));
  };
  const setField = (index: number, patch: Partial<FieldDraft>) => set('fields', d.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)));
  const setSyarat = (index: number, patch: Partial<SyaratDraft>) => set('syarat', d.syarat.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const prefixError = (prefix: string) => Object.entries(errors).find(([path]) => path === prefix || path.startsWith(`${prefix}/`))?.[1];

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      const input = inputOf(d, original);
      if (isNew) {
        const created = await createJenis(input);
        navigate(`/kelola-layanan/jenis/${encodeURIComponent(created.data.kode)}`, { replace: true });
        return;
      }
      const patch = patchOf(inputOf(initial.current, original), input);
      if (Object.keys(patch).length === 0) {
        setUnchanged(true);
        return;
      }
      const next = await updateJenis(record.data.id, record.etag, patch);
      setSaved(t('layanan.kelola.tersimpan', { version: next.data.version }));
      onChange(next);
    });
  }

  const fieldErrors = error ? Object.entries(errors) : [];

  return (
    <>
      {original?.archivedAt && (
        <div className="alert alert--error" role="note">
          <p>{t('layanan.kelola.arsipNote', { tanggal: formatTanggal(original.archivedAt, lang), alasan: original.archiveReason ?? '' })}</p>
        </div>
      )}
      <form ref={form} className="form panel" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="jenis-form-heading">
        <h2 id="jenis-form-heading">{t(isNew ? 'layanan.kelola.baru' : 'layanan.kelola.formTitle')}</h2>
        {!isNew && <p className="field__hint">{t('layanan.kelola.formHint', { version: original!.version })}</p>}
        <FormAlert error={error} stale={{ message: t('layanan.kelola.stale'), reload: t('layanan.kelola.staleReload') }} onReload={onReload} />
        {fieldErrors.length > 0 && (
          <ul className="layanan-error-list" aria-label={t('layanan.kelola.daftarKesalahan')}>
            {fieldErrors.map(([path, message]) => (
              <li key={path}>
                <code>{path}</code>: {message}
              </li>
            ))}
          </ul>
        )}

        <fieldset className="layanan-fieldset">
          <legend>{t('layanan.kelola.umum')}</legend>
          <div className="form__grid">
            <TextField label={t('layanan.jenis.nama')} value={d.nama} onChange={(e) => set('nama', e.target.value)} error={errors.nama} maxLength={200} required />
            <TextField
              label={t('layanan.jenis.kode')}
              hint={t(isNew ? 'layanan.kelola.kodeHint' : 'layanan.kelola.kodeTetap')}
              value={d.kode}
              onChange={(e) => set('kode', e.target.value)}
              error={errors.kode}
              maxLength={40}
              readOnly={!isNew}
              required
            />
            <TextField label={t('layanan.jenis.kodeSurat')} hint={t('layanan.kelola.kodeSuratHint')} value={d.kodeSurat} onChange={(e) => set('kodeSurat', e.target.value)} error={errors.kodeSurat} maxLength={20} required />
            <TextField label={t('layanan.jenis.sla')} hint={t('layanan.kelola.slaHint')} value={d.slaHari} onChange={(e) => set('slaHari', e.target.value)} error={errors.slaHari} inputMode="numeric" required />
            <SelectField label={t('layanan.jenis.penandatangan')} value={d.penandatangan} onChange={(e) => set('penandatangan', e.target.value as Draft['penandatangan'])} error={errors.penandatangan}>
              <option value="lurah">{t('layanan.jenis.ttd.lurah')}</option>
              <option value="sekretaris">{t('layanan.jenis.ttd.sekretaris')}</option>
            </SelectField>
            <TextField label={t('layanan.jenis.formatNomor')} hint={t('layanan.kelola.formatHint')} value={d.formatNomor} onChange={(e) => set('formatNomor', e.target.value)} error={errors.formatNomor} maxLength={120} />
            <TextField
              label={t('layanan.kelola.masaNilai')}
              hint={t('layanan.kelola.masaHint')}
              value={d.masaNilai}
              onChange={(e) => set('masaNilai', e.target.value)}
              error={prefixError('masaBerlaku')}
              inputMode="numeric"
            />
            <SelectField label={t('layanan.kelola.masaSatuan')} value={d.masaSatuan} onChange={(e) => set('masaSatuan', e.target.value as Draft['masaSatuan'])}>
              <option value="">{t('layanan.kelola.masaTanpa')}</option>
              <option value="hari">{t('layanan.kelola.satuan.hari')}</option>
              <option value="bulan">{t('layanan.kelola.satuan.bulan')}</option>
            </SelectField>
          </div>
          <TextAreaField label={t('layanan.jenis.deskripsi')} value={d.deskripsi} onChange={(e) => set('deskripsi', e.target.value)} error={errors.deskripsi} maxLength={1000} rows={2} />
          <CheckboxField label={t('layanan.jenis.onlineLabel')} checked={d.online} onChange={(e) => set('online', e.target.checked)} error={errors.online} />
        </fieldset>

        <fieldset className="layanan-fieldset">
          <legend>{t('layanan.kelola.isian')}</legend>
          <p className="field__hint">{t('layanan.kelola.isianHint')}</p>
          {d.fields.length === 0 && <p className="muted">{t('layanan.isian.none')}</p>}
          {d.fields.map((f, i) => (
            <fieldset key={f.key} className="layanan-fieldset layanan-fieldset--inner">
              <legend>{t('layanan.kelola.isianKe', { n: i + 1, name: f.name || '—' })}</legend>
              <div className="form__grid">
                <TextField label={t('layanan.kelola.nama')} hint={t('layanan.kelola.namaHint')} value={f.name} onChange={(e) => setField(i, { name: e.target.value })} error={errors[`fields/${i}/name`]} maxLength={40} />
                <SelectField label={t('layanan.kelola.tipe')} value={f.type} onChange={(e) => setField(i, { type: e.target.value as FieldType })} error={errors[`fields/${i}/type`]}>
                  {FIELD_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(`layanan.kelola.tipe.${type}` as MessageKey)}
                    </option>
                  ))}
                </SelectField>
                <TextField label={t('layanan.kelola.labelId')} value={f.labelId} onChange={(e) => setField(i, { labelId: e.target.value })} error={prefixError(`fields/${i}/label/id`) ?? errors[`fields/${i}/label`]} maxLength={200} />
                <TextField label={t('layanan.kelola.labelEn')} value={f.labelEn} onChange={(e) => setField(i, { labelEn: e.target.value })} error={prefixError(`fields/${i}/label/en`)} maxLength={200} />
                {f.type === 'text' && (
                  <>
                    <TextField label={t('layanan.kelola.minLength')} value={f.minLength} onChange={(e) => setField(i, { minLength: e.target.value })} error={errors[`fields/${i}/minLength`]} inputMode="numeric" />
                    <TextField label={t('layanan.kelola.maxLength')} value={f.maxLength} onChange={(e) => setField(i, { maxLength: e.target.value })} error={errors[`fields/${i}/maxLength`]} inputMode="numeric" />
                  </>
                )}
                {f.type === 'number' && (
                  <>
                    <TextField label={t('layanan.kelola.min')} value={f.min} onChange={(e) => setField(i, { min: e.target.value })} error={errors[`fields/${i}/min`]} inputMode="decimal" />
                    <TextField label={t('layanan.kelola.max')} value={f.max} onChange={(e) => setField(i, { max: e.target.value })} error={errors[`fields/${i}/max`]} inputMode="decimal" />
                  </>
                )}
              </div>
              {f.type === 'select' && (
                <TextAreaField label={t('layanan.kelola.options')} hint={t('layanan.kelola.optionsHint')} value={f.options} onChange={(e) => setField(i, { options: e.target.value })} error={prefixError(`fields/${i}/options`)} rows={4} />
              )}
              <CheckboxField label={t('layanan.kelola.wajib')} checked={f.required} onChange={(e) => setField(i, { required: e.target.checked })} />
              <p>
                <button type="button" className="button button--secondary button--small" onClick={() => set('fields', d.fields.filter((_, j) => j !== i))}>
                  {t('layanan.kelola.hapusIsian', { n: i + 1 })}
                </button>
              </p>
            </fieldset>
          ))}
          <p>
            <button type="button" className="button button--secondary" onClick={() => set('fields', [...d.fields, fieldDraft()])}>
              {t('layanan.kelola.tambahIsian')}
            </button>
          </p>
        </fieldset>

        <fieldset className="layanan-fieldset">
          <legend>{t('layanan.kelola.syarat')}</legend>
          {d.syarat.length === 0 && <p className="muted">{t('layanan.kelola.syaratNone')}</p>}
          {d.syarat.map((s, i) => (
            <fieldset key={s.key} className="layanan-fieldset layanan-fieldset--inner">
              <legend>{t('layanan.kelola.syaratKe', { n: i + 1, name: s.label || '—' })}</legend>
              <div className="form__grid">
                <TextField label={t('layanan.kelola.nama')} hint={t('layanan.kelola.namaHint')} value={s.name} onChange={(e) => setSyarat(i, { name: e.target.value })} error={errors[`syarat/${i}/name`]} maxLength={40} />
                <TextField label={t('layanan.kelola.labelSyarat')} value={s.label} onChange={(e) => setSyarat(i, { label: e.target.value })} error={errors[`syarat/${i}/label`]} maxLength={200} />
              </div>
              <CheckboxField label={t('layanan.kelola.wajib')} checked={s.required} onChange={(e) => setSyarat(i, { required: e.target.checked })} />
              <p>
                <button type="button" className="button button--secondary button--small" onClick={() => set('syarat', d.syarat.filter((_, j) => j !== i))}>
                  {t('layanan.kelola.hapusSyarat', { n: i + 1 })}
                </button>
              </p>
            </fieldset>
          ))}
          <p>
            <button type="button" className="button button--secondary" onClick={() => set('syarat', [...d.syarat, syaratDraft()])}>
              {t('layanan.kelola.tambahSyarat')}
            </button>
          </p>
        </fieldset>

        <fieldset className="layanan-fieldset">
          <legend>{t('layanan.kelola.template')}</legend>
          <p className="field__hint">{t('layanan.kelola.templateHint')}</p>
          <TextField label={t('layanan.kelola.judul')} value={d.judul} onChange={(e) => set('judul', e.target.value)} error={errors['template/judul']} maxLength={200} />
          <TextAreaField label={t('layanan.kelola.pembuka')} value={d.pembuka} onChange={(e) => set('pembuka', e.target.value)} error={errors['template/pembuka']} rows={3} maxLength={4000} />
          <TextAreaField label={t('layanan.kelola.isiSurat')} hint={t('layanan.kelola.isiHint')} value={d.isi} onChange={(e) => set('isi', e.target.value)} error={prefixError('template/isi')} rows={8} />
          {original?.template.rincian && <p className="field__hint">{t('layanan.kelola.rincianTetap')}</p>}
        </fieldset>

        <div className="form__actions">
          <button type="submit" className="button">
            {t(isNew ? 'layanan.kelola.simpanBaru' : 'layanan.kelola.simpan')}
          </button>
          <p role="status" className="status-line">
            {unchanged ? t('layanan.kelola.tanpaPerubahan') : ''}
          </p>
        </div>
      </form>
      {record && !original?.archivedAt && (
        <section className="panel">
          {arsip ? (
            <ArchiveReasonForm
              headingId="jenis-arsip-heading"
              title={t('layanan.kelola.arsipTitle', { nama: original!.nama })}
              hint={t('layanan.kelola.arsipHint')}
              reasonLabel={t('layanan.aksi.alasan')}
              field="alasan"
              minLength={3}
              submitLabel={t('layanan.kelola.arsipSubmit')}
              stale={{ message: t('layanan.kelola.stale'), reload: t('layanan.kelola.staleReload') }}
              onReload={onReload}
              onCancel={() => setArsip(false)}
              onArchive={async (alasan) => {
                const next = await archiveJenis(record.data.id, record.etag, alasan.trim());
                setSaved(t('layanan.kelola.diarsipkanDone'));
                onChange(next);
              }}
            />
          ) : (
            <button type="button" className="button button--secondary layanan-danger-outline" onClick={() => setArsip(true)}>
              {t('layanan.kelola.arsipOpen')}
            </button>
          )}
        </section>
      )}
    </>
  );
}
