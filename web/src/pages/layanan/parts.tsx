import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { SelectField, TextField } from '../../components/fields';
import { DateTime } from '../../components/DateTime';
import { useI18n } from '../../i18n/I18nProvider';
import type { Lang } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/id';
import { fieldLabelOf, formatNilai, formatTanggal, formatUkuran, kanalLabel, sisaText, statusLabel, uploadErrorText, verifikasiLabel } from './labels';
import {
  acceptOf,
  getBatas,
  TERMINAL,
  type Batas,
  type FieldDef,
  type Lampiran,
  type Pemohon,
  type Permohonan,
  type Riwayat,
  type Status,
  type Surat,
  type SyaratDef,
} from './layananApi';

/** A request's status as a coloured badge (the words carry the meaning; colour only helps). */
export function StatusBadge({ status }: { status: Status }) {
  const { t } = useI18n();
  return <span className={`badge layanan-status layanan-status--${status}`}>{t(statusLabel(status))}</span>;
}

/** Due date and working days left, with the overdue flag. */
export function SlaInfo({ p }: { p: Pick<Permohonan, 'jatuhTempo' | 'sisaHariKerja' | 'terlambat' | 'status'> }) {
  const { t, lang } = useI18n();
  if (TERMINAL.includes(p.status)) return <span className="muted">{t('layanan.sla.selesai')}</span>;
  return (
    <span className="layanan-sla">
      <span>{formatTanggal(p.jatuhTempo, lang)}</span>{' '}
      {p.terlambat ? <span className="badge badge--off">{t('layanan.sla.terlambat')}</span> : null}{' '}
      <span className={p.terlambat ? 'layanan-sla__sisa layanan-sla__sisa--lewat' : 'layanan-sla__sisa'}>{sisaText(p.sisaHariKerja, t)}</span>
    </span>
  );
}

/**
 * The summary of a request: status, tracking code, dates, SLA and channel; staff views add the
 * kelurahan, the officer and the last comment.
 */
export function RingkasanList({ p, kelurahan = false, petugas = false }: {
  p: Pick<Permohonan, 'status' | 'kodeLacak' | 'diajukanAt' | 'jatuhTempo' | 'sisaHariKerja' | 'terlambat' | 'kanal' | 'petugas' | 'catatan' | 'kodeKelurahan'> & { pemohon?: { kelurahan?: string | null } };
  kelurahan?: boolean;
  petugas?: boolean;
}) {
  const { t, lang } = useI18n();
  const row = (label: string, value: ReactNode) => (
    <div className="layanan-details__row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <dl className="details layanan-details">
      {row(t('layanan.field.status'), <StatusBadge status={p.status} />)}
      {row(t('layanan.field.kodeLacak'), <code className="layanan-kode-inline">{p.kodeLacak}</code>)}
      {kelurahan && row(t('layanan.field.kelurahan'), p.pemohon?.kelurahan ? `${p.pemohon.kelurahan} (${p.kodeKelurahan})` : p.kodeKelurahan)}
      {row(t('layanan.field.diajukan'), formatTanggal(p.diajukanAt, lang))}
      {row(t('layanan.field.jatuhTempo'), <SlaInfo p={p} />)}
      {row(t('layanan.field.kanal'), t(kanalLabel(p.kanal)))}
      {petugas && row(t('layanan.field.petugas'), p.petugas?.nama ?? t('layanan.detail.belumDiambil'))}
      {petugas && p.catatan && row(t('layanan.detail.catatan'), p.catatan)}
    </dl>
  );
}

/** The status timeline: each step, who took it, when, and the comment. */
export function Timeline({ riwayat, headingId }: { riwayat: readonly Riwayat[]; headingId: string }) {
  const { t } = useI18n();
  return (
    <ol className="layanan-timeline" aria-labelledby={headingId}>
      {riwayat.map((step, index) => (
        <li key={`${step.at}-${index}`} className={`layanan-timeline__step layanan-timeline__step--${step.ke}`}>
          <p className="layanan-timeline__status">{t(statusLabel(step.ke))}</p>
          <p className="layanan-timeline__meta">
            <DateTime value={step.at} />
            {step.oleh ? ` · ${t('layanan.timeline.oleh', { nama: step.oleh })}` : ''}
          </p>
          {step.catatan && <p className="layanan-timeline__catatan">{t('layanan.timeline.catatan', { catatan: step.catatan })}</p>}
        </li>
      ))}
    </ol>
  );
}

