import { useRef, useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/client';
import type { IdentityLink, User } from '../../api/types';
import { setUserIdentity } from '../../api/users';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/fields';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNip } from '../pegawai/pegawaiApi';
// The few rules of this section live with the other self-service styles.
import '../saya/saya.css';

interface IdentitySectionProps {
  user: User;
  canManage: boolean;
  onSaved: (user: User) => void;
}

/**
 * "Tautan identitas": the resident (NIK, shown masked) and employee (NIP) the account belongs to,
 * which the self roles read (warga: their resident record and who saw it; pegawai: their employee
 * record). Managers link and unlink here.
 */
export function IdentitySection({ user, canManage, onSaved }: IdentitySectionProps) {
  const { t } = useI18n();
  return (
    <section className="panel identity-panel" aria-labelledby="identity-heading">
      <h2 id="identity-heading">{t('identity.title')}</h2>
      <p className="field__hint">{t('identity.intro')}</p>
      <dl className="details identity-links">
        <dt>{t('identity.nik')}</dt>
        <dd>{user.nik ? <code>{user.nik}</code> : t('identity.unlinked')}</dd>
        <dt>{t('identity.nip')}</dt>
        <dd>{user.nip ? <code>{formatNip(user.nip)}</code> : t('identity.unlinked')}</dd>
      </dl>
      {canManage && <IdentityForm user={user} onSaved={onSaved} />}
    </section>
  );
}

type Done = '' | 'identity.saved' | 'identity.unlinked.nik' | 'identity.unlinked.nip';

/** Links a NIK and/or NIP (the fields left empty stay as they are) or unlinks one. */
export function IdentityForm({ user, onSaved }: { user: User; onSaved: (user: User) => void }) {
  const { t } = useI18n();
  const [nik, setNik] = useState('');
  const [nip, setNip] = useState('');
  const [empty, setEmpty] = useState(false);
  const [done, setDone] = useState<Done>('');
  const { pending, error, submit } = useSubmission();
  const errors = fieldErrorsOf(error);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);

  function send(link: IdentityLink, message: Exclude<Done, ''>, clear: () => void) {
    setDone('');
    void submit(async () => {
      onSaved(await setUserIdentity(user.id, link));
      clear();
      setDone(message);
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const link: IdentityLink = {};
    if (nik.trim()) link.nik = nik.trim();
    if (nip.trim()) link.nip = nip.trim();
    setEmpty(Object.keys(link).length === 0);
    if (Object.keys(link).length === 0) {
      setDone('');
      return;
    }
    send(link, 'identity.saved', () => {
      setNik('');
      setNip('');
    });
  }

  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="identity-form-heading">
      <h3 id="identity-form-heading">{t('identity.form.title')}</h3>
      <ErrorAlert error={error} />
      {empty && !error && (
        <div className="alert alert--error" role="alert">
          <p>{t('identity.empty')}</p>
        </div>
      )}
      <TextField
        label={t('identity.field.nik')}
        hint={t('identity.field.nikHint')}
        value={nik}
        onChange={(event) => setNik(event.target.value)}
        error={errors.nik}
        inputMode="numeric"
        autoComplete="off"
        maxLength={40}
      />
      <TextField
        label={t('identity.field.nip')}
        hint={t('identity.field.nipHint')}
        value={nip}
        onChange={(event) => setNip(event.target.value)}
        error={errors.nip}
        inputMode="numeric"
        autoComplete="off"
        maxLength={40}
      />
      <div className="form__actions">
        <button type="submit" className="button">
          {t('identity.submit')}
        </button>
        {user.nik && (
          <button type="button" className="button button--secondary" onClick={() => send({ nik: null }, 'identity.unlinked.nik', () => setNik(''))}>
            {t('identity.unlink.nik')}
          </button>
        )}
        {user.nip && (
          <button type="button" className="button button--secondary" onClick={() => send({ nip: null }, 'identity.unlinked.nip', () => setNip(''))}>
            {t('identity.unlink.nip')}
          </button>
        )}
        <p role="status" className="status-line">
          {done ? t(done) : ''}
        </p>
      </div>
    </form>
  );
}
