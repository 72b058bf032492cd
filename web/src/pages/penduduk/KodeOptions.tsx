import { kodeName } from './labels';
import type { KodeList, Referensi } from './pendudukApi';

/** The options of one Dukcapil code list; while the lists load, only the current code. */
export function KodeOptions({ referensi, list, current }: { referensi: Referensi | undefined; list: KodeList; current?: number }) {
  if (!referensi) {
    return current === undefined ? null : <option value={String(current)}>{kodeName(referensi, list, current)}</option>;
  }
  return (
    <>
      {referensi[list].map((item) => (
        <option key={item.kode} value={String(item.kode)}>
          {item.nama}
        </option>
      ))}
    </>
  );
}