/** Staff see NIK, No. KK and the birth date masked (`137101******0001`, `1990-**-**`): the API decides. */
const isMasked = (value: string | undefined) => Boolean(value?.includes('*'));

/** A birth date as words: the full date, or only the year when it is masked ("tahun 1990"). */
function tanggalLahirText(value: string | undefined, lang: Lang, t: (key: MessageKey, params?: Record<string, string | number>) => string): string | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatTanggal(value, lang);
  const year = /^(\d{4})-\*\*-\*\*$/.exec(value);
  return year ? t('layanan.pemohon.tahunLahir', { tahun: year[1]! }) : value;
}

/**
 * The holder's data as the registry knows it (read-only: the resident never retypes it). In staff
 * views NIK, No. KK and the birth date come masked; a note says so, and the masked digits are
 * marked so a screen reader does not read out a row of asterisks.
 */
export function PemohonDetails({ pemohon }: { pemohon: Pemohon }) {
  const { t, lang } = useI18n();
  const masked = isMasked(pemohon.nik) || isMasked(pemohon.noKk) || isMasked(pemohon.tanggalLahir);
  const maskedText = (value: string | undefined) =>
    value && isMasked(value) ? (
      <>
        <span aria-hidden="true" className="layanan-masked">
          {value}
        </span>
        <span className="visually-hidden">{t('layanan.pemohon.disamarkanSr', { awal: value.slice(0, 6), akhir: value.slice(-4) })}</span>
      </>
    ) : (
      value
    );
  const ttl = pemohon.tempatLahir || pemohon.tanggalLahir ? [pemohon.tempatLahir, tanggalLahirText(pemohon.tanggalLahir, lang, t)].filter(Boolean).join(', ') : undefined;
  const rows: [MessageKey, ReactNode][] = [
    ['layanan.pemohon.nama', pemohon.nama],
    ['layanan.pemohon.nik', maskedText(pemohon.nik)],
    ['layanan.pemohon.noKk', maskedText(pemohon.noKk)],
    ['layanan.pemohon.ttl', ttl],
    ['layanan.pemohon.jenisKelamin', pemohon.jenisKelamin ? t(pemohon.jenisKelamin === 'L' ? 'layanan.pemohon.L' : 'layanan.pemohon.P') : undefined],
    ['layanan.pemohon.agama', pemohon.agama],
    ['layanan.pemohon.pekerjaan', pemohon.pekerjaan],
    ['layanan.pemohon.statusKawin', pemohon.statusKawin],
    ['layanan.pemohon.kewarganegaraan', pemohon.kewarganegaraan],
    [
      'layanan.pemohon.alamat',
      pemohon.alamat
        ? [pemohon.alamat, pemohon.rt && pemohon.rw ? `RT ${pemohon.rt}/RW ${pemohon.rw}` : null, pemohon.kelurahan, pemohon.kecamatan].filter(Boolean).join(', ')
        : undefined,
    ],
  ];
  return (
    <>
      <dl className="details layanan-details">
        {rows
          .filter(([, value]) => value !== undefined && value !== null && value !== '')
          .map(([key, value]) => (
            <div key={key} className="layanan-details__row">
              <dt>{t(key)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {masked && <p className="field__hint layanan-masked-note">{t('layanan.pemohon.disamarkan')}</p>}
    </>
  );
}

/** The form's own fields as filled in. */
export function IsianDetails({ fields, data }: { fields: readonly FieldDef[]; data: Record<string, string | number> }) {
  const { t, lang } = useI18n();
  if (fields.length === 0) return <p className="muted">{t('layanan.isian.none')}</p>;
  return (
    <dl className="details layanan-details">
      {fields.map((field) => (
        <div key={field.name} className="layanan-details__row">
          <dt>{fieldLabelOf(field, lang)}</dt>
          <dd>{formatNilai(field, data[field.name], lang)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The rules of a field, said next to it: required or not, lengths, bounds. */
function fieldHint(field: FieldDef, t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  const parts = [t(field.required ? 'layanan.isian.wajib' : 'layanan.isian.opsional')];
  if (field.type === 'text') {
    if (field.minLength && field.maxLength) parts.push(t('layanan.isian.panjang', { min: field.minLength, max: field.maxLength }));
    else if (field.maxLength) parts.push(t('layanan.isian.maks', { max: field.maxLength }));
  }
  if (field.type === 'number') {
    if (field.min !== undefined && field.max !== undefined) parts.push(t('layanan.isian.rentang', { min: field.min, max: field.max }));
    else if (field.min !== undefined) parts.push(t('layanan.isian.min', { min: field.min }));
    else if (field.max !== undefined) parts.push(t('layanan.isian.max', { max: field.max }));
  }
  return parts.join(' · ');
}

export type Isian = Record<string, string>;

export const isianAwal = (fields: readonly FieldDef[], data: Record<string, string | number> = {}): Isian =>
  Object.fromEntries(fields.map((f) => [f.name, data[f.name] === undefined ? '' : String(data[f.name])]));

/** The values as the API takes them: numbers as numbers (what does not parse goes as typed, for the server to name). */
export function isianUntukApi(fields: readonly FieldDef[], values: Isian): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const field of fields) {
    const raw = (values[field.name] ?? '').trim();
    if (raw === '') continue;
    out[field.name] = field.type === 'number' && /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  return out;
}

/** Required fields left empty, keyed like the server's errors (`data/<name>`). */
export function isianKosong(fields: readonly FieldDef[], values: Isian, message: string): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) if (field.required && !(values[field.name] ?? '').trim()) errors[`data/${field.name}`] = message;
  return errors;
}

interface IsianFieldsProps {
  fields: readonly FieldDef[];
  values: Isian;
  onChange: (name: string, value: string) => void;
  /** Messages keyed by field path (`data/<name>`). */
  errors: Record<string, string>;
}

/** The letter type's own fields, rendered from the catalogue's definition. */
export function IsianFields({ fields, values, onChange, errors }: IsianFieldsProps) {
  const { t, lang } = useI18n();
  return (
    <>
      {fields.map((field) => {
        const common = {
          label: fieldLabelOf(field, lang),
          hint: fieldHint(field, t),
          error: errors[`data/${field.name}`],
          required: field.required,
          value: values[field.name] ?? '',
          onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => onChange(field.name, event.target.value),
        };
        if (field.type === 'select') {
          return (
            <SelectField key={field.name} {...common}>
              <option value="">{t('layanan.isian.pilih')}</option>
              {(field.options ?? []).map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </SelectField>
          );
        }
        if (field.type === 'number') {
          return <TextField key={field.name} {...common} type="text" inputMode="decimal" autoComplete="off" />;
        }
        if (field.type === 'date') return <TextField key={field.name} {...common} type="date" />;
        return <TextField key={field.name} {...common} type="text" maxLength={field.maxLength ?? 500} autoComplete="off" />;
      })}
    </>
  );
}

/** The attachment limits the server applies, read once (null until they arrive, or when they cannot be read). */
export function useBatas(): Batas | null {
  const [batas, setBatas] = useState<Batas | null>(null);
  useEffect(() => {
    let live = true;
    getBatas().then(
      (value) => live && setBatas(value),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return batas;
}

const TYPE_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

/** The accepted types as words: "PDF, JPG atau PNG" / "PDF, JPG or PNG". */
export function jenisBerkasText(batas: Batas, t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  const names = [...new Set(batas.mediaTypes.map((type) => TYPE_NAMES[type] ?? type))];
  return names.length <= 1 ? (names[0] ?? '') : t('layanan.berkas.atau', { daftar: names.slice(0, -1).join(', '), akhir: names.at(-1)! });
}

/** "PDF, JPG atau PNG; maksimal 2 MB per berkas, paling banyak 10 berkas per permohonan", from the server's limits. */
export function BerkasHint({ batas }: { batas: Batas | null }) {
  const { t, lang } = useI18n();
  if (!batas) return <>{t('layanan.berkas.hintMemuat')}</>;
  return <>{t('layanan.berkas.hintBatas', { jenis: jenisBerkasText(batas, t), size: formatUkuran(batas.maxBytes, lang), count: batas.maxFiles })}</>;
}

/**
 * What the server would refuse in a chosen file, said before it is sent: too large, or not one of
 * the accepted types by its name and type. Null when it may go (the server still checks the content).
 */
export function berkasDitolak(file: File, batas: Batas | null, t: (key: MessageKey, params?: Record<string, string | number>) => string, lang: Lang): string | null {
  if (!batas) return null;
  if (file.size > batas.maxBytes) return t('layanan.berkas.error.413', { file: file.name, limit: formatUkuran(batas.maxBytes, lang) });
  const name = file.name.toLowerCase();
  if (!batas.mediaTypes.includes(file.type) && !batas.ekstensi.some((ending) => name.endsWith(ending))) {
    return t('layanan.berkas.error.bukanJenis', { file: file.name, jenis: jenisBerkasText(batas, t) });
  }
  return null;
}

interface FileFieldProps {
  label: string;
  hint?: string;
  error?: string;
  file: File | null;
  onChange: (file: File | null) => void;
  required?: boolean;
}

/** A file input with its label, the rules, the chosen file and an error next to it. */
export function FileField({ label, hint, error, file, onChange, required }: FileFieldProps) {
  const { t, lang } = useI18n();
  const batas = useBatas();
  const id = useId();
  const describedBy = [`${id}-hint`, file ? `${id}-chosen` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field layanan-file">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="field__hint">
        {hint ?? <BerkasHint batas={batas} />}
      </p>
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
      <input
        id={id}
        type="file"
        accept={batas ? acceptOf(batas) : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        aria-required={required || undefined}
        onChange={(event) => onChange(event.target.files?.[0] ?? null)}
      />
      {file && (
        <p id={`${id}-chosen`} className="field__hint">
          {t('layanan.berkas.dipilih', { name: file.name, size: formatUkuran(file.size, lang) })}
        </p>
      )}
    </div>
  );
}

/** Attachments of a request: requirement, file, size, verification. */
export function LampiranTable({
  lampiran,
  syarat,
  captionId,
  actions,
}: {
  lampiran: readonly Lampiran[];
  syarat: readonly SyaratDef[];
  captionId: string;
  actions?: (l: Lampiran) => ReactNode;
}) {
  const { t, lang } = useI18n();
  const syaratLabel = (name: string) => syarat.find((s) => s.name === name)?.label ?? (name === 'lainnya' ? t('layanan.berkas.lainnya') : name);
  if (lampiran.length === 0) return <p className="muted">{t('layanan.berkas.none')}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId} className="visually-hidden">
          {t('layanan.berkas.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('layanan.berkas.syarat')}</th>
            <th scope="col">{t('layanan.berkas.nama')}</th>
            <th scope="col">{t('layanan.berkas.ukuran')}</th>
            <th scope="col">{t('layanan.berkas.verifikasi')}</th>
            {actions && <th scope="col">{t('layanan.berkas.aksi')}</th>}
          </tr>
        </thead>
        <tbody>
          {lampiran.map((l) => (
            <tr key={l.id}>
              <th scope="row">{syaratLabel(l.syarat)}</th>
              <td className="break">{l.namaBerkas}</td>
              <td className="nowrap">{formatUkuran(l.ukuran, lang)}</td>
              <td>
                <span className={l.diverifikasi === 'sah' ? 'badge badge--ok' : l.diverifikasi === 'tidak_sah' ? 'badge badge--off' : 'badge layanan-badge--belum'}>
                  {t(verifikasiLabel(l.diverifikasi))}
                </span>
                {l.catatanVerifikasi && <p className="layanan-small">{l.catatanVerifikasi}</p>}
              </td>
              {actions && <td>{actions(l)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface UnggahFormProps {
  syarat: readonly SyaratDef[];
  /** Sends one file; throws the API's error. */
  upload: (syarat: string, file: File) => Promise<void>;
  headingId: string;
}

/** Adds or replaces one attachment: pick the requirement it meets, pick the file. */
export function UnggahForm({ syarat, upload, headingId }: UnggahFormProps) {
  const { t, lang } = useI18n();
  const batas = useBatas();
  const [which, setWhich] = useState(syarat[0]?.name ?? 'lainnya');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [pending, setPending] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setDone('');
    if (!file) {
      setError(t('layanan.berkas.error.kosong'));
      form.current?.querySelector<HTMLElement>('input[type=file]')?.focus();
      return;
    }
    const refused = berkasDitolak(file, batas, t, lang);
    if (refused) {
      setError(refused);
      form.current?.querySelector<HTMLElement>('input[type=file]')?.focus();
      return;
    }
    setPending(true);
    setError('');
    try {
      await upload(which, file);
      setDone(t('layanan.berkas.terunggah', { name: file.name }));
      setFile(null);
      form.current?.reset();
    } catch (caught) {
      setError(uploadErrorText(caught, file.name, t, lang));
      form.current?.querySelector<HTMLElement>('input[type=file]')?.focus();
    } finally {
      setPending(false);
    }
  }

  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-labelledby={headingId} aria-busy={pending}>
      <h3 id={headingId}>{t('layanan.berkas.unggah.title')}</h3>
      <SelectField label={t('layanan.berkas.syarat')} value={which} onChange={(event) => setWhich(event.target.value)}>
        {syarat.map((s) => (
          <option key={s.name} value={s.name}>
            {s.label}
          </option>
        ))}
        <option value="lainnya">{t('layanan.berkas.lainnya')}</option>
      </SelectField>
      <FileField label={t('layanan.berkas.file')} file={file} onChange={(next) => { setFile(next); setError(''); }} error={error} />
      {error && (
        <div className="alert alert--error" role="alert">
          <p>{error}</p>
        </div>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--secondary">
          {pending ? t('layanan.berkas.unggah.pending') : t('layanan.berkas.unggah.submit')}
        </button>
        <p role="status" className="status-line">
          {done}
        </p>
      </div>
    </form>
  );
}

/**
 * An issued letter as staff and the camat see it: revocation notice, number, date, signer and the
 * verification address; `nip` adds the signer's NIP, `children` the actions under it.
 */
export function SuratPanel({ surat, headingId, nip = false, children }: { surat: Surat; headingId: string; nip?: boolean; children?: ReactNode }) {
  const { t, lang } = useI18n();
  const row = (label: string, value: ReactNode, className?: string) => (
    <div className="layanan-details__row">
      <dt>{label}</dt>
      <dd className={className}>{value}</dd>
    </div>
  );
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('layanan.surat.title')}</h2>
      {surat.dicabutAt && (
        <div className="alert alert--error" role="note">
          <p>{t('layanan.surat.dicabut', { tanggal: formatTanggal(surat.dicabutAt, lang) })}</p>
          {surat.alasanCabut && <p>{t('layanan.surat.alasan', { alasan: surat.alasanCabut })}</p>}
        </div>
      )}
      <dl className="details layanan-details">
        {row(t('layanan.surat.nomor'), surat.nomor)}
        {row(t('layanan.surat.tanggal'), formatTanggal(surat.tanggal, lang))}
        {row(
          t('layanan.surat.penandatangan'),
          <>
            {surat.penandatangan.nama} ({surat.penandatangan.jabatan}){nip && surat.penandatangan.nip ? `, NIP ${surat.penandatangan.nip}` : ''}
          </>,
        )}
        {row(t('layanan.surat.verifikasi'), <a href={surat.verifikasiUrl}>{surat.verifikasiUrl}</a>, 'break')}
      </dl>
      {children}
    </section>
  );
}
