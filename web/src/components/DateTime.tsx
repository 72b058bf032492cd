import { useI18n } from '../i18n/I18nProvider';

export function DateTime({ value }: { value: string }) {
  const { formatDateTime } = useI18n();
  return <time dateTime={value}>{formatDateTime(value)}</time>;
}
