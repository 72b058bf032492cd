import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMe } from '../../auth/AuthProvider';
import { TextAreaField } from '../../components/fields';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { LocalInvalid, useFormSubmission } from '../../hooks/useFormSubmission';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTanggal, formatUkuran } from './labels';
import {
  ajukanUlang,
  batal,
  getPermohonanSaya,
  hapusLampiranSaya,
  lampiranSayaUrl,
  suratSayaUrl,
  unggahSaya,
  type Detail,
  type Status,
  type Versioned,
} from './layananApi';
import { IsianDetails, IsianFields, isianAwal, isianKosong, isianUntukApi, LampiranTable, PemohonDetails, RingkasanList, Timeline, UnggahForm, type Isian } from './parts';
import './layanan.css';

const BISA_BATAL: readonly Status[] = ['baru', 'verifikasi', 'perlu_perbaikan', 'menunggu_ttd'];
const BISA_UNGGAH: readonly Status[] = ['baru', 'perlu_perbaikan'];

/** One of the resident's requests: status, timeline, the officer's comment and re-submission, cancel, the letter. */
export function PermohonanSayaDetailPage() {
  const { t } = useI18n();
  const { ref = '' } = useParams();
  const record = useResource((signal) => getPermohonanSaya(ref, signal), [ref]);

  return (
    <div className="layanan layanan--narrow">
      <p className="breadcrumb">
        <Link to="/layanan/saya">{t('layanan.saya.back')}</Link>
      </p>
      <PageHeading>{record.data ? record.data.data.jenis.nama : t('layanan.detail.title')}</PageHeading>
      {record.loading && !record.data && <Loading />}
      <ErrorAlert error={record.error} />
      {record.data && <DetailSaya record={record.data} onChange={record.replace} onReload={record.reload} />}
    </div>
  );
}

interface DetailProps {
  record: Versioned<Detail>;
  onChange: (record: Versioned<Detail>) => void;
  onReload: () => void;
}

function DetailSaya({ record, onChange, onReload }: DetailProps) {
  const { t, lang } = useI18n();
  const me = useMe();
  const p = record.data;
  const [saved, setSaved] = useState('');
  const [panel, setPanel] = useState<'none' | 'batal'>('none');
  const batalButton = useRef<HTMLButtonElement>(null);

  const done = (message: string) => (next: Versioned<Detail>) => {
    onChange(next);
    setSaved(message);
    setPanel('none');
  };

  return (
    <>
      <section className="panel" aria-labelledby="saya-ringkasan-heading">
        <h2 id="saya-ringkasan-heading">{t('layanan.detail.ringkasan')}</h2>
        <RingkasanList p={p} />
        <p role="status" className="status-line">
          {saved}
        </p>
        {p.status === 'ditolak' && p.catatan && (
          <div className="alert alert--error" role="note">
            <p>{t('layanan.detail.ditolak', { alasan: p.catatan })}</p>
          </div>
        )}
        {BISA_BATAL.includes(p.status) && panel === 'none' && (
          <p className="layanan-actions">
            <button ref={batalButton} type="button" className="button button--secondary" onClick={() => { setSaved(''); setPanel('batal'); }}>
              {t('layanan.batal.open')}
            </button>
          </p>
        )}
        {panel === 'batal' && (
          <BatalForm
            record={record}
            onReload={onReload}
            onDone={done(t('layanan.batal.done'))}
            onCancel={() => {
              setPanel('none');
              requestAnimationFrame(() => batalButton.current?.focus());
            }}
          />
        )}
      </section>

      {p.status === 'perlu_perbaikan' && <PerbaikanSection record={record} onReload={onReload} onDone={done(t('layanan.perbaikan.done'))} />}

      {p.surat && <SuratSection detail={p} />}

      <section className="panel" aria-labelledby="saya-berkas-heading">
        <h2 id="saya-berkas-heading">{t('layanan.detail.berkas')}</h2>
        <SyaratList detail={p} />
        <LampiranTable
          lampiran={p.lampiran}
          syarat={p.syarat}
          captionId="saya-berkas-caption"
          actions={(l) => (
            <div className="layanan-lampiran-actions">
              <a className="button button--secondary button--small" href={lampiranSayaUrl(p.id, l.id)} download={l.namaBerkas}>
                {t('layanan.berkas.unduh')}
                <span className="visually-hidden"> {l.namaBerkas}</span>
              </a>
              {BISA_UNGGAH.includes(p.status) && (
                <HapusButton
                  label={t('layanan.berkas.hapus', { name: l.namaBerkas })}
                  onDelete={async () => {
                    await hapusLampiranSaya(p.id, l.id);
                    onReload();
                  }}
                />
              )}
            </div>
          )}
        />
        {BISA_UNGGAH.includes(p.status) && (
          <UnggahForm
            syarat={p.syarat}
            headingId="saya-unggah-heading"
            upload={async (syarat, file) => {
              await unggahSaya(p.id, syarat, file, { csrfToken: me.csrfToken, lang });
              onReload();
            }}
          />
        )}
      </section>

      <section className="panel" aria-labelledby="saya-isian-heading">
        <h2 id="saya-isian-heading">{t('layanan.detail.isian')}</h2>
        <IsianDetails fields={p.fields} data={p.data} />
        <h3>{t('layanan.ajukan.pemohon')}</h3>
        <PemohonDetails pemohon={p.pemohon} />
      </section>

      <section className="panel" aria-labelledby="saya-timeline-heading">
        <h2 id="saya-timeline-heading">{t('layanan.timeline.title')}</h2>
        <Timeline riwayat={p.riwayat} headingId="saya-timeline-heading" />
      </section>
    </>
  );
}

