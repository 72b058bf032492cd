import { useI18n } from '../../i18n/I18nProvider';

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useI18n();
  return (
    <span className={active ? 'badge badge--ok' : 'badge badge--off'}>
      {t(active ? 'user.active' : 'user.inactive')}
    </span>
  );
}
