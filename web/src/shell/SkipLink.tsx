import { useI18n } from '../i18n/I18nProvider';

export const MAIN_CONTENT_ID = 'konten-utama';

export function SkipLink() {
  const { t } = useI18n();
  return (
    <a className="skip-link" href={`#${MAIN_CONTENT_ID}`}>
      {t('shell.skipToContent')}
    </a>
  );
}
