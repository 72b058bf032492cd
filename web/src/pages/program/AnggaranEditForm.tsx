import { useState, type FormEvent } from 'react';
import { TextField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { LocalInvalid, useFormSubmission } from '../../hooks/useFormSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import { IndikatorEditor, indikatorDrafts, readIndikator, type IndikatorDraft } from './IndikatorEditor';
import { formatRupiah, parseRupiah, updateAnggaran, type Anggaran, type AnggaranPatch, type Versioned } from './programApi';

interface AnggaranEditFormProps {
  record: Versioned<Anggaran>;
  onSaved: (record: Versioned<Anggaran>) => void;
  onCancel: () => void;
  /** Loads the current version after a 412. */
  onReload: () => void;
}

const sameIndikator = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Changes the pagu and indicators of a budget line against the version it was loaded at (If-Match). */
export function AnggaranEditForm({ record, onSaved, onCancel, onReload }: AnggaranEditFormProps) {
  const { t, lang } = useI18n();
  const a = record.data;
  const [pagu, setPagu] = useState(String(a.pagu));
  const [drafts, setDrafts] = useState<IndikatorDraft[]>(() => indikatorDrafts(a.indikator, lang));
  const [unchanged, setUnchanged] = useState(false);
  const { pending, error, submit, form, errors } = useFormSubmission('input');

  const typed = parseRupiah(pagu);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setUnchanged(false);
    const indikator = readIndikator(drafts, lang, { nama: t('program.indikator.namaRequired'), target: t('program.indikator.targetInvalid') });
    setDrafts(indikator.kept);
    void submit(async () => {
      const local = { ...indikator.errors };
      if (typed === null) local.pagu = t('program.pagu.invalid');
      if (Object.keys(local).length > 0) throw new LocalInvalid(local);
      const patch: AnggaranPatch = {};
      if (typed !== a.pagu) patch.pagu = typed!;
      if (!sameIndikator(indikator.list, a.indikator)) patch.indikator = indikator.list;
      if (Object.keys(patch).length === 0) {
        setUnchanged(true);
        return;
      }
      onSaved(await updateAnggaran(a.id, record.etag, patch));
    });
  }

  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="program-edit-heading">
      <h2 id="program-edit-heading">{t('program.edit.title')}</h2>
      <p className="field__hint">{t('program.edit.hint')}</p>
      <FormAlert
        error={error}
        stale={{ message: t('program.edit.stale'), reload: t('program.edit.reload') }}
        onReload={onReload}
        checkFields={t('program.form.checkFields')}
      />
      <div className="form__grid">
        <TextField
          label={t('program.field.pagu')}
          hint={typed !== null ? t('program.pagu.preview', { rupiah: formatRupiah(typed) }) : t('program.pagu.hint')}
          value={pagu}
          onChange={(event) => {
            setUnchanged(false);
            setPagu(event.target.value);
          }}
          error={errors.pagu}
          inputMode="numeric"
          maxLength={30}
          autoComplete="off"
          required
        />
      </div>
      <IndikatorEditor
        drafts={drafts}
        onChange={(next) => {
          setUnchanged(false);
          setDrafts(next);
        }}
        errors={errors}
      />
      <div className="form__actions program-actions">
        <button type="submit" className="button">
          {t('program.edit.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <p role="status" className="status-line">
          {unchanged ? t('program.edit.unchanged') : ''}
        </p>
      </div>
    </form>
  );
}
