import type { InputHTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router';
import type { SearchFilters } from '../hooks/useSearchFilters';

interface SearchFilterFormProps<N extends string> {
  search: SearchFilters<N>;
  /** The heading names the search landmark. */
  headingId: string;
  title: string;
  submitLabel: string;
  /** A link back to the unfiltered list, shown while a filter is set. */
  reset?: { to: string; label: string };
  /** Fields in a grid of wider columns. */
  wide?: boolean;
  /** The fields, named like the filters, with the current values as defaults. */
  children: ReactNode;
}

/** The filter form above a list (see `useSearchFilters`). */
export function SearchFilterForm<N extends string>({ search, headingId, title, submitLabel, reset, wide, children }: SearchFilterFormProps<N>) {
  const filtered = search.key.replaceAll('|', '') !== '';
  return (
    // A new address (back, a link, the reset) starts the form again from its values.
    <form role="search" className="form panel" onSubmit={search.apply} key={`form|${search.key}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <div className={wide ? 'form__grid form__grid--wide' : 'form__grid'}>{children}</div>
      <div className="form__actions">
        <button type="submit" className="button">
          {submitLabel}
        </button>
        {reset && filtered && (
          <Link className="button button--secondary" to={reset.to}>
            {reset.label}
          </Link>
        )}
      </div>
    </form>
  );
}

interface FilterSelectProps<V extends string | number> {
  id: string;
  /** The filter's name in the address. */
  name: string;
  label: string;
  /** The value in the address. */
  value: string;
  /** The label of the first option, "any" (value ''); none when a value is always chosen. */
  all?: string;
  options: readonly V[];
  optionLabel: (option: V) => string;
}

/** A filter chosen from a fixed list of values. */
export function FilterSelect<V extends string | number>({ id, name, label, value, all, options, optionLabel }: FilterSelectProps<V>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        {all !== undefined && <option value="">{all}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </div>
  );
}

type FilterInputProps = { id: string; label: string; hint?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

/** A filter typed in (name, code prefix, …); the hint's id is `${id}-hint`. */
export function FilterInput({ id, label, hint, ...input }: FilterInputProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <input id={id} {...input} aria-describedby={hintId} />
    </div>
  );
}
