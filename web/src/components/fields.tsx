import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldFrame {
  label: ReactNode;
  hint?: string;
  error?: string;
}

/** Ids and ARIA attributes tying an input to its hint and error message. */
function useFieldIds({ hint, error }: FieldFrame) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, control: { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy } };
}

function FieldNotes({ hint, error, hintId, errorId }: Omit<FieldFrame, 'label'> & { hintId?: string; errorId?: string }) {
  return (
    <>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </>
  );
}

type TextFieldProps = FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

export function TextField({ label, hint, error, className, ...input }: TextFieldProps) {
  const { id, hintId, errorId, control } = useFieldIds({ label, hint, error });
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <FieldNotes hint={hint} error={error} hintId={hintId} errorId={errorId} />
      <input {...input} {...control} />
    </div>
  );
}

type TextAreaFieldProps = FieldFrame & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

/** A multi-line text field; `className` styles the textarea itself (there is no global textarea style). */
export function TextAreaField({ label, hint, error, ...textarea }: TextAreaFieldProps) {
  const { id, hintId, errorId, control } = useFieldIds({ label, hint, error });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FieldNotes hint={hint} error={error} hintId={hintId} errorId={errorId} />
      <textarea {...textarea} {...control} />
    </div>
  );
}

type SelectFieldProps = FieldFrame & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { children: ReactNode };

export function SelectField({ label, hint, error, className, children, ...select }: SelectFieldProps) {
  const { id, hintId, errorId, control } = useFieldIds({ label, hint, error });
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <FieldNotes hint={hint} error={error} hintId={hintId} errorId={errorId} />
      <select {...select} {...control}>
        {children}
      </select>
    </div>
  );
}

type CheckboxFieldProps = FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'>;

export function CheckboxField({ label, hint, error, ...input }: CheckboxFieldProps) {
  const { id, hintId, errorId, control } = useFieldIds({ label, hint, error });
  return (
    <div className="field field--checkbox">
      <input type="checkbox" {...input} {...control} />
      <label htmlFor={id}>{label}</label>
      <FieldNotes hint={hint} error={error} hintId={hintId} errorId={errorId} />
    </div>
  );
}
