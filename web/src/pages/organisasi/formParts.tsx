import { useEffect, useRef } from 'react';
import { ApiError, fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/fields';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * What every organisasi form shares: the submission state, the server's field messages keyed by
 * field path, focus on the first rejected field, and focus into the form when it opens.
 */
export function useOrgForm() {
  const submission = useSubmission();
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, submission.error);
  useEffect(() => form.current?.querySelector<HTMLElement>('input:not([readonly]), select, textarea')?.focus(), []);
  return { ...submission, form, errors: fieldErrorsOf(submission.error) };
}

/**
 * A failed submission: a 412 says someone else changed the record since it was loaded, with a
 * button that loads the current version; anything else shows the server's message.
 */
export function SubmitError({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.status === 412) {
    return (
      <div className="alert alert--error" role="alert">
        <p>{t('organisasi.form.stale')}</p>
        {onReload && (
          <p>
            <button type="button" className="button button--secondary" onClick={onReload}>
              {t('organisasi.form.reload')}
            </button>
          </p>
        )}
      </div>
    );
  }
  return <ErrorAlert error={error} />;
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
export function ArchiveForm({ title, hint, submitLabel, onSubmit, onCancel, onReload, idPrefix, headingLevel: Heading = 'h3' }: ReasonFormProps) {
  const { t } = useI18n();
  const { pending, error, submit, form, errors } = useOrgForm();
  const headingId = `${idPrefix}-heading`;
  return (
    <form
      ref={form}
      className="form org-form"
      noValidate
      aria-busy={pending}
      aria-labelledby={headingId}
      onSubmit={(event) => {
        event.preventDefault();
        const reason = String(new FormData(event.currentTarget).get('reason') ?? '');
        void submit(() => onSubmit(reason));
      }}
    >
      <Heading id={headingId}>{title}</Heading>
      <p className="field__hint">{hint}</p>
      <SubmitError error={error} onReload={onReload} />
      <TextField label={t('organisasi.field.archiveReason')} name="reason" error={errors.reason} maxLength={500} autoComplete="off" required />
      <div className="form__actions">
        <button type="submit" className="button">
          {submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
