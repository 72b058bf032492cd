import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, fieldErrorsOf } from '../../api/client';
import { useMe } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField, TextField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import { useOpdChoices } from './access';
import { jenisLabel, sexLabel } from './labels';
import { createPegawai, golonganFor, JENIS_PEGAWAI, todayWib, type NewPegawai, type OpdChoice } from './pegawaiApi';
import { emptyPenempatan, penempatanBody, PenempatanFields, useUnits, type PenempatanDraft } from './PenempatanFields';
import './pegawai.css';

/** Registers an employee with their first position; only the OPDs the user manages are offered (the API checks again). */
export function PegawaiNewPage() {
  const { t } = useI18n();
  const opds = useOpdChoices(useMe());
  return (
    <>
      <p className="breadcrumb">
        <Link to="/pegawai">{t('pegawai.back')}</Link>
      </p>
      <PageHeading>{t('pegawai.new.title')}</PageHeading>
      {opds.loading && !opds.data && <Loading />}
      <ErrorAlert error={opds.error} />
      {opds.data &&
        (opds.data.length === 0 ? (
          <div className="alert alert--error" role="alert">
            <p>{t('pegawai.new.noOpd')}</p>
          </div>
        ) : (
          <section className="panel">
            <PegawaiNewForm opds={opds.data} />
          </section>
        ))}
    </>
  );
}

type Draft = Record<'jenis' | 'nip' | 'nama' | 'gelarDepan' | 'gelarBelakang' | 'jenisKelamin' | 'tanggalLahir' | 'golongan' | 'tmtJabatan' | 'email' | 'telepon', string>;

function PegawaiNewForm({ opds }: { opds: readonly OpdChoice[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(() => ({
    jenis: 'pns', nip: '', nama: '', gelarDepan: '', gelarBelakang: '', jenisKelamin: '', tanggalLahir: '', golongan: '',
    tmtJabatan: todayWib(), email: '', telepon: '',
  }));
  const [penempatan, setPenempatan] = useState<PenempatanDraft>(() => emptyPenempatan(opds.length === 1 ? opds[0]!.id : ''));
  const units = useUnits(penempatan.opd, draft.tmtJabatan);
  const { pending, error, submit } = useSubmission();
  const errors = fieldErrorsOf(error);
  // A NIP already registered (409): say it next to the NIP too.
  if (error instanceof ApiError && error.problem?.code === 'pegawai.nip_taken') errors.nip ??= error.problem.detail;
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);

  const set = (key: keyof Draft) => (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [key]: event.target.value }));
  const asn = draft.jenis !== 'non_asn';
  const golonganOptions = golonganFor(draft.jenis);

  function changeJenis(event: { target: { value: string } }) {
    const jenis = event.target.value;
    // A golongan of the other kind no longer fits; the NIP field hides for non-ASN and is not sent.
    setDraft((current) => ({ ...current, jenis, golongan: golonganFor(jenis).includes(current.golongan) ? current.golongan : '' }));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Blank fields are left out, so the server names each missing one in a single answer.
    const body: Record<string, string> = {};
    for (const [key, value] of Object.entries(draft)) {
      const text = value.trim();
      if (text === '') continue;
      if (!asn && (key === 'nip' || key === 'golongan')) continue;
      body[key] = text;
    }
    Object.assign(body, penempatanBody(penempatan, units.data));
    void submit(async () => {
      const created = await createPegawai(body as NewPegawai);
      navigate(`/pegawai/${encodeURIComponent(created.data.id)}`, { state: { created: true } });
    });
  }

  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="pegawai-new-heading">
      <h2 id="pegawai-new-heading">{t('pegawai.new.heading')}</h2>
      <p className="field__hint">{t('pegawai.new.hint')}</p>
      <ErrorAlert error={error} />
      <fieldset className="pegawai-fieldset">
        <legend>{t('pegawai.new.identitas')}</legend>
        <div className="form__grid">
          <SelectField label={t('pegawai.field.jenis')} value={draft.jenis} onChange={changeJenis} error={errors.jenis} required>
            {JENIS_PEGAWAI.map((value) => (
              <option key={value} value={value}>
                {t(jenisLabel(value))}
              </option>
            ))}
          </SelectField>
          {asn && (
            <TextField
              label={t('pegawai.field.nip')}
              hint={t('pegawai.new.nipHint')}
              value={draft.nip}
              onChange={set('nip')}
              error={errors.nip}
              inputMode="numeric"
              maxLength={40}
              autoComplete="off"
              required
            />
          )}
          <TextField label={t('pegawai.field.nama')} hint={t('pegawai.new.namaHint')} value={draft.nama} onChange={set('nama')} error={errors.nama} maxLength={200} autoComplete="off" required />
          <TextField label={t('pegawai.field.gelarDepan')} value={draft.gelarDepan} onChange={set('gelarDepan')} error={errors.gelarDepan} maxLength={50} autoComplete="off" />
          <TextField label={t('pegawai.field.gelarBelakang')} value={draft.gelarBelakang} onChange={set('gelarBelakang')} error={errors.gelarBelakang} maxLength={50} autoComplete="off" />
          <SelectField label={t('pegawai.field.jenisKelamin')} value={draft.jenisKelamin} onChange={set('jenisKelamin')} error={errors.jenisKelamin} required>
            <option value="">{t('pegawai.form.choose')}</option>
            {['L', 'P'].map((value) => (
              <option key={value} value={value}>
                {t(sexLabel(value))}
              </option>
            ))}
          </SelectField>
          <TextField label={t('pegawai.field.tanggalLahir')} type="date" value={draft.tanggalLahir} onChange={set('tanggalLahir')} error={errors.tanggalLahir} required />
          {asn && (
            <SelectField label={t('pegawai.field.golongan')} value={draft.golongan} onChange={set('golongan')} error={errors.golongan} required={draft.jenis === 'pns'}>
              <option value="">{draft.jenis === 'pns' ? t('pegawai.form.choose') : t('pegawai.golongan.none')}</option>
              {golonganOptions.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </SelectField>
          )}
        </div>
      </fieldset>
      <fieldset className="pegawai-fieldset">
        <legend>{t('pegawai.new.penempatan')}</legend>
        <div className="form__grid">
          <TextField
            label={t('pegawai.field.tmtJabatan')}
            hint={t('pegawai.form.tmtHint')}
            type="date"
            value={draft.tmtJabatan}
            onChange={set('tmtJabatan')}
            error={errors.tmtJabatan}
            max={todayWib()}
            required
          />
          <PenempatanFields draft={penempatan} onChange={setPenempatan} opds={opds} units={units} errors={errors} />
        </div>
      </fieldset>
      <fieldset className="pegawai-fieldset">
        <legend>{t('pegawai.new.kontak')}</legend>
        <div className="form__grid">
          <TextField label={t('pegawai.field.email')} type="email" value={draft.email} onChange={set('email')} error={errors.email} maxLength={200} autoComplete="off" />
          <TextField label={t('pegawai.field.telepon')} type="tel" value={draft.telepon} onChange={set('telepon')} error={errors.telepon} maxLength={30} autoComplete="off" />
        </div>
      </fieldset>
      <div className="form__actions pegawai-actions">
        <button type="submit" className="button">
          {t('pegawai.new.submit')}
        </button>
        <Link className="button button--secondary" to="/pegawai">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
