import { ArchiveReasonForm } from '../../components/ArchiveReasonForm';
import { TextField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { useFormSubmission } from '../../hooks/useFormSubmission';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * What every organisasi form shares: the submission state, the server's field messages keyed by
 * field path, focus on the first rejected field, and focus into the form when it opens.
 */
export const useOrgForm = () => useFormSubmission('input:not([readonly]), select, textarea');

/**
 * A failed submission: a 412 says someone else changed the record since it was loaded, with a
 * button that loads the current version; anything else shows the server's message.
 */
export function SubmitError({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const { t } = useI18n();
  return <FormAlert error={error} stale={{ message: t('organisasi.form.stale'), reload: t('organisasi.form.reload') }} onReload={onReload} />;
}

export interface LokasiDraft {
  alamat: string;
  latitude: string;
  longitude: string;
}

/** Address and coordinates of an office; a decimal comma is accepted. */
export function LokasiFields({
  draft,
  onChange,
  errors,
  alamatLabel,
  alamatHint,
}: {
  draft: LokasiDraft;
  onChange: (key: keyof LokasiDraft) => (event: { target: { value: string } }) => void;
  errors: Record<string, string>;
  alamatLabel: string;
  alamatHint?: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        className="org-form__wide"
        label={alamatLabel}
        hint={alamatHint}
        value={draft.alamat}
        onChange={onChange('alamat')}
        error={errors.alamat}
        maxLength={500}
        autoComplete="off"
      />
      <TextField
        label={t('organisasi.field.latitude')}
        hint={t('organisasi.form.latitudeHint')}
        value={draft.latitude}
        onChange={onChange('latitude')}
        error={errors.latitude}
        inputMode="decimal"
        autoComplete="off"
      />
      <TextField
        label={t('organisasi.field.longitude')}
        hint={t('organisasi.form.longitudeHint')}
        value={draft.longitude}
        onChange={onChange('longitude')}
        error={errors.longitude}
        inputMode="decimal"
        autoComplete="off"
      />
    </>
  );
}

/** Coordinates as the form shows them: a number as typed, null as blank. */
export const coordinateText = (value: number | null): string => (value === null ? '' : String(value));

interface ReasonFormProps {
  title: string;
  hint: string;
  submitLabel: string;
  /** Called with the reason as typed; the server requires 3–500 characters. */
  onSubmit: (reason: string) => Promise<void>;
  onCancel: () => void;
  onReload?: () => void;
  idPrefix: string;
  /** The heading level that fits where the form opens. */
  headingLevel?: 'h2' | 'h3' | 'h4';
}

/** Archives a record with a stated reason (no hard deletes of master data). */
export function ArchiveForm({ title, hint, submitLabel, onSubmit, onCancel, onReload, idPrefix, headingLevel = 'h3' }: ReasonFormProps) {
  const { t } = useI18n();
  return (
    <ArchiveReasonForm
      headingId={`${idPrefix}-heading`}
      headingLevel={headingLevel}
      title={title}
      hint={hint}
      reasonLabel={t('organisasi.field.archiveReason')}
      field="reason"
      submitLabel={submitLabel}
      formClass="org-form"
      stale={{ message: t('organisasi.form.stale'), reload: t('organisasi.form.reload') }}
      onReload={onReload}
      onCancel={onCancel}
      onArchive={onSubmit}
    />
  );
}
