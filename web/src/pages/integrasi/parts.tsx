import type { MessageKey } from '../../i18n/id';
import { useI18n } from '../../i18n/I18nProvider';
import type { Alasan, FlowKind } from './integrasiApi';

export const jenisLabel = (jenis: string) => `integrasi.jenis.${jenis}` as MessageKey;
export const statusLabel = (status: string) => `integrasi.status.${status}` as MessageKey;
export const datasetLabel = (dataset: string) => `integrasi.dataset.${dataset}` as MessageKey;
export const tingkatLabel = (n: number) => `integrasi.tingkat.${n}` as MessageKey;
export const alurLabel = (kind: FlowKind) => `integrasi.alur.${kind}` as MessageKey;

/** "Tingkat 3 · Membaca dari Padu": the number in words and in a coloured badge (colour is never the only cue). */
export function TingkatBadge({ tingkat, testId }: { tingkat: number; testId?: string }) {
  const { t } = useI18n();
  return (
    <span className={`tingkat tingkat--${tingkat}`} title={t(tingkatLabel(tingkat))}>
      <span data-testid={testId}>{t('integrasi.tingkat.badge', { n: tingkat })}</span>
      <span className="visually-hidden"> · {t(tingkatLabel(tingkat))}</span>
    </span>
  );
}

/** Each level's condition, met or not; then what the next level still needs. */
export function AlasanList({ tingkat, alasan }: { tingkat: number; alasan: Alasan[] }) {
  const { t, formatDateTime } = useI18n();
  const text = (a: Alasan) => {
    const params: Record<string, string | number> = { ...a.params };
    for (const [key, value] of Object.entries(params)) if (value === '') params[key] = '—';
    const line = t(`integrasi.alasan.${a.kode}` as MessageKey, params);
    return typeof a.params.terakhir === 'string' && a.params.terakhir ? `${line} ${t('integrasi.pemakaian.terakhir')}: ${formatDateTime(a.params.terakhir)}` : line;
  };
  const next = tingkat < 5 ? alasan.filter((a) => a.tingkat === tingkat + 1 && !a.terpenuhi) : [];
  return (
    <>
      <ul className="alasan">
        {alasan.map((a) => (
          <li key={a.kode} className={a.terpenuhi ? 'alasan--ya' : 'alasan--belum'}>
            <span className="alasan__tanda" aria-hidden="true">{a.terpenuhi ? '✓' : '○'}</span>{' '}
            <strong>{t('integrasi.tingkat.badge', { n: a.tingkat })}</strong> ({t(a.terpenuhi ? 'integrasi.alasan.terpenuhi' : 'integrasi.alasan.belum')}): {text(a)}
          </li>
        ))}
      </ul>
      {next.length > 0 && (
        <>
          <p>{t('integrasi.alasan.berikutnya', { n: tingkat + 1 })}</p>
          <ul>
            {next.map((a) => (
              <li key={a.kode}>{text(a)}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** The rule, said once where levels are shown. */
export function AturanTingkat() {
  const { t } = useI18n();
  return (
    <details className="panel aturan-tingkat">
      <summary>{t('integrasi.tingkat.aturan')}</summary>
      <p>{t('integrasi.tingkat.aturanIsi')}</p>
    </details>
  );
}
