import { useState, type FormEvent } from 'react';
import { LocalInvalid, useFormSubmission } from '../hooks/useFormSubmission';
import { useI18n } from '../i18n/I18nProvider';
import { TextAreaField, TextField } from './fields';
import { FormAlert, type StaleText } from './FormAlert';

interface ArchiveReasonFormProps {
  /** The heading names the form; its id is unique on the page. */
  headingId: string;
  /** The heading level that fits where the form opens. */
  headingLevel?: 'h2' | 'h3' | 'h4';
  title: string;
  hint: string;
  reasonLabel: string;
  reasonHint?: string;
  /** The reason's name in the request body: the server reports its field errors under it. */
  field: string;
  submitLabel: string;
  /** Archives with the reason as typed (If-Match is the caller's); a rejection shows next to the field or above the form. */
  onArchive: (reason: string) => Promise<void>;
  onCancel: () => void;
  /** The 412 notice; its button calls `onReload` (no button without it). */
  stale: StaleText;
  onReload?: () => void;
  /** The fewest characters the server takes, set on the field. */
  minLength?: number;
  /**
   * With `minLength`: a shorter reason (spaces at either end not counted) is refused before sending,
   * `field` standing under the field and `form` above the form.
   */
  tooShort?: { field: string; form: string };
  /** The reason as a three-row textarea with this class, instead of a one-line input. */
  textareaClass?: string;
  /** Classes added to the form's and the action row's own. */
  formClass?: string;
  actionsClass?: string;
}

/** Archives a record with a stated reason: nothing is deleted, the record leaves the lists. */
export function ArchiveReasonForm({
  headingId,
  headingLevel: Heading = 'h2',
  title,
  hint,
  reasonLabel,
  reasonHint,
  field,
  submitLabel,
  onArchive,
  onCancel,
  stale,
  onReload,
  minLength,
  tooShort,
  textareaClass,
  formClass,
  actionsClass,
}: ArchiveReasonFormProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const { pending, error, submit, form, errors } = useFormSubmission('input, textarea');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      if (tooShort && minLength !== undefined && reason.trim().length < minLength) throw new LocalInvalid({ [field]: tooShort.field });
      await onArchive(reason);
    });
  }

  const control = {
    label: reasonLabel,
    hint: reasonHint,
    name: field,
    value: reason,
    error: errors[field],
    minLength,
    maxLength: 500,
    required: true,
  };
  return (
    <form
      ref={form}
      className={formClass ? `form ${formClass}` : 'form'}
      onSubmit={handleSubmit}
      noValidate
      aria-busy={pending}
      aria-labelledby={headingId}
    >
      <Heading id={headingId}>{title}</Heading>
      <p className="field__hint">{hint}</p>
      <FormAlert error={error} stale={stale} onReload={onReload} checkFields={tooShort?.form} />
      {textareaClass ? (
        <TextAreaField {...control} className={textareaClass} rows={3} onChange={(event) => setReason(event.target.value)} />
      ) : (
        <TextField {...control} autoComplete="off" onChange={(event) => setReason(event.target.value)} />
      )}
      <div className={actionsClass ? `form__actions ${actionsClass}` : 'form__actions'}>
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
