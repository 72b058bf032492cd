import { useI18n } from '../i18n/I18nProvider';

export function Footer() {
  const { t } = useI18n();
  return (
    <footer className="app-footer">
      <p>{t('shell.footer')}</p>
    </footer>
  );
}
