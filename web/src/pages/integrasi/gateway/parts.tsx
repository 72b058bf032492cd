import { useSearchParams } from 'react-router';
import { DateTime } from '../../../components/DateTime';
import { useI18n } from '../../../i18n/I18nProvider';
import type { Metrik, StatusLayanan } from './gatewayApi';

export const PERIODS = [1, 7, 30, 90] as const;

/** The metrics period in days, kept in the address (?hari=). */
export function useHari(): [number, (hari: number) => void] {
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('hari'));
  const hari = (PERIODS as readonly number[]).includes(raw) ? raw : 7;
  const set = (value: number) => {
    const next = new URLSearchParams(params);
    next.set('hari', String(value));
    setParams(next, { replace: true });
  };
  return [hari, set];
}

export function HariSelect({ value, onChange }: { value: number; onChange: (hari: number) => void }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor="gw-hari">{t('integrasi.gw.periode')}</label>
      <select id="gw-hari" value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {PERIODS.map((p) => (
          <option key={p} value={p}>
            {t('integrasi.gw.periodeHari', { hari: p })}
          </option>
        ))}
      </select>
    </div>
  );
}

export function StatusBadge({ status }: { status: StatusLayanan }) {
  const { t } = useI18n();
  return <span className={`gateway-status gateway-status--${status}`}>{t(status === 'aktif' ? 'integrasi.gw.status.aktif' : 'integrasi.gw.status.jeda')}</span>;
}

const ms = (value: number | null) => (value === null ? '–' : `${value} ms`);

/** Calls, failures, p50, p95 and last call, as table cells. */
export function MetrikCells({ metrik }: { metrik: Metrik }) {
  const { formatNumber } = useNumber();
  return (
    <>
      <td className="numeric">{formatNumber(metrik.panggilan)}</td>
      <td className="numeric">{formatNumber(metrik.gagal)}</td>
      <td className="numeric nowrap">{ms(metrik.p50Ms)}</td>
      <td className="numeric nowrap">{ms(metrik.p95Ms)}</td>
      <td className="nowrap">{metrik.terakhir ? <DateTime value={metrik.terakhir} /> : '–'}</td>
    </>
  );
}

export function useNumber() {
  const { lang } = useI18n();
  const format = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID');
  return { formatNumber: (n: number) => format.format(n) };
}

/** A chosen .json file parsed, or null when it is not JSON. */
export async function readJsonFile(file: File): Promise<Record<string, unknown> | null> {
  try {
    const parsed: unknown = JSON.parse(await file.text());
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB` : bytes >= 1024 ? `${Math.round((bytes / 1024) * 10) / 10} KiB` : `${bytes} B`;
