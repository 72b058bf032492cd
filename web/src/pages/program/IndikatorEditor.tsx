import { TextField } from '../../components/fields';
import { useI18n, type Lang } from '../../i18n/I18nProvider';
import { parseTarget, targetDraft, type Indikator, type IndikatorInput } from './programApi';

/** One indicator row as typed. */
export interface IndikatorDraft {
  key: number;
  nama: string;
  satuan: string;
  target: string;
}

let lastKey = 0;
export const newIndikatorDraft = (nama = '', satuan = '', target = ''): IndikatorDraft => ({ key: ++lastKey, nama, satuan, target });
export const indikatorDrafts = (list: readonly Indikator[], lang: Lang): IndikatorDraft[] =>
  list.map((i) => newIndikatorDraft(i.nama, i.satuan ?? '', targetDraft(i.target, lang)));

const isEmpty = (draft: IndikatorDraft) => !draft.nama.trim() && !draft.satuan.trim() && !draft.target.trim();

/**
 * What to send. Rows left wholly empty are dropped (`kept` is the list the form should show
 * from now on, so the API's `indikator/<n>/…` errors point at the right row); `errors` holds
 * what the browser can already tell, keyed like the API's: a target that is not a number, a
 * row without a name.
 */
export function readIndikator(
  drafts: readonly IndikatorDraft[],
  lang: Lang,
  messages: { target: string; nama: string },
): { kept: IndikatorDraft[]; list: IndikatorInput[]; errors: Record<string, string> } {
  const kept = drafts.filter((draft) => !isEmpty(draft));
  const errors: Record<string, string> = {};
  const list = kept.map((draft, index): IndikatorInput => {
    const nama = draft.nama.trim();
    const target = parseTarget(draft.target, lang);
    if (!nama) errors[`indikator/${index}/nama`] = messages.nama;
    if (target === undefined) errors[`indikator/${index}/target`] = messages.target;
    return { nama, satuan: draft.satuan.trim() || null, target: target ?? null };
  });
  return { kept, list, errors };
}

interface IndikatorEditorProps {
  drafts: IndikatorDraft[];
  onChange: (drafts: IndikatorDraft[]) => void;
  /** Field errors keyed by path, e.g. `indikator/0/nama`. */
  errors: Record<string, string>;
}

/** Edits the indicator list of a budget line: name, unit and target per row; rows can be added and removed. */
export function IndikatorEditor({ drafts, onChange, errors }: IndikatorEditorProps) {
  const { t } = useI18n();
  const update = (key: number, patch: Partial<IndikatorDraft>) => onChange(drafts.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  const listError = errors.indikator;
  return (
    <fieldset className="program-indikator">
      <legend>{t('program.field.indikator')}</legend>
      <p className="field__hint">{t('program.indikator.hint')}</p>
      {listError && <p className="field__error">{listError}</p>}
      {drafts.length === 0 && <p className="muted">{t('program.indikator.none')}</p>}
      <ol className="program-indikator__list">
        {drafts.map((draft, index) => (
          <li key={draft.key} className="program-indikator__row">
            <TextField
              label={t('program.indikator.nama', { n: index + 1 })}
              value={draft.nama}
              onChange={(event) => update(draft.key, { nama: event.target.value })}
              error={errors[`indikator/${index}/nama`]}
              maxLength={500}
              autoComplete="off"
            />
            <TextField
              label={t('program.indikator.satuan', { n: index + 1 })}
              value={draft.satuan}
              onChange={(event) => update(draft.key, { satuan: event.target.value })}
              error={errors[`indikator/${index}/satuan`]}
              maxLength={100}
              autoComplete="off"
            />
            <TextField
              label={t('program.indikator.target', { n: index + 1 })}
              value={draft.target}
              onChange={(event) => update(draft.key, { target: event.target.value })}
              error={errors[`indikator/${index}/target`]}
              inputMode="decimal"
              maxLength={30}
              autoComplete="off"
            />
            <button type="button" className="button button--secondary button--small" onClick={() => onChange(drafts.filter((d) => d.key !== draft.key))}>
              {t('program.indikator.remove', { n: index + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="button button--secondary" onClick={() => onChange([...drafts, newIndikatorDraft()])} disabled={drafts.length >= 50}>
        {t('program.indikator.add')}
      </button>
    </fieldset>
  );
}