/** The requirements, each with whether a file meets it. */
export function SyaratList({ detail }: { detail: Detail }) {
  const { t } = useI18n();
  if (detail.syarat.length === 0) return null;
  return (
    <ul className="layanan-syarat">
      {detail.syarat.map((s) => (
        <li key={s.name}>
          {s.label} {s.required ? '' : <span className="muted">({t('layanan.jenis.opsional')})</span>} —{' '}
          <span className={s.terpenuhi ? 'layanan-ok' : 'layanan-kurang'}>{t(s.terpenuhi ? 'layanan.syarat.ada' : 'layanan.syarat.belum')}</span>
        </li>
      ))}
    </ul>
  );
}

function HapusButton({ label, onDelete }: { label: string; onDelete: () => Promise<void> }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-label={label}
        onClick={async () => {
          if (pending) return;
          setPending(true);
          setError(null);
          try {
            await onDelete();
          } catch (caught) {
            setError(caught);
          } finally {
            setPending(false);
          }
        }}
      >
        {t('layanan.berkas.hapusShort')}
      </button>
      <ErrorAlert error={error} />
    </>
  );
}

function SuratSection({ detail }: { detail: Detail }) {
  const { t, lang } = useI18n();
  const surat = detail.surat!;
  return (
    <section className="panel" aria-labelledby="saya-surat-heading">
      <h2 id="saya-surat-heading">{t('layanan.surat.title')}</h2>
      {surat.dicabutAt ? (
        <div className="alert alert--error" role="note">
          <p>{t('layanan.surat.dicabut', { tanggal: formatTanggal(surat.dicabutAt, lang) })}</p>
          {surat.alasanCabut && <p>{t('layanan.surat.alasan', { alasan: surat.alasanCabut })}</p>}
        </div>
      ) : (
        <div className="alert alert--ok" role="note">
          <p>{t('layanan.surat.terbit')}</p>
        </div>
      )}
      <dl className="details layanan-details">
        <div className="layanan-details__row">
          <dt>{t('layanan.surat.nomor')}</dt>
          <dd>{surat.nomor}</dd>
        </div>
        <div className="layanan-details__row">
          <dt>{t('layanan.surat.tanggal')}</dt>
          <dd>{formatTanggal(surat.tanggal, lang)}</dd>
        </div>
        <div className="layanan-details__row">
          <dt>{t('layanan.surat.berlaku')}</dt>
          <dd>{surat.berlakuSampai ? formatTanggal(surat.berlakuSampai, lang) : t('layanan.surat.berlakuTetap')}</dd>
        </div>
        <div className="layanan-details__row">
          <dt>{t('layanan.surat.penandatangan')}</dt>
          <dd>
            {surat.penandatangan.nama} ({surat.penandatangan.jabatan})
          </dd>
        </div>
        <div className="layanan-details__row">
          <dt>{t('layanan.surat.verifikasi')}</dt>
          <dd className="break">
            <a href={surat.verifikasiUrl}>{surat.verifikasiUrl}</a>
          </dd>
        </div>
      </dl>
      <p className="layanan-actions">
        <a className="button" href={suratSayaUrl(detail.id)} download>
          {t('layanan.surat.unduh')}
          <span className="visually-hidden"> ({formatUkuran(surat.ukuran, lang)})</span>
        </a>
      </p>
    </section>
  );
}

