import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';

/** A list's filters, kept in the address so a filtered list can be reloaded and shared. */
export interface SearchFilters<N extends string> {
  /** Every filter, '' when not set. */
  filters: Record<N, string>;
  /** Only the filters that are set. */
  active: Partial<Record<N, string>>;
  /** All filter values in one string: the `key` that resets the form and the results to a new filter. */
  key: string;
  /** Submit handler of the filter form: its named fields, trimmed, blank ones left out, go to the address. */
  apply: (event: FormEvent<HTMLFormElement>) => void;
}

/** Reads the filters `names` from the address; a value equal to its entry in `defaults` stays out of it. */
export function useSearchFilters<const N extends string>(names: readonly N[], defaults: Partial<Record<N, string>> = {}): SearchFilters<N> {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = Object.fromEntries(names.map((name) => [name, searchParams.get(name) ?? ''])) as Record<N, string>;

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Record<string, string> = {};
    for (const name of names) {
      const value = String(form.get(name) ?? '').trim();
      if (value && value !== defaults[name]) next[name] = value;
    }
    setSearchParams(next);
  }

  return {
    filters,
    active: Object.fromEntries(names.filter((name) => filters[name]).map((name) => [name, filters[name]])) as Partial<Record<N, string>>,
    key: names.map((name) => filters[name]).join('|'),
    apply,
  };
}
