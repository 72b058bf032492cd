import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { hasPermission, useMe } from '../../auth/AuthProvider';
import { TextAreaField } from '../../components/fields';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useFormSubmission } from '../../hooks/useFormSubmission';
import { useResource } from '../../hooks/useResource';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/id';
import { formatUkuran } from './labels';
import {
  aksi,
  cabutSurat,
  getPermohonan,
  lampiranUrl,
  setujui,
  suratStafUrl,
  unggahStaf,
  verifikasiLampiran,
  type Detail,
  type Lampiran,
  type Versioned,
} from './layananApi';
import { IsianDetails, LampiranTable, PemohonDetails, RingkasanList, SuratPanel, Timeline, UnggahForm } from './parts';
import { SyaratList } from './PermohonanSayaDetailPage';
import './layanan.css';

/** One request in the staff view: applicant, fields, files to verify, and the actions its status allows. */
export function AntrianDetailPage() {
  const { t } = useI18n();
  const { ref = '' } = useParams();
  const record = useResource((signal) => getPermohonan(ref, signal), [ref]);

  return (
    <div className="layanan">
      <p className="breadcrumb">
        <Link to="/antrian-layanan">{t('layanan.antrian.back')}</Link>
      </p>
      <PageHeading>{record.data ? `${record.data.data.jenis.nama} · ${record.data.data.kodeLacak}` : t('layanan.detail.title')}</PageHeading>
      {record.loading && !record.data && <Loading />}
      <ErrorAlert error={record.error} />
      {record.data && <DetailStaf record={record.data} onChange={record.replace} onReload={record.reload} />}
    </div>
  );
}

type Panel = 'none' | 'perbaikan' | 'teruskan' | 'tolak' | 'cabut';

interface DetailProps {
  record: Versioned<Detail>;
  onChange: (record: Versioned<Detail>) => void;
  onReload: () => void;
}