function BatalForm({ record, onDone, onCancel, onReload }: { record: Versioned<Detail>; onDone: (next: Versioned<Detail>) => void; onCancel: () => void; onReload: () => void }) {
  const { t } = useI18n();
  const [alasan, setAlasan] = useState('');
  const { pending, error, submit, form, errors } = useFormSubmission('textarea');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => onDone(await batal(record.data.id, record.etag, alasan.trim() || null)));
  }

  return (
    <form ref={form} className="form layanan-inline-form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="batal-heading">
      <h3 id="batal-heading">{t('layanan.batal.title')}</h3>
      <p>{t('layanan.batal.hint')}</p>
      <FormAlert error={error} stale={{ message: t('layanan.stale'), reload: t('layanan.staleReload') }} onReload={onReload} />
      <TextAreaField label={t('layanan.batal.alasan')} value={alasan} onChange={(event) => setAlasan(event.target.value)} error={errors.alasan} maxLength={1000} rows={3} />
      <div className="form__actions">
        <button type="submit" className="button layanan-danger">
          {t('layanan.batal.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('layanan.batal.kembali')}
        </button>
      </div>
    </form>
  );
}

/** "Needs changes": the officer's comment, the fields to correct, new files, and sending it back. */
function PerbaikanSection({ record, onDone, onReload }: { record: Versioned<Detail>; onDone: (next: Versioned<Detail>) => void; onReload: () => void }) {
  const { t } = useI18n();
  const p = record.data;
  const [values, setValues] = useState<Isian>(() => isianAwal(p.fields, p.data));
  const [catatan, setCatatan] = useState('');
  const { pending, error, submit, form, errors } = useFormSubmission();
  const note = useRef<HTMLDivElement>(null);
  useEffect(() => note.current?.focus(), []);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      const local = isianKosong(p.fields, values, t('layanan.isian.wajibDiisi'));
      if (Object.keys(local).length > 0) throw new LocalInvalid(local);
      onDone(await ajukanUlang(p.id, record.etag, { data: isianUntukApi(p.fields, values), catatan: catatan.trim() || null }));
    });
  }

  return (
    <section className="panel layanan-perbaikan" aria-labelledby="perbaikan-heading">
      <h2 id="perbaikan-heading">{t('layanan.perbaikan.title')}</h2>
      <div ref={note} tabIndex={-1} className="alert alert--error" role="note">
        <p>{t('layanan.perbaikan.catatanPetugas')}</p>
        <p className="layanan-catatan">{p.catatan ?? '—'}</p>
      </div>
      <p>{t('layanan.perbaikan.hint')}</p>
      <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="perbaikan-form-heading">
        <h3 id="perbaikan-form-heading">{t('layanan.perbaikan.formTitle')}</h3>
        <FormAlert error={error} checkFields={t('layanan.form.periksa')} stale={{ message: t('layanan.stale'), reload: t('layanan.staleReload') }} onReload={onReload} />
        <IsianFields fields={p.fields} values={values} onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))} errors={errors} />
        <TextAreaField label={t('layanan.perbaikan.catatan')} value={catatan} onChange={(event) => setCatatan(event.target.value)} error={errors.catatan} maxLength={1000} rows={3} />
        <div className="form__actions">
          <button type="submit" className="button">
            {pending ? t('layanan.ajukan.pending') : t('layanan.perbaikan.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
