import { useState, type FormEvent } from 'react';
import { TextField } from '../../../components/fields';
import { useResource } from '../../../hooks/useResource';
import { useI18n } from '../../../i18n/I18nProvider';
import { listAplikasi } from '../integrasiApi';

/** Which app's webhooks to show: its kode, with the catalogue's apps as suggestions. */
export function AplikasiPicker({ value, onChange }: { value: string; onChange: (kode: string) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value);
  const apps = useResource((signal) => listAplikasi({ limit: 100 }, signal).catch(() => ({ items: [] })), []);
  function choose(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange(draft.trim().toLowerCase());
  }
  return (
    <form className="panel webhook-filters" role="search" aria-label={t('integrasi.webhook.pilihAplikasi')} onSubmit={choose}>
      <TextField label={t('integrasi.webhook.aplikasi')} hint={t('integrasi.webhook.aplikasiHint')} value={draft} onChange={(e) => setDraft(e.target.value)} list="webhook-aplikasi" maxLength={64} />
      <datalist id="webhook-aplikasi">
        {apps.data?.items.map((a) => (
          <option key={a.kode} value={a.kode}>
            {a.nama}
          </option>
        ))}
      </datalist>
      <div className="form__actions">
        <button type="submit" className="button">
          {t('integrasi.webhook.tampilkan')}
        </button>
      </div>
    </form>
  );
}