function DetailStaf({ record, onChange, onReload }: DetailProps) {
  const { t, lang } = useI18n();
  const me = useMe();
  const p = record.data;
  const canSign = hasPermission(me, 'layanan.tandatangan');
  const [panel, setPanel] = useState<Panel>('none');
  // Arriving from the counter form: say the request was made, and which files the server refused.
  const arrival = (useLocation().state as { loket?: string; gagal?: string[] } | null) ?? {};
  const [saved, setSaved] = useState(arrival.loket ? t('layanan.loket.done', { kode: arrival.loket }) : '');
  const [gagal] = useState<string[]>(arrival.gagal ?? []);
  const direct = useSubmission();
  const status = useRef<HTMLParagraphElement>(null);

  const finish = (message: string) => (next: Versioned<Detail>) => {
    onChange(next);
    setSaved(message);
    setPanel('none');
  };
  useEffect(() => {
    if (saved) status.current?.focus();
  }, [saved]);

  const ambil = () => void direct.submit(async () => finish(t('layanan.aksi.ambil.done'))(await aksi(p.id, record.etag, 'ambil', {})));
  const approve = () => void direct.submit(async () => finish(t('layanan.aksi.setujui.done'))(await setujui(p.id, record.etag)));
  const open = (next: Panel) => () => {
    setSaved('');
    setPanel(next);
  };
  const canCabut = canSign && p.status === 'selesai' && p.surat !== null && !p.surat.dicabutAt;

  return (
    <>
      <section className="panel" aria-labelledby="staf-ringkasan-heading">
        <h2 id="staf-ringkasan-heading">{t('layanan.detail.ringkasan')}</h2>
        <RingkasanList p={p} petugas />
      </section>

      <section className="panel" aria-labelledby="staf-aksi-heading">
        <h2 id="staf-aksi-heading">{t('layanan.aksi.title')}</h2>
        <p ref={status} tabIndex={-1} role="status" className="status-line">
          {saved}
        </p>
        {gagal.length > 0 && (
          <div className="alert alert--error" role="alert">
            <p>{t('layanan.konfirmasi.gagal')}</p>
            <ul>
              {gagal.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </div>
        )}
        <FormAlert error={direct.error} stale={{ message: t('layanan.stale'), reload: t('layanan.staleReload') }} onReload={onReload} />
        {panel === 'none' && (
          <div className="layanan-actions">
            {p.status === 'baru' && (
              <button type="button" className="button" onClick={ambil}>
                {t('layanan.aksi.ambil')}
              </button>
            )}
            {p.status === 'verifikasi' && (
              <>
                <button type="button" className="button" onClick={open('teruskan')}>
                  {t('layanan.aksi.teruskan')}
                </button>
                <button type="button" className="button button--secondary" onClick={open('perbaikan')}>
                  {t('layanan.aksi.perbaikan')}
                </button>
              </>
            )}
            {p.status === 'menunggu_ttd' && canSign && (
              <button type="button" className="button" onClick={approve}>
                {t('layanan.aksi.setujui')}
              </button>
            )}
            {(['baru', 'verifikasi', 'perlu_perbaikan'].includes(p.status) || (p.status === 'menunggu_ttd' && canSign)) && (
              <button type="button" className="button button--secondary layanan-danger-outline" onClick={open('tolak')}>
                {t('layanan.aksi.tolak')}
              </button>
            )}
            {canCabut && (
              <button type="button" className="button button--secondary layanan-danger-outline" onClick={open('cabut')}>
                {t('layanan.aksi.cabut')}
              </button>
            )}
          </div>
        )}
        {panel === 'none' && <p className="field__hint">{t(hintFor(p, canSign))}</p>}
        {panel === 'perbaikan' && (
          <AlasanForm
            title={t('layanan.aksi.perbaikan.title')}
            label={t('layanan.aksi.perbaikan.label')}
            hint={t('layanan.aksi.perbaikan.hint')}
            submitLabel={t('layanan.aksi.perbaikan.submit')}
            field="catatan"
            required
            onCancel={() => setPanel('none')}
            onReload={onReload}
            send={async (text) => finish(t('layanan.aksi.perbaikan.done'))(await aksi(p.id, record.etag, 'perbaikan', { catatan: text }))}
          />
        )}
        {panel === 'teruskan' && (
          <AlasanForm
            title={t('layanan.aksi.teruskan.title')}
            label={t('layanan.aksi.teruskan.label')}
            hint={t('layanan.aksi.teruskan.hint')}
            submitLabel={t('layanan.aksi.teruskan.submit')}
            field="catatan"
            onCancel={() => setPanel('none')}
            onReload={onReload}
            send={async (text) => finish(t('layanan.aksi.teruskan.done'))(await aksi(p.id, record.etag, 'teruskan', { catatan: text || null }))}
          />
        )}
        {panel === 'tolak' && (
          <AlasanForm
            title={t('layanan.aksi.tolak.title')}
            label={t('layanan.aksi.alasan')}
            hint={t('layanan.aksi.tolak.hint')}
            submitLabel={t('layanan.aksi.tolak.submit')}
            field="alasan"
            required
            danger
            onCancel={() => setPanel('none')}
            onReload={onReload}
            send={async (text) => finish(t('layanan.aksi.tolak.done'))(await aksi(p.id, record.etag, 'tolak', { alasan: text }))}
          />
        )}
        {panel === 'cabut' && (
          <AlasanForm
            title={t('layanan.aksi.cabut.title')}
            label={t('layanan.aksi.alasan')}
            hint={t('layanan.aksi.cabut.hint')}
            submitLabel={t('layanan.aksi.cabut.submit')}
            field="alasan"
            required
            danger
            onCancel={() => setPanel('none')}
            onReload={onReload}
            send={async (text) => {
              await cabutSurat(p.id, text);
              setSaved(t('layanan.aksi.cabut.done'));
              setPanel('none');
              onReload();
            }}
          />
        )}
      </section>

      {p.surat && (
        <SuratPanel surat={p.surat} headingId="staf-surat-heading" nip>
          <p className="layanan-actions">
            <a className="button button--secondary" href={suratStafUrl(p.id)} download>
              {t('layanan.surat.unduh')}
              <span className="visually-hidden"> ({formatUkuran(p.surat.ukuran, lang)})</span>
            </a>
          </p>
        </SuratPanel>
      )}

      <section className="panel" aria-labelledby="staf-berkas-heading">
        <h2 id="staf-berkas-heading">{t('layanan.detail.berkas')}</h2>
        <SyaratList detail={p} />
        <LampiranTable
          lampiran={p.lampiran}
          syarat={p.syarat}
          captionId="staf-berkas-caption"
          actions={(l) => <LampiranActions permohonanId={p.id} lampiran={l} canVerify={p.status === 'verifikasi'} onChanged={onReload} />}
        />
        {['baru', 'verifikasi', 'perlu_perbaikan'].includes(p.status) && (
          <UnggahForm
            syarat={p.syarat}
            headingId="staf-unggah-heading"
            upload={async (syarat, file) => {
              await unggahStaf(p.id, syarat, file, { csrfToken: me.csrfToken, lang });
              onReload();
            }}
          />
        )}
      </section>

      <section className="panel" aria-labelledby="staf-pemohon-heading">
        <h2 id="staf-pemohon-heading">{t('layanan.detail.pemohon')}</h2>
        <PemohonDetails pemohon={p.pemohon} />
        {(p.email || p.telepon) && (
          <dl className="details layanan-details">
            {p.email && (
              <div className="layanan-details__row">
                <dt>{t('layanan.ajukan.email')}</dt>
                <dd className="break">{p.email}</dd>
              </div>
            )}
            {p.telepon && (
              <div className="layanan-details__row">
                <dt>{t('layanan.ajukan.telepon')}</dt>
                <dd>{p.telepon}</dd>
              </div>
            )}
          </dl>
        )}
        <h3>{t('layanan.detail.isian')}</h3>
        <IsianDetails fields={p.fields} data={p.data} />
      </section>

      <section className="panel" aria-labelledby="staf-timeline-heading">
        <h2 id="staf-timeline-heading">{t('layanan.timeline.title')}</h2>
        <Timeline riwayat={p.riwayat} headingId="staf-timeline-heading" />
      </section>
    </>
  );
}

function hintFor(p: Detail, canSign: boolean): MessageKey {
  switch (p.status) {
    case 'baru':
      return 'layanan.aksi.hint.baru';
    case 'verifikasi':
      return 'layanan.aksi.hint.verifikasi';
    case 'perlu_perbaikan':
      return 'layanan.aksi.hint.perbaikan';
    case 'menunggu_ttd':
      return canSign ? 'layanan.aksi.hint.ttd' : 'layanan.aksi.hint.ttdLain';
    default:
      return 'layanan.aksi.hint.selesai';
  }
}

/** Open a file, and (while verifying) mark it valid or not, with an optional note. */
function LampiranActions({ permohonanId, lampiran, canVerify, onChanged }: { permohonanId: string; lampiran: Lampiran; canVerify: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [asking, setAsking] = useState(false);
  const [catatan, setCatatan] = useState('');

  async function mark(sah: boolean) {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await verifikasiLampiran(permohonanId, lampiran.id, sah, catatan.trim() || null);
      setAsking(false);
      onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="layanan-lampiran-actions">
      <a className="button button--secondary button--small" href={lampiranUrl(permohonanId, lampiran.id)} target="_blank" rel="noopener">
        {t('layanan.berkas.buka')}
        <span className="visually-hidden"> {lampiran.namaBerkas}</span>
      </a>
      {canVerify && !asking && (
        <>
          <button type="button" className="button button--small" onClick={() => void mark(true)} aria-label={t('layanan.berkas.sahLabel', { name: lampiran.namaBerkas })}>
            {t('layanan.berkas.sah')}
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => setAsking(true)} aria-label={t('layanan.berkas.tidakSahLabel', { name: lampiran.namaBerkas })}>
            {t('layanan.berkas.tidakSah')}
          </button>
        </>
      )}
      {canVerify && asking && (
        <div className="layanan-inline-form">
          <TextAreaField label={t('layanan.berkas.catatanTidakSah', { name: lampiran.namaBerkas })} value={catatan} onChange={(event) => setCatatan(event.target.value)} maxLength={500} rows={2} autoFocus />
          <div className="layanan-actions">
            <button type="button" className="button button--small layanan-danger" onClick={() => void mark(false)}>
              {t('layanan.berkas.tidakSahSubmit')}
            </button>
            <button type="button" className="button button--secondary button--small" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      <ErrorAlert error={error} />
    </div>
  );
}

interface AlasanFormProps {
  title: string;
  label: string;
  hint: string;
  submitLabel: string;
  field: 'catatan' | 'alasan';
  required?: boolean;
  danger?: boolean;
  onCancel: () => void;
  onReload: () => void;
  send: (text: string) => Promise<void>;
}

/** A step that takes a comment or a reason (required ones at least 5 characters, as the API asks). */
function AlasanForm({ title, label, hint, submitLabel, field, required, danger, onCancel, onReload, send }: AlasanFormProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [localError, setLocalError] = useState('');
  const { pending, error, submit, form, errors } = useFormSubmission('textarea');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (required && text.trim().length < 5) {
      setLocalError(t('layanan.aksi.alasanMin'));
      form.current?.querySelector<HTMLElement>('textarea')?.focus();
      return;
    }
    setLocalError('');
    void submit(() => send(text.trim()));
  }

  return (
    <form ref={form} className="form layanan-inline-form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-label={title}>
      <h3>{title}</h3>
      <FormAlert error={error} stale={{ message: t('layanan.stale'), reload: t('layanan.staleReload') }} onReload={onReload} />
      <ErrorList error={error} />
      <TextAreaField label={label} hint={hint} value={text} onChange={(event) => setText(event.target.value)} error={localError || errors[field]} maxLength={1000} rows={4} required={required} />
      <div className="form__actions">
        <button type="submit" className={danger ? 'button layanan-danger' : 'button'}>
          {submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Errors that belong to no input on the form (e.g. which required files are not verified yet). */
function ErrorList({ error }: { error: unknown }) {
  const problem = (error as { problem?: { errors?: { field: string; message: string }[] } } | null)?.problem;
  const items = (problem?.errors ?? []).filter((e) => e.field.startsWith('syarat/'));
  if (items.length === 0) return null;
  return (
    <ul className="layanan-error-list">
      {items.map((e) => (
        <li key={e.field}>{e.message}</li>
      ))}
    </ul>
  );
}
