import { useI18n, type Lang } from '../i18n/I18nProvider';

/** Language names are written in their own language, as is customary for language pickers. */
const LANGUAGES: { lang: Lang; name: string }[] = [
  { lang: 'id', name: 'Indonesia' },
  { lang: 'en', name: 'English' },
];

export function LanguageSwitch() {
  const { lang: current, setLang, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t('shell.language')}>
      {LANGUAGES.map(({ lang, name }) => (
        <button key={lang} type="button" lang={lang} aria-pressed={lang === current} onClick={() => setLang(lang)}>
          {name}
        </button>
      ))}
    </div>
  );
}
